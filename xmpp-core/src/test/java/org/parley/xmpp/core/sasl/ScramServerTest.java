package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SCRAM server (RFC 5802 §5, §6, §7) driven by an independent client. */
class ScramServerTest {
    private static final String CLIENT_NONCE = "xU7Pz0+Cq3Lw!9";

    private final RecordingCredentialStore store = new RecordingCredentialStore()
            .with("juliet", ScramHash.SHA_1, "r0m30")
            .with("juliet", ScramHash.SHA_256, "r0m30")
            .with("juliet", ScramHash.SHA_512, "r0m30");

    @ParameterizedTest
    @EnumSource(ScramHash.class)
    void roundTripWithTheRightPasswordSucceedsAndProvesTheServer(ScramHash hash) {
        ScramServer server = new ScramServer(hash, store, null);
        ScramTestClient client = new ScramTestClient(hash, "juliet", "r0m30", CLIENT_NONCE);

        SaslStep first = server.start(client.clientFirst());
        String serverFirst = new String(((SaslStep.Challenge) first).data(), UTF_8);
        SaslStep last = server.respond(client.clientFinal(((SaslStep.Challenge) first).data()));

        assertThat(server.name()).isEqualTo(hash.mechanismName());
        assertThat(ScramTestClient.attribute(serverFirst, 'r')).startsWith(CLIENT_NONCE).hasSizeGreaterThan(30);
        assertThat(ScramTestClient.attribute(serverFirst, 'i')).isEqualTo("4096");
        assertThat(last).isEqualTo(new SaslStep.Success("juliet", client.expectedServerFinal()));
    }

    @Test
    void scramSha512WithTheWrongPasswordIsNotAuthorized() {
        SaslStep last = exchange(new ScramServer(ScramHash.SHA_512, store, null),
                new ScramTestClient(ScramHash.SHA_512, "juliet", "wrong", CLIENT_NONCE));

        assertThat(last).isEqualTo(new SaslStep.Failed(SaslFailure.NOT_AUTHORIZED, "invalid proof"));
    }

    @Test
    void unknownUserGetsAStableChallengeAndFailsOnlyAtTheProofLikeAWrongPassword() {
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_256, "romeo", "r0m30", CLIENT_NONCE);
        ScramServer server = new ScramServer(ScramHash.SHA_256, store, null);

        SaslStep first = server.start(client.clientFirst());
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        String serverFirst = new String(((SaslStep.Challenge) first).data(), UTF_8);
        SaslStep last = server.respond(client.clientFinal(((SaslStep.Challenge) first).data()));

