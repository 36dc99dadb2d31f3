package org.parley.it;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input over real sockets gets the right stream or stanza error (RFC 6120 §4.9, §8.3), and a bystander's
 * session (a Smack client logged in throughout) carries on unaffected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    TestServer server;
    XMPPTCPConnection bystander;
    final BlockingQueue<Message> bystanderInbox = new LinkedBlockingQueue<>();

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.h2(dataDir);
        server.server().accounts().create("alice", "alice-pass");
        server.server().accounts().create("mallory", "mallory-pass");
        bystander = server.connect("alice", "alice-pass");
        bystander.login();
        bystander.addSyncStanzaListener(s -> bystanderInbox.add((Message) s), s -> s instanceof Message);
    }

    @AfterEach
    void bystanderIsUnaffected() throws Exception {
        assertThat(bystander.isAuthenticated()).isTrue();
        assertThat(PingManager.getInstanceFor(bystander).pingMyServer(true)).isTrue();
    }

    @AfterAll
    void stop() {
        if (bystander != null) bystander.disconnect();
        if (server != null) server.close();
    }

    @Test
    void malformedXmlEndsTheStreamWithNotWellFormed() throws Exception {
        try (RawClient raw = RawClient.connect(server.port())) {
            raw.open();
            raw.send("<message><body>unclosed</message>");
            assertThat(raw.awaitClose()).contains("<not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .endsWith("</stream:stream>");
        }
    }

    @Test
    void anOversizedStanzaEndsTheStreamWithPolicyViolation() throws Exception {
        try (RawClient raw = RawClient.connect(server.port())) {
            raw.open();
            raw.send("<message to='alice@localhost'><body>");
            byte[] chunk = "x".repeat(16 * 1024).getBytes();
            for (int i = 0; i < 20 && !raw.isClosedByServer(); i++) raw.send(chunk); // 320 KiB > 256 KiB
            assertThat(raw.awaitClose()).contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        }
    }

    @Test
    void aDocumentTypeDeclarationIsRestrictedXml() throws Exception {
        try (RawClient raw = RawClient.connect(server.port())) {
            raw.send("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;'>]>"
                    + RawClient.HEADER.substring("<?xml version='1.0'?>".length()));
            assertThat(raw.awaitClose()).contains("<restricted-xml xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        }
    }

    @Test
    void anExternalEntityIsNeverResolved() throws Exception {
        try (RawClient raw = RawClient.connect(server.port())) {
            raw.send("<?xml version='1.0'?><!DOCTYPE foo [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                    + RawClient.HEADER.substring("<?xml version='1.0'?>".length()) + "<message><body>&xxe;</body></message>");
            String answer = raw.awaitClose();
            assertThat(answer).contains("<restricted-xml").doesNotContain("root:");
        }
    }

    @Test
    void aStanzaBeforeAuthenticationIsNotAuthorized() throws Exception {
        try (RawClient raw = RawClient.connect(server.port())) {
            raw.open();
            raw.send("<message to='alice@localhost'><body>let me in</body></message>");
            assertThat(raw.awaitClose()).contains("<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        }
        assertThat(bystanderInbox).isEmpty();
    }

    @Test
    void authenticationBeforeTlsIsRefusedWithEncryptionRequired() throws Exception {
        try (RawClient raw = RawClient.connect(server.port())) {
            assertThat(raw.open()).contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>")
                    .doesNotContain("<mechanisms");
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAGFsaWNlLXBhc3M=</auth>");
            assertThat(raw.await("</failure>")).contains("<encryption-required/>");
        }
    }

    @Test
    void aSpoofedFromEndsTheStreamWithInvalidFrom() throws Exception {
        try (RawClient mallory = RawClient.loggedIn(server, "mallory", "mallory-pass", "evil")) {
            mallory.send("<message from='bob@localhost/phone' to='alice@localhost' type='chat'><body>it is bob</body></message>");
            assertThat(mallory.awaitClose()).contains("<invalid-from xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        }
        assertThat(bystanderInbox).isEmpty();
    }

    @Test
    void aMalformedAddressGetsJidMalformedAndTheStreamContinues() throws Exception {
        try (RawClient mallory = RawClient.loggedIn(server, "mallory", "mallory-pass", "tries")) {
            mallory.send("<message to='a@b@c' id='m1' type='chat'><body>?</body></message>");
            assertThat(mallory.await("</message>").replace('"', '\'')).contains("type='error'").contains("<jid-malformed");
            mallory.send("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(mallory.await("id='p1'")).contains("<iq type='result' id='p1'");
        }
    }

    @Test
    void directTlsOffersAuthenticationWithoutStartTls() throws Exception {
        try (RawClient raw = RawClient.connectTls(server.directTlsPort(), server.sslContext())) {
            assertThat(raw.open()).contains("<mechanism>SCRAM-SHA-256</mechanism>").doesNotContain("starttls");
        }
    }
}
