package org.parley.it;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Message Carbons (XEP-0280) with real Smack clients: Juliet on three devices (the balcony one with the highest
 * priority), all with carbons enabled, chats with Romeo; every device sees both sides of the conversation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CarbonsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    TestServer server;
    XMPPTCPConnection romeo;
    final Map<String, XMPPTCPConnection> juliet = new ConcurrentHashMap<>();
    /** Per Juliet device: what it saw, as "original: body", "received: body" or "sent: body". */
    final Map<String, BlockingQueue<String>> seen = new ConcurrentHashMap<>();

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.h2(dataDir);
        server.server().accounts().create("romeo", "romeo-pass");
        server.server().accounts().create("juliet", "juliet-pass");
        romeo = login("romeo", "orchard");
        for (String device : List.of("balcony", "chamber", "garden")) {
            XMPPTCPConnection c = login("juliet", device);
            BlockingQueue<String> log = new LinkedBlockingQueue<>();
            seen.put(device, log);
            c.addSyncStanzaListener(s -> {
                Message m = (Message) s;
                if (m.getBody() != null) log.add("original: " + m.getBody());
            }, s -> s instanceof Message);
            CarbonManager carbons = CarbonManager.getInstanceFor(c);
            carbons.addCarbonCopyReceivedListener((direction, copy, wrapper) ->
                    log.add(direction.name().toLowerCase() + ": " + copy.getBody()));
            assertThat(carbons.isSupportedByServer()).isTrue();
            carbons.enableCarbons();
            if (device.equals("balcony")) {
                c.sendStanza(c.getStanzaFactory().buildPresenceStanza().setPriority(10).build());
            }
            juliet.put(device, c);
        }
        await().atMost(WAIT).until(() -> juliet.values().stream().allMatch(c -> CarbonManager.getInstanceFor(c).getCarbonsEnabled()));
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(server.clientConfig(user, user + "-pass").setResource(resource).build());
        c.connect().login();
        return c;
    }

    @AfterAll
    void stop() {
        if (romeo != null) romeo.disconnect();
        juliet.values().forEach(XMPPTCPConnection::disconnect);
        if (server != null) server.close();
    }

    @Test
    void everyDeviceSeesBothSidesOfTheConversation() throws Exception {
        romeo.sendStanza(MessageBuilder.buildMessage().to(JidCreate.entityBareFrom("juliet@localhost"))
                .ofType(Message.Type.chat).setBody("But soft!").build());
        juliet.get("garden").sendStanza(MessageBuilder.buildMessage().to(JidCreate.entityBareFrom("romeo@localhost"))
                .ofType(Message.Type.chat).setBody("Wherefore art thou?").build());

        // XEP-0280 §6: the highest-priority device gets the message, the others a <received/> copy;
        // §7: the other devices get a <sent/> copy of what the garden sent.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(all("balcony")).contains("original: But soft!", "sent: Wherefore art thou?");
            assertThat(all("chamber")).contains("received: But soft!", "sent: Wherefore art thou?");
            assertThat(all("garden")).contains("received: But soft!");
        });
        assertThat(all("garden")).doesNotContain("sent: Wherefore art thou?", "original: But soft!");
        assertThat(all("chamber")).doesNotContain("original: But soft!");
    }

    @Test
    void aPrivateMessageIsNotCopied() throws Exception {
        Message secret = MessageBuilder.buildMessage().to(juliet.get("chamber").getUser())
                .ofType(Message.Type.chat).setBody("for the chamber only").build();
        CarbonExtension.Private.addTo(secret);
        romeo.sendStanza(secret);
        romeo.sendStanza(MessageBuilder.buildMessage().to(juliet.get("chamber").getUser())
                .ofType(Message.Type.chat).setBody("and this one for all").build());

        await().atMost(WAIT).untilAsserted(() -> assertThat(all("garden")).contains("received: and this one for all"));
        assertThat(all("chamber")).contains("original: for the chamber only");
        assertThat(all("garden")).doesNotContain("received: for the chamber only");
        assertThat(all("balcony")).doesNotContain("received: for the chamber only");
    }

    /** What {@code device} has seen so far (kept across calls). */
    private final Map<String, List<String>> history = new ConcurrentHashMap<>();

    private List<String> all(String device) {
        List<String> list = history.computeIfAbsent(device, d -> new ArrayList<>());
        seen.get(device).drainTo(list);
        return List.copyOf(list);
    }
}