        assertThat(last).isEqualTo(new SaslStep.Failed(SaslFailure.NOT_AUTHORIZED, "invalid proof"));
        assertThat(ScramTestClient.attribute(serverFirst, 'i')).isEqualTo("4096");
        assertThat(Base64.getDecoder().decode(ScramTestClient.attribute(serverFirst, 's'))).hasSize(16);
        assertThat(saltFor("romeo"))
                .isEqualTo(ScramTestClient.attribute(serverFirst, 's'))
                .isNotEqualTo(saltFor("tybalt"));
    }

    @Test
    void usernameIsNodepreppedBeforeLookupAndInSuccess() {
        SaslStep last = exchange(new ScramServer(ScramHash.SHA_256, store, null),
                new ScramTestClient(ScramHash.SHA_256, "Juliet", "r0m30", CLIENT_NONCE));

        assertThat(last).isInstanceOfSatisfying(SaslStep.Success.class,
                success -> assertThat(success.username()).isEqualTo("juliet"));
    }

    @Test
    void commaAndEqualsInUsernamesAreSentAsEscapes() {
        store.with("a,b=c", ScramHash.SHA_256, "pw");

        SaslStep last = exchange(new ScramServer(ScramHash.SHA_256, store, null),
                new ScramTestClient(ScramHash.SHA_256, "a,b=c", "pw", CLIENT_NONCE));

        assertThat(last).isInstanceOfSatisfying(SaslStep.Success.class,
                success -> assertThat(success.username()).isEqualTo("a,b=c"));
    }

    @Test
    void usernameWithEqualsNotFollowedBy2COr3DMustFailTheAuthentication() {
        assertThat(first("n,,n=ju=2Xliet,r=" + CLIENT_NONCE))
                .isEqualTo(malformed("'=' not followed by 2C or 3D in name"));
    }

    @Test
    void gs2HeaderYIsAcceptedBecauseNoChannelBindingIsOffered() {
        SaslStep last = exchange(new ScramServer(ScramHash.SHA_1, store, null),
                new ScramTestClient(ScramHash.SHA_1, "juliet", "r0m30", CLIENT_NONCE).gs2Header("y,,"));

        assertThat(last).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void channelBindingFlagPMustFailBecauseNoChannelBindingTypeIsSupported() {
        assertThat(first("p=tls-exporter,,n=juliet,r=" + CLIENT_NONCE))
                .isEqualTo(new SaslStep.Failed(SaslFailure.NOT_AUTHORIZED, "channel binding not supported"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x,,n=juliet,r=abc", "n,n=juliet,r=abc", "n,b=x,n=juliet,r=abc", "n", "n,,", "n,,n=juliet",
            "n,,r=abc,n=juliet", "n,,n=,r=abc", "n,,n=juliet,r=", "n,,n=juliet,r=a b", "n,,n=juliet,r=abc,5=x",
            "n,a=,n=juliet,r=abc"})
    void malformedClientFirstMessagesAreMalformedRequests(String message) {
        assertThat(first(message)).isInstanceOfSatisfying(SaslStep.Failed.class,
                failed -> assertThat(failed.condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST));
    }

    @Test
    void reservedMandatoryExtensionMustCauseAuthenticationFailure() {
        assertThat(first("n,,m=ext,n=juliet,r=abc")).isEqualTo(malformed("mandatory extensions not supported"));
    }

    @Test
    void unknownOptionalExtensionsAreIgnored() {
        assertThat(first("n,,n=juliet,r=abc,x=whatever")).isInstanceOf(SaslStep.Challenge.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet", "juliet@capulet.lit", "JULIET@capulet.lit/balcony"})
    void authzidNamingTheUserItselfIsAccepted(String authzid) {
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_256, "juliet", "r0m30", CLIENT_NONCE)
                .gs2Header("n,a=" + authzid + ",");

        SaslStep last = exchange(new ScramServer(ScramHash.SHA_256, store, null), client);

        assertThat(last).isInstanceOf(SaslStep.Success.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo", "romeo@montague.lit", "@capulet.lit", "julietx@capulet.lit"})
    void authzidNamingAnotherEntityIsInvalidAuthzid(String authzid) {
        assertThat(first("n,a=" + authzid + ",n=juliet,r=abc"))
                .isEqualTo(new SaslStep.Failed(SaslFailure.INVALID_AUTHZID, "may only act as juliet"));
    }

    @Test
    void usernameThatIsNoValidLocalpartIsNotAuthorized() {
        assertThat(first("n,,n=jul iet,r=abc")).isEqualTo(
                new SaslStep.Failed(SaslFailure.NOT_AUTHORIZED, "username is not a valid localpart"));
    }

    @Test
    void nonceMismatchMustFail() {
        ScramServer server = new ScramServer(ScramHash.SHA_256, store, "servernonce");
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_256, "juliet", "r0m30", CLIENT_NONCE);
        SaslStep.Challenge first = (SaslStep.Challenge) server.start(client.clientFirst());

        SaslStep last = server.respond(client.clientFinal(first.data(), CLIENT_NONCE + "othernonce"));

        assertThat(last).isEqualTo(new SaslStep.Failed(SaslFailure.NOT_AUTHORIZED, "nonce does not match"));
    }

    @Test
    void channelBindingThatIsNotTheGs2HeaderFails() {
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_256, "juliet", "r0m30", CLIENT_NONCE)
                .channelBinding(Base64.getEncoder().encodeToString("y,,".getBytes(UTF_8)));

        SaslStep last = exchange(new ScramServer(ScramHash.SHA_256, store, null), client);

        assertThat(last).isEqualTo(new SaslStep.Failed(SaslFailure.NOT_AUTHORIZED, "channel binding does not match"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c=bi*ws,r=" + CLIENT_NONCE + "servernonce,p=dGVzdA==",
            "c=biws,r=" + CLIENT_NONCE + "servernonce,p=not base64!"})
    void badBase64InTheClientFinalMessageIsIncorrectEncoding(String message) {
        ScramServer server = new ScramServer(ScramHash.SHA_256, store, "servernonce");
        server.start(("n,,n=juliet,r=" + CLIENT_NONCE).getBytes(UTF_8));

        assertThat(server.respond(message.getBytes(UTF_8))).isInstanceOfSatisfying(SaslStep.Failed.class,
                failed -> assertThat(failed.condition()).isEqualTo(SaslFailure.INCORRECT_ENCODING));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c=biws,r=abc", "r=abc,c=biws,p=dGVzdA==", "c=biws,r=abc,p=dGVzdA==,x=1",
            "c=biws,r=abc,m=x,p=dGVzdA==", ""})
    void malformedClientFinalMessagesAreMalformedRequests(String message) {
        ScramServer server = new ScramServer(ScramHash.SHA_256, store, "servernonce");
        server.start(("n,,n=juliet,r=" + CLIENT_NONCE).getBytes(UTF_8));

        assertThat(server.respond(message.getBytes(UTF_8))).isInstanceOfSatisfying(SaslStep.Failed.class,
                failed -> assertThat(failed.condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST));
    }

    @Test
    void payloadThatIsNotUtf8IsMalformed() {
        SaslStep step = new ScramServer(ScramHash.SHA_256, store, null).start(new byte[] {'n', ',', ',', (byte) 0xC3});

        assertThat(step).isEqualTo(malformed("payload is not UTF-8"));
    }

    @Test
    void emptyInitialResponseGetsAnEmptyChallengeThenTheClientFirstMessage() {
        ScramServer server = new ScramServer(ScramHash.SHA_256, store, null);
        ScramTestClient client = new ScramTestClient(ScramHash.SHA_256, "juliet", "r0m30", CLIENT_NONCE);

        assertThat(server.start(new byte[0])).isEqualTo(new SaslStep.Challenge(new byte[0]));
        SaslStep.Challenge first = (SaslStep.Challenge) server.respond(client.clientFirst());
        assertThat(server.respond(client.clientFinal(first.data()))).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void everyCallAfterSuccessIsMalformed() {
        ScramServer server = new ScramServer(ScramHash.SHA_256, store, null);
        exchange(server, new ScramTestClient(ScramHash.SHA_256, "juliet", "r0m30", CLIENT_NONCE));

        assertThat(server.respond(new byte[0])).isEqualTo(malformed("no SCRAM exchange in progress"));
        assertThat(server.start(new byte[0])).isEqualTo(malformed("SCRAM exchange already started"));
    }

    @Test
    void everyCallAfterFailureIsMalformed() {
        ScramServer server = new ScramServer(ScramHash.SHA_256, store, null);
        server.start("garbage".getBytes(UTF_8));

        assertThat(server.respond(("n,,n=juliet,r=" + CLIENT_NONCE).getBytes(UTF_8)))
                .isEqualTo(malformed("no SCRAM exchange in progress"));
    }

    @Test
    void respondBeforeStartIsMalformed() {
        assertThat(new ScramServer(ScramHash.SHA_256, store, null).respond(new byte[0]))
                .isEqualTo(malformed("no SCRAM exchange in progress"));
    }

    @Test
    void storeFailureIsTemporaryAuthFailure() {
        CredentialStore broken = (username, hash) -> {
            throw new IllegalStateException("database down");
        };

        assertThat(new ScramServer(ScramHash.SHA_256, broken, null).start(("n,,n=juliet,r=abc").getBytes(UTF_8)))
                .isEqualTo(new SaslStep.Failed(SaslFailure.TEMPORARY_AUTH_FAILURE, "credential store unavailable"));
    }

    @Test
    void credentialsOfAnotherHashAreNotUsed() {
        CredentialStore confused = (username, hash) -> Optional.of(
                ScramCredentials.derive(ScramHash.SHA_1, "r0m30", RecordingCredentialStore.SALT, 4096));

        SaslStep last = exchange(new ScramServer(ScramHash.SHA_256, confused, null),
                new ScramTestClient(ScramHash.SHA_256, "juliet", "r0m30", CLIENT_NONCE));

        assertThat(last).isEqualTo(new SaslStep.Failed(SaslFailure.NOT_AUTHORIZED, "invalid proof"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a,b", "tab\there"})
    void fixedServerNonceMustBePrintableWithoutCommas(String nonce) {
        assertThatThrownBy(() -> new ScramServer(ScramHash.SHA_1, store, nonce))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SaslStep exchange(ScramServer server, ScramTestClient client) {
        SaslStep first = server.start(client.clientFirst());
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        return server.respond(client.clientFinal(((SaslStep.Challenge) first).data()));
    }

    private SaslStep first(String clientFirstMessage) {
        return new ScramServer(ScramHash.SHA_256, store, null).start(clientFirstMessage.getBytes(UTF_8));
    }

    private String saltFor(String username) {
        SaslStep.Challenge first = (SaslStep.Challenge) first("n,,n=" + username + ",r=abc");
        return ScramTestClient.attribute(new String(first.data(), UTF_8), 's');
    }

    private static SaslStep.Failed malformed(String text) {
        return new SaslStep.Failed(SaslFailure.MALFORMED_REQUEST, text);
    }
}
