package org.parley.it;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Group chat (XEP-0045) with real Smack clients ({@link MultiUserChatManager}): the service is discovered, an
 * instant room is created, joined, talked in and moderated, a members-only room turns a stranger away, and a
 * persistent room survives a server restart. Subclasses pick the store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractMucTest extends StoreBackedTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SERVICE = "conference." + TestServer.DOMAIN;

    private Path dataDir;
    private String url;
    TestServer server;
    final List<XMPPTCPConnection> connections = new ArrayList<>();
    XMPPTCPConnection crone;
    XMPPTCPConnection hag;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        dataDir = dir;
        url = openStore();
        if (url == null) return;
        server = TestServer.start(dataDir, url);
        for (String user : List.of("crone", "hag", "stranger")) server.server().accounts().create(user, user + "-pass");
        crone = login("crone");
        hag = login("hag");
    }

    private XMPPTCPConnection login(String user) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(server.clientConfig(user, user + "-pass").setResource("cauldron").build());
        c.connect().login();
        connections.add(c);
        return c;
    }

    @AfterAll
    void stop() {
        connections.forEach(XMPPTCPConnection::disconnect);
        if (server != null) server.close();
        closeStore();
    }

    private static EntityBareJid room(String name) throws Exception {
        return JidCreate.entityBareFrom(name + "@" + SERVICE);
    }

    private static Resourcepart nick(String nick) throws Exception {
        return Resourcepart.from(nick);
    }

    /** Crone creates {@code name} as an instant room (§10.1.2) under the nick firstwitch. */
    private MultiUserChat instantRoom(String name) throws Exception {
        MultiUserChat room = MultiUserChatManager.getInstanceFor(crone).getMultiUserChat(room(name));
        room.create(nick("firstwitch")).makeInstant();
        return room;
    }

    /** {@code user} enters {@code name} as {@code nick} (§7.2). */
    private static MultiUserChat joined(XMPPTCPConnection user, String name, String nick) throws Exception {
        MultiUserChat room = MultiUserChatManager.getInstanceFor(user).getMultiUserChat(room(name));
        room.join(nick(nick));
        return room;
    }

    /** The next groupchat message with a body (the subject message on entry has none, XEP-0045 §7.2.15). */
    private static Message nextWithBody(MultiUserChat room) throws Exception {
        while (true) {
            Message m = room.nextMessage(WAIT.toMillis());
            if (m == null || m.getBody() != null) return m;
        }
    }

    /** Crone creates room {@code name} as firstwitch and submits its configuration form as {@code answers} fills it. */
    private MultiUserChat createConfigured(String name, java.util.function.Consumer<FillableForm> answers) throws Exception {
        MultiUserChat croneRoom = MultiUserChatManager.getInstanceFor(crone).getMultiUserChat(room(name));
        croneRoom.create(nick("firstwitch"));
        FillableForm form = croneRoom.getConfigurationForm().getFillableForm();
        answers.accept(form);
        croneRoom.sendConfigurationForm(form);
        return croneRoom;
    }

    /** XEP-0410 §3: a ping to one's own occupant JID; throws the room's error. */
    private static void selfPing(XMPPTCPConnection c, org.jxmpp.jid.EntityFullJid occupantJid) throws Exception {
        org.jivesoftware.smackx.ping.packet.Ping ping = new org.jivesoftware.smackx.ping.packet.Ping(occupantJid);
        c.createStanzaCollectorAndSend(ping).nextResultOrThrow(WAIT.toMillis());
    }

    @Test
    @Order(1)
    void clientsDiscoverTheServiceThroughTheServersDiscoItems() throws Exception {
        assertThat(MultiUserChatManager.getInstanceFor(crone).getMucServiceDomains())
                .extracting(Object::toString).containsExactly(SERVICE);
    }

    @Test
    @Order(2)
    void anOwnerCreatesAnInstantRoomOthersJoinAndEveryoneGetsTheGroupchat() throws Exception {
        MultiUserChat croneRoom = instantRoom("coven");
        MultiUserChat hagRoom = joined(hag, "coven", "thirdwitch");
        await().atMost(WAIT).until(() -> croneRoom.getOccupantsCount() == 2);

        hagRoom.sendMessage("Thrice the brinded cat hath mew'd.");
        Message atCrone = nextWithBody(croneRoom);
        Message atHag = nextWithBody(hagRoom);
        assertThat(atCrone.getBody()).isEqualTo("Thrice the brinded cat hath mew'd.");
        assertThat(atCrone.getFrom().toString()).isEqualTo("coven@" + SERVICE + "/thirdwitch");
        assertThat(atHag.getBody()).isEqualTo("Thrice the brinded cat hath mew'd.");

        croneRoom.changeSubject("Double, double toil and trouble");
        await().atMost(WAIT).until(() -> "Double, double toil and trouble".equals(hagRoom.getSubject()));

        hagRoom.leave();
        await().atMost(WAIT).until(() -> croneRoom.getOccupantsCount() == 1);
    }

    @Test
    @Order(3)
    void aModeratorKicksAnOccupantWhoThenIsNoLongerJoined() throws Exception {
        MultiUserChat croneRoom = instantRoom("heath");
        MultiUserChat hagRoom = joined(hag, "heath", "thirdwitch");

        // A participant may not kick: <forbidden/>.
        assertThatThrownBy(() -> hagRoom.kickParticipant(nick("firstwitch"), "mutiny"))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));

        croneRoom.kickParticipant(nick("thirdwitch"), "Avaunt!");
        await().atMost(WAIT).until(() -> !hagRoom.isJoined());
        assertThat(croneRoom.getOccupantsCount()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aMembersOnlyRoomRefusesAStrangerWithRegistrationRequiredAndAdmitsAMember() throws Exception {
        MultiUserChat croneRoom = createConfigured("council", form -> form.setAnswer("muc#roomconfig_membersonly", true));

        MultiUserChat hagRoom = MultiUserChatManager.getInstanceFor(hag).getMultiUserChat(room("council"));
        assertThatThrownBy(() -> hagRoom.join(nick("thirdwitch")))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(
                        e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.registration_required));

        croneRoom.grantMembership(JidCreate.bareFrom("hag@" + TestServer.DOMAIN));
        hagRoom.join(nick("thirdwitch"));
        assertThat(hagRoom.isJoined()).isTrue();
        RoomInfo info = MultiUserChatManager.getInstanceFor(hag).getRoomInfo(room("council"));
        assertThat(info.isMembersOnly()).isTrue();
        hagRoom.leave();
    }

    @Test
    @Order(5)
    void aRoomTakes100MembersAndRefusesThe101stWithNotAllowedAndShowsTheCap() throws Exception {
        MultiUserChat croneRoom = instantRoom("hundred");
        List<org.jxmpp.jid.BareJid> members = new ArrayList<>();
        for (int i = 2; i <= 100; i++) members.add(JidCreate.bareFrom("witch" + i + "@" + TestServer.DOMAIN));
        croneRoom.grantMembership(members); // the owner is the first of the 100

        assertThatThrownBy(() -> croneRoom.grantMembership(JidCreate.bareFrom("witch101@" + TestServer.DOMAIN)))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed));
        assertThat(croneRoom.getMembers()).hasSize(99);
        RoomInfo info = MultiUserChatManager.getInstanceFor(hag).getRoomInfo(room("hundred"));
        assertThat(info.getForm().getField("parley#roominfo_maxmembers").getFirstValue()).isEqualTo("100");
        assertThat(info.getForm().getField("parley#roominfo_members").getFirstValue()).isEqualTo("100");
        assertThat(info.getForm().getField("muc#roomconfig_maxusers").getFirstValue()).isEqualTo("100");
        croneRoom.destroy("done", null);
    }

    @Test
    @Order(6)
    void aMemberInvitesAStrangerIntoAMembersOnlyRoomWhenAllowedAndPrivateMessagesFollowAllowpm() throws Exception {
        MultiUserChat croneRoom = createConfigured("glen", form -> {
            form.setAnswer("muc#roomconfig_membersonly", true);
            form.setAnswer("muc#roomconfig_allowinvites", true);
            form.setAnswer("muc#roomconfig_allowpm", "moderators");
        });
        croneRoom.grantMembership(JidCreate.bareFrom("hag@" + TestServer.DOMAIN));
        MultiUserChat hagRoom = MultiUserChatManager.getInstanceFor(hag).getMultiUserChat(room("glen"));
        hagRoom.join(nick("thirdwitch"));

        XMPPTCPConnection stranger = login("stranger");
        java.util.concurrent.CompletableFuture<MultiUserChat> invited = new java.util.concurrent.CompletableFuture<>();
        MultiUserChatManager.getInstanceFor(stranger).addInvitationListener(
                (conn, muc, inviter, reason, password, message, invitation) -> invited.complete(muc));
        hagRoom.invite(JidCreate.entityBareFrom("stranger@" + TestServer.DOMAIN), "Come, sisters");
        MultiUserChat strangerRoom = invited.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        // The invitation made the stranger a member: the members-only room lets it in.
        strangerRoom.join(nick("hecate"));
        assertThat(strangerRoom.isJoined()).isTrue();

        // allowpm = moderators: a participant's private message is refused with <forbidden/>, a moderator's arrives.
        Message psst = hag.getStanzaFactory().buildMessageStanza().to(JidCreate.entityFullFrom("glen@" + SERVICE + "/firstwitch"))
                .ofType(Message.Type.chat).setBody("psst").build();
        assertThatThrownBy(() -> hag.createStanzaCollectorAndSend(new org.jivesoftware.smack.filter.StanzaIdFilter(psst), psst)
                .nextResultOrThrow())
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        croneRoom.destroy("done", null);
        stranger.disconnect();
        connections.remove(stranger);
    }

    @Test
    @Order(7)
    void aDirectInvitationToAnOfflineUserArrivesWithThePasswordWhenItLogsIn() throws Exception {
        MultiUserChat croneRoom = createConfigured("moor", form -> {
            form.setAnswer("muc#roomconfig_passwordprotectedroom", true);
            form.setAnswer("muc#roomconfig_roomsecret", "cauldronburn");
        });

        // XEP-0249: the invitation goes from user to user; the invitee is offline, so it waits in offline storage.
        org.jivesoftware.smackx.muc.DirectMucInvitationManager.getInstanceFor(crone).inviteToMuc(croneRoom,
                JidCreate.entityBareFrom("stranger@" + TestServer.DOMAIN), "cauldronburn", "Meet upon the heath", false, null);
        // A ping answered: the server has routed crone's earlier stanzas (to offline storage: nobody is online).
        assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(crone).pingMyServer()).isTrue();

        XMPPTCPConnection stranger = new XMPPTCPConnection(server.clientConfig("stranger", "stranger-pass")
                .setResource("heath").build());
        java.util.concurrent.CompletableFuture<org.jivesoftware.smackx.muc.packet.GroupChatInvitation> invited =
                new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<org.jivesoftware.smack.packet.Stanza> carrier = new java.util.concurrent.CompletableFuture<>();
        org.jivesoftware.smackx.muc.DirectMucInvitationManager.getInstanceFor(stranger)
                .addInvitationListener((invitation, stanza) -> {
                    carrier.complete(stanza);
                    invited.complete(invitation);
                });
        stranger.connect().login();
        connections.add(stranger);
        org.jivesoftware.smackx.muc.packet.GroupChatInvitation invitation = invited.get(WAIT.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS);
        assertThat(invitation.getRoomAddress().toString()).isEqualTo("moor@" + SERVICE);
        assertThat(invitation.getPassword()).isEqualTo("cauldronburn");
        assertThat(org.jivesoftware.smackx.delay.packet.DelayInformation.from(carrier.get()))
                .as("delivered from offline storage (XEP-0160, with XEP-0203 delay)").isNotNull();
        MultiUserChat strangerRoom = MultiUserChatManager.getInstanceFor(stranger).getMultiUserChat(room("moor"));
        strangerRoom.join(nick("hecate"), invitation.getPassword());
        assertThat(strangerRoom.isJoined()).isTrue();
        croneRoom.destroy("done", null);
        stranger.disconnect();
        connections.remove(stranger);
    }

    @Test
    @Order(8)
    void aGroupchatReachesEveryOccupantExceptOneWhoBlocksItsSender() throws Exception {
        MultiUserChat croneRoom = instantRoom("blasted");
        MultiUserChat hagRoom = joined(hag, "blasted", "thirdwitch");
        XMPPTCPConnection stranger = login("stranger");
        MultiUserChat strangerRoom = joined(stranger, "blasted", "banquo");
        await().atMost(WAIT).until(() -> croneRoom.getOccupantsCount() == 3);
        // XEP-0191: the stranger blocks the third witch's occupant JID; the room fans her message out to all three.
        BlockingCommandManager.getInstanceFor(stranger)
                .blockContacts(List.of(JidCreate.from("blasted@" + SERVICE + "/thirdwitch")));

        hagRoom.sendMessage("All hail, Macbeth!");

        assertThat(nextWithBody(croneRoom).getBody()).isEqualTo("All hail, Macbeth!");
        assertThat(nextWithBody(hagRoom).getBody()).isEqualTo("All hail, Macbeth!");
        // XEP-0191 §3.5: the stranger's copy bounces (service-unavailable), and the room takes the error as the
        // stranger's client being gone (XEP-0045 status 333) ...
        await().atMost(WAIT).until(() -> croneRoom.getOccupantsCount() == 2);
        // ... having sent it nothing: a copy would have been written before the bounce, so before this pong.
        assertThat(PingManager.getInstanceFor(stranger).pingMyServer()).isTrue();
        for (Message m = strangerRoom.pollMessage(); m != null; m = strangerRoom.pollMessage()) {
            assertThat(m.getBody()).isNotEqualTo("All hail, Macbeth!");
        }
        croneRoom.destroy("done", null);
        stranger.disconnect();
        connections.remove(stranger);
    }

    @Test
    @Order(99)
    void aPersistentRoomKeepsConfigurationSubjectAndMembersAcrossARestart() throws Exception {
        MultiUserChat croneRoom = createConfigured("castle", form -> {
            form.setAnswer("muc#roomconfig_persistentroom", true);
            form.setAnswer("muc#roomconfig_roomname", "Macbeth's castle");
            form.setAnswer("muc#roomconfig_membersonly", true);
        });
        croneRoom.changeSubject("When shall we three meet again?");
        croneRoom.grantMembership(JidCreate.bareFrom("hag@" + TestServer.DOMAIN));

        connections.forEach(XMPPTCPConnection::disconnect);
        connections.clear();
        server.close();
        server = TestServer.start(dataDir, url);
        crone = login("crone");
        hag = login("hag");

        RoomInfo info = MultiUserChatManager.getInstanceFor(hag).getRoomInfo(room("castle"));
        assertThat(info.isPersistent()).isTrue();
        assertThat(info.isMembersOnly()).isTrue();
        assertThat(info.getName()).isEqualTo("Macbeth's castle");
        assertThat(info.getSubject()).isEqualTo("When shall we three meet again?");
        // XEP-0410 §3: a client that was in the room before the restart pings its occupant JID, learns with
        // <not-acceptable/> that it is no longer joined, and joins again; then the self-ping succeeds.
        org.jxmpp.jid.EntityFullJid self = JidCreate.entityFullFrom("castle@" + SERVICE + "/thirdwitch");
        assertThatThrownBy(() -> selfPing(hag, self))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
        MultiUserChat hagRoom = MultiUserChatManager.getInstanceFor(hag).getMultiUserChat(room("castle"));
        hagRoom.join(nick("thirdwitch"));
        assertThat(hagRoom.isJoined()).isTrue();
        selfPing(hag, self);
        await().atMost(WAIT).until(() -> "When shall we three meet again?".equals(hagRoom.getSubject()));
        // A temporary room is gone with the old server.
        assertThatThrownBy(() -> MultiUserChatManager.getInstanceFor(hag).getRoomInfo(room("coven")))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(
                        e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
    }
}
