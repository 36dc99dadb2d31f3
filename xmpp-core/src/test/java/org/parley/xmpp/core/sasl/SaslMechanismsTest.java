package org.parley.xmpp.core.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Offering and creating mechanisms (RFC 6120 §6.4.1), and the failure element names (RFC 6120 §6.5). */
class SaslMechanismsTest {
    private static final CredentialStore STORE = (username, hash) -> Optional.empty();

    @Test
    void offersEnabledMechanismsStrongestFirst() {
        SaslMechanisms all =
                new SaslMechanisms(STORE, Set.of("PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512"));
        SaslMechanisms some = new SaslMechanisms(STORE, Set.of("PLAIN", "SCRAM-SHA-256"));

        assertThat(all.offered()).containsExactly("SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(some.offered()).containsExactly("SCRAM-SHA-256", "PLAIN");
    }

    @Test
    void createsAFreshInstanceOfAnOfferedMechanism() {
        SaslMechanisms mechanisms = new SaslMechanisms(STORE, Set.of("PLAIN", "SCRAM-SHA-256"));

        assertThat(mechanisms.create("SCRAM-SHA-256")).get()
                .isInstanceOf(ScramServer.class)
                .extracting(SaslServerMechanism::name).isEqualTo("SCRAM-SHA-256");
        assertThat(mechanisms.create("PLAIN")).get().isInstanceOf(PlainServer.class);
        assertThat(mechanisms.create("PLAIN").get()).isNotSameAs(mechanisms.create("PLAIN").get());
    }

    @Test
    void mechanismThatIsNotOfferedIsNotCreated() {
        SaslMechanisms mechanisms = new SaslMechanisms(STORE, Set.of("SCRAM-SHA-256"));

        assertThat(mechanisms.create("SCRAM-SHA-1")).isEmpty();
        assertThat(mechanisms.create("PLAIN")).isEmpty();
        assertThat(mechanisms.create("DIGEST-MD5")).isEmpty();
    }

    @Test
    void unknownMechanismInConfigurationIsRejected() {
        assertThatThrownBy(() -> new SaslMechanisms(STORE, Set.of("SCRAM-SHA-256", "DIGEST-MD5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DIGEST-MD5");
    }

    @Test
    void failureElementNamesAreTheRfc6120Conditions() {
        assertThat(SaslFailure.values()).extracting(SaslFailure::elementName).containsExactly(
                "aborted", "account-disabled", "credentials-expired", "encryption-required", "incorrect-encoding",
                "invalid-authzid", "invalid-mechanism", "malformed-request", "mechanism-too-weak", "not-authorized",
                "temporary-auth-failure");
    }
}
