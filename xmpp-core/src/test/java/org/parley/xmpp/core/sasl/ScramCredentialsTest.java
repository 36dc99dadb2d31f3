package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stored form of a password (RFC 5802 §3). */
class ScramCredentialsTest {
    private static final byte[] SALT = RecordingCredentialStore.SALT;

    @Test
    void deriveIsDeterministicAndEqualityComparesArrayContents() {
        ScramCredentials a = ScramCredentials.derive(ScramHash.SHA_256, "pencil", SALT, 4096);
        ScramCredentials b = ScramCredentials.derive(ScramHash.SHA_256, "pencil", SALT.clone(), 4096);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ScramCredentials.derive(ScramHash.SHA_256, "pencil", SALT, 4097));
        assertThat(a.storedKey()).hasSize(32);
        assertThat(a.serverKey()).hasSize(32);
    }

    @Test
    void keysMatchAnIndependentClientForANonAsciiPassword() {
        String password = "p\u00E4ss\u00A0w\u00F6rd";
        ScramCredentials stored = ScramCredentials.derive(ScramHash.SHA_1, password, SALT, 4096);
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_1, "user", "p\u00E4ss w\u00F6rd", "nonce");
        ScramServer server = new ScramServer(ScramHash.SHA_1, (user, hash) -> Optional.of(stored), null);

        SaslStep.Challenge first = (SaslStep.Challenge) server.start(client.clientFirst());

        assertThat(server.respond(client.clientFinal(first.data()))).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void verifyPasswordAcceptsOnlyThePassword() {
        ScramCredentials stored = ScramCredentials.derive(ScramHash.SHA_512, "pencil", SALT, 4096);

        assertThat(stored.verifyPassword("pencil")).isTrue();
        assertThat(stored.verifyPassword("Pencil")).isFalse();
        assertThat(stored.verifyPassword("")).isFalse();
        assertThat(stored.verifyPassword("\u0007")).isFalse();
    }

    @Test
    void generateUsesASixteenByteRandomSalt() {
        SecureRandom random = new SecureRandom();
        ScramCredentials a = ScramCredentials.generate(ScramHash.SHA_256, "pencil", 4096, random);
        ScramCredentials b = ScramCredentials.generate(ScramHash.SHA_256, "pencil", 4096, random);

        assertThat(a.salt()).hasSize(16);
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.iterations()).isEqualTo(4096);
        assertThat(a.verifyPassword("pencil")).isTrue();
    }

    @Test
    void passwordThatSaslprepProhibitsCannotBeSet() {
        assertThatThrownBy(() -> ScramCredentials.derive(ScramHash.SHA_256, "bell\u0007", SALT, 4096))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNoKeys() {
        ScramCredentials stored = ScramCredentials.derive(ScramHash.SHA_256, "pencil", SALT, 4096);

        assertThat(stored.toString())
                .contains("SHA_256", "4096", Base64.getEncoder().encodeToString(SALT))
                .doesNotContain(Base64.getEncoder().encodeToString(stored.storedKey()))
                .doesNotContain(Base64.getEncoder().encodeToString(stored.serverKey()));
    }

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] salt = SALT.clone();
        ScramCredentials stored = ScramCredentials.derive(ScramHash.SHA_256, "pencil", salt, 4096);
        salt[0] ^= 1;
        stored.storedKey()[0] ^= 1;

        assertThat(stored).isEqualTo(ScramCredentials.derive(ScramHash.SHA_256, "pencil", SALT, 4096));
    }

    @Test
    void constructorRejectsKeysOfTheWrongLengthEmptySaltAndNoIterations() {
        byte[] key = new byte[20];
        assertThatThrownBy(() -> new ScramCredentials(ScramHash.SHA_256, SALT, 4096, key, key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramCredentials(ScramHash.SHA_1, new byte[0], 4096, key, key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramCredentials(ScramHash.SHA_1, SALT, 0, key, key))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scramHashNamesAndLengths() {
        assertThat(ScramHash.forMechanism("SCRAM-SHA-1")).contains(ScramHash.SHA_1);
        assertThat(ScramHash.forMechanism("SCRAM-SHA-256")).contains(ScramHash.SHA_256);
        assertThat(ScramHash.forMechanism("SCRAM-SHA-512")).contains(ScramHash.SHA_512);
        assertThat(ScramHash.forMechanism("SCRAM-SHA-256-PLUS")).isEmpty();
        assertThat(ScramHash.forMechanism("scram-sha-256")).isEmpty();
        assertThat(ScramHash.SHA_512.macAlgorithm()).isEqualTo("HmacSHA512");
        assertThat(ScramHash.SHA_512.digestAlgorithm()).isEqualTo("SHA-512");
        assertThat(ScramHash.SHA_512.keyLength()).isEqualTo(64);
        assertThat(ScramHash.SHA_1.digest("abc".getBytes(UTF_8))).hasSize(ScramHash.SHA_1.keyLength());
    }
}
