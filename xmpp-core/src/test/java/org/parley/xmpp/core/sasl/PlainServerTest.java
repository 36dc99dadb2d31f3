package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PLAIN (RFC 4616) checked against stored SCRAM credentials. */
class PlainServerTest {
    private static final SaslStep.Failed WRONG =
            new SaslStep.Failed(SaslFailure.NOT_AUTHORIZED, "wrong username or password");

    private final RecordingCredentialStore store = new RecordingCredentialStore()
            .with("juliet", ScramHash.SHA_1, "r0m30")
            .with("juliet", ScramHash.SHA_256, "r0m30");

    @Test
    void rightPasswordSucceedsWithoutAdditionalData() {
        assertThat(plain("\0juliet\0r0m30")).isEqualTo(new SaslStep.Success("juliet", new byte[0]));
    }

    @Test
    void scramSha256CredentialsAreTriedFirst() {
        plain("\0juliet\0r0m30");

        assertThat(store.lookups).containsExactly(ScramHash.SHA_256);
    }

    @Test
    void fallsBackToScramSha1ThenScramSha512Credentials() {
        RecordingCredentialStore sha512Only = new RecordingCredentialStore().with("romeo", ScramHash.SHA_512, "j00l");

        assertThat(new PlainServer(sha512Only).start(bytes("\0romeo\0j00l"))).isInstanceOf(SaslStep.Success.class);
        assertThat(sha512Only.lookups).containsExactly(ScramHash.SHA_256, ScramHash.SHA_1, ScramHash.SHA_512);
    }

    @Test
    void wrongPasswordIsNotAuthorized() {
        assertThat(plain("\0juliet\0romeo")).isEqualTo(WRONG);
    }

    @Test
    void unknownUserFailsExactlyLikeAWrongPassword() {
        assertThat(plain("\0romeo\0r0m30")).isEqualTo(WRONG);
    }

    @Test
    void authcidIsNodeprepped() {
        assertThat(plain("\0JULIET\0r0m30")).isEqualTo(new SaslStep.Success("juliet", new byte[0]));
    }

    @Test
    void passwordsAreComparedAfterSaslprep() {
        store.with("nurse", ScramHash.SHA_256, "I\u00ADX");

        assertThat(plain("\0nurse\0\u2168")).isInstanceOf(SaslStep.Success.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet", "juliet@capulet.lit"})
    void authzidNamingTheUserItselfIsAccepted(String authzid) {
        assertThat(plain(authzid + "\0juliet\0r0m30")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void authzidNamingAnotherUserIsInvalidAuthzid() {
        assertThat(plain("romeo@montague.lit\0juliet\0r0m30"))
                .isEqualTo(new SaslStep.Failed(SaslFailure.INVALID_AUTHZID, "may only act as juliet"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet\0r0m30", "\0\0r0m30", "\0juliet\0", "\0juliet\0r0m30\0extra", "nonul"})
    void nulMustNotAppearInsideTheThreeFieldsSoAnythingElseIsMalformed(String message) {
        assertThat(plain(message)).isEqualTo(
                new SaslStep.Failed(SaslFailure.MALFORMED_REQUEST, "expected [authzid] NUL authcid NUL passwd"));
    }

    @Test
    void emptyInitialResponseGetsAnEmptyChallengeThenTheResponse() {
        PlainServer server = new PlainServer(store);

        assertThat(server.start(new byte[0])).isEqualTo(new SaslStep.Challenge(new byte[0]));
        assertThat(server.respond(bytes("\0juliet\0r0m30"))).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void everyCallAfterTheOutcomeIsMalformed() {
        PlainServer server = new PlainServer(store);
        server.start(bytes("\0juliet\0romeo"));

        for (SaslStep step : List.of(server.respond(bytes("\0juliet\0r0m30")), server.start(new byte[0]))) {
            assertThat(step).isInstanceOfSatisfying(SaslStep.Failed.class,
                    failed -> assertThat(failed.condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST));
        }
    }

    @Test
    void storeFailureIsTemporaryAuthFailure() {
        PlainServer server = new PlainServer((username, hash) -> {
            throw new IllegalStateException("database down");
        });

        assertThat(server.start(bytes("\0juliet\0r0m30"))).isEqualTo(
                new SaslStep.Failed(SaslFailure.TEMPORARY_AUTH_FAILURE, "credential store unavailable"));
    }

    @Test
    void nameIsPlain() {
        assertThat(new PlainServer(store).name()).isEqualTo("PLAIN");
    }

    private SaslStep plain(String message) {
        return new PlainServer(store).start(bytes(message));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
