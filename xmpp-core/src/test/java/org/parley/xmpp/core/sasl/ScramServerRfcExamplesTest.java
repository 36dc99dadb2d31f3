package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The SCRAM exchanges printed in RFC 5802 §5 and RFC 7677 §3, replayed byte for byte against the server. */
class ScramServerRfcExamplesTest {

    @Test
    void rfc5802Section5ScramSha1ExampleMatchesServerFirstAndServerSignature() {
        ScramServer server = rfc5802Server();

        SaslStep first = server.start(bytes("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
        assertThat(first).isEqualTo(new SaslStep.Challenge(
                bytes("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096")));

        SaslStep last = server.respond(
                bytes("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        assertThat(last).isEqualTo(new SaslStep.Success("user", bytes("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")));
    }

    @Test
    void rfc5802Section5ExampleWithAWrongProofIsNotAuthorized() {
        ScramServer server = rfc5802Server();
        server.start(bytes("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
        byte[] proof = Base64.getDecoder().decode("v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        proof[0] ^= 1;

        SaslStep last = server.respond(bytes("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p="
                + Base64.getEncoder().encodeToString(proof)));

        assertThat(last).isEqualTo(new SaslStep.Failed(SaslFailure.NOT_AUTHORIZED, "invalid proof"));
    }

    @Test
    void rfc7677Section3ScramSha256ExampleMatchesServerFirstAndServerSignature() {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        CredentialStore store = new RecordingCredentialStore()
                .with("user", ScramCredentials.derive(ScramHash.SHA_256, "pencil", salt, 4096));
        ScramServer server = new ScramServer(ScramHash.SHA_256, store, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

        SaslStep first = server.start(bytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertThat(first).isEqualTo(new SaslStep.Challenge(bytes(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")));

        SaslStep last = server.respond(bytes("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(last).isEqualTo(
                new SaslStep.Success("user", bytes("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
    }

    @Test
    void testClientReproducesTheRfc5802Proof() {
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_1, "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");

        byte[] clientFinal = client.clientFinal(
                bytes("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));

        assertThat(new String(clientFinal, UTF_8))
                .isEqualTo("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        assertThat(client.expectedServerFinal()).isEqualTo(bytes("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
    }

    private static ScramServer rfc5802Server() {
        byte[] salt = Base64.getDecoder().decode("QSXCR+Q6sek8bf92");
        CredentialStore store = new RecordingCredentialStore()
                .with("user", ScramCredentials.derive(ScramHash.SHA_1, "pencil", salt, 4096));
        return new ScramServer(ScramHash.SHA_1, store, "3rfcNHYJY1ZVvWVs7j");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
