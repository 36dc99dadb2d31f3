package org.parley.it;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
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
 * instant room is created, joined, talked in and moderated, a members-only room turns a stranger away, the room
 * archive (XEP-0313) pages without gaps, a moderator retracts a message (XEP-0425), and a persistent room survives a
 * server restart with its history. Subclasses pick the store.
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

    /** An instant room (XEP-0045 §10.1.2) that crone creates as firstwitch. */
    private MultiUserChat createInstant(String name) throws Exception {
        MultiUserChat room = MultiUserChatManager.getInstanceFor(crone).getMultiUserChat(room(name));
        room.create(nick("firstwitch")).makeInstant();
        return room;
    }

    /** Hag enters room {@code name} as thirdwitch. */
    private MultiUserChat hagJoins(String name) throws Exception {
        MultiUserChat room = MultiUserChatManager.getInstanceFor(hag).getMultiUserChat(room(name));
        room.join(nick("thirdwitch"));
        return room;
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
        MultiUserChat croneRoom = createInstant("coven");
        MultiUserChat hagRoom = hagJoins("coven");
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
        MultiUserChat croneRoom = createInstant("heath");
        MultiUserChat hagRoom = hagJoins("heath");

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
        MultiUserChat croneRoom = createInstant("hundred");
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
    @Order(8)
    void theRoomArchivePagesForwardsAndBackwardsWithoutGapsAndIdsAreTheStanzaIds() throws Exception {
        MultiUserChat croneRoom = createInstant("archive");
        MultiUserChat hagRoom = hagJoins("archive");
        List<String> bodies = new ArrayList<>();
        List<String> stanzaIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? croneRoom : hagRoom).sendMessage("line " + i);
            Message received = nextWithBody(hagRoom);
            assertThat(received.getBody()).isEqualTo("line " + i);
            StanzaIdElement sid = StanzaIdElement.getStanzaId(received);
            assertThat(sid.getBy()).isEqualTo(room("archive").toString());
            bodies.add(received.getBody());
            stanzaIds.add(sid.getId());
        }

        MamManager mam = MamManager.getInstanceFor(hagRoom);
        assertThat(mam.isSupported()).as("urn:xmpp:mam:2 on the room").isTrue();
        MamQuery query = mam.queryArchive(MamQueryArgs.builder().setResultPageSize(7).build());
        List<Message> forwards = new ArrayList<>(query.getMessages());
        List<String> ids = new ArrayList<>(query.getMamResultExtensions().stream().map(MamResultExtension::getId).toList());
        while (!query.isComplete()) {
            forwards.addAll(query.pageNext(7));
            ids.addAll(query.getMamResultExtensions().stream().map(MamResultExtension::getId).toList());
        }
        assertThat(forwards).extracting(Message::getBody).containsExactlyElementsOf(bodies);
        assertThat(forwards.getFirst().getFrom().toString()).isEqualTo("archive@" + SERVICE + "/firstwitch");
        assertThat(ids).containsExactlyElementsOf(stanzaIds);

        MamQuery last = mam.queryMostRecentPage(null, 7);
        List<Message> backwards = new ArrayList<>(last.getMessages());
        while (!last.isComplete()) backwards.addAll(0, last.pagePrevious(7));
        assertThat(backwards).extracting(Message::getBody).containsExactlyElementsOf(bodies);
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
    @Order(9)
    void aModeratorRetractsAMessageEveryoneIsToldAndTheArchiveKeepsATombstone() throws Exception {
        MultiUserChat croneRoom = createInstant("moderated");
        MultiUserChat hagRoom = hagJoins("moderated");
        String id = sayAndGetStanzaId(hagRoom, croneRoom, "DM me for free magic potions!");

        // XEP-0425 §3: Smack has no moderation API; the IQ is sent as it is.
        assertThatThrownBy(() -> hag.sendIqRequestAndWaitForResponse(new Moderate(room("moderated"), id, "mutiny")))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        crone.sendIqRequestAndWaitForResponse(new Moderate(room("moderated"), id, "spam"));

        Message notice = null;
        while (notice == null || notice.getExtensionElement("retract", "urn:xmpp:message-retract:1") == null) {
            notice = hagRoom.nextMessage(WAIT.toMillis());
            assertThat(notice).as("the retraction").isNotNull();
        }
        assertThat(notice.getFrom().toString()).isEqualTo("moderated@" + SERVICE);
        assertFirstArchivedIsATombstone(hagRoom);
    }

    /** {@code speaker} says {@code body}; the room's stanza-id on the copy {@code listener} gets. */
    private static String sayAndGetStanzaId(MultiUserChat speaker, MultiUserChat listener, String body) throws Exception {
        speaker.sendMessage(body);
        Message received = nextWithBody(listener);
        assertThat(received.getBody()).isEqualTo(body);
        return StanzaIdElement.getStanzaId(received).getId();
    }

    /** XEP-0424 §5: the room archive's first message is a tombstone, without its body. */
    private static void assertFirstArchivedIsATombstone(MultiUserChat room) throws Exception {
        MamManager mam = MamManager.getInstanceFor(room);
        assertThat(mam.isSupported()).isTrue(); // how Smack learns the MAM version to speak
        Message tombstone = mam.queryArchive(MamQueryArgs.builder().build()).getMessages().getFirst();
        assertThat(tombstone.getBody()).isNull();
        assertThat(tombstone.getExtensionElement("retracted", "urn:xmpp:message-retract:1")).isNotNull();
    }

    @Test
    @Order(10)
    void anOccupantRetractsItsOwnMessageAndAStrangerMayNotReadAMembersOnlyArchive() throws Exception {
        MultiUserChat croneRoom = createInstant("retraction");
        MultiUserChat hagRoom = hagJoins("retraction");
        String id = sayAndGetStanzaId(hagRoom, croneRoom, "Wrong room!");
        nextWithBody(hagRoom);

        // XEP-0424 §3 in a group chat: the room's stanza-id names the message.
        Message retraction = hag.getStanzaFactory().buildMessageStanza().to(room("retraction")).ofType(Message.Type.groupchat)
                .setBody("/me retracted a previous message").addExtension(StandardExtensionElement
                        .builder("retract", "urn:xmpp:message-retract:1").addAttribute("id", id).build())
                .build();
        hag.sendStanza(retraction);
        Message reflected = nextWithBody(croneRoom);
        assertThat(reflected.getExtensionElement("retract", "urn:xmpp:message-retract:1")).isNotNull();
        assertFirstArchivedIsATombstone(croneRoom);

        // XEP-0313 §5.1.2: in a members-only room "only owners, admins or members can query a room archive".
        FillableForm form = croneRoom.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_membersonly", true);
        croneRoom.sendConfigurationForm(form);
        XMPPTCPConnection stranger = login("stranger");
        MamManager strangers = MamManager.getInstanceFor(MultiUserChatManager.getInstanceFor(stranger).getMultiUserChat(room("retraction")));
        assertThat(strangers.isSupported()).isTrue();
        assertThatThrownBy(() -> strangers.queryArchive(MamQueryArgs.builder().build()))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        stranger.disconnect();
        connections.remove(stranger);
        croneRoom.destroy("done", null);
    }

    /** XEP-0425 §3: {@code <moderate id='…'><retract/><reason/></moderate>} to the room. */
    private static final class Moderate extends IQ {
        private final String id;
        private final String reason;

        Moderate(EntityBareJid room, String id, String reason) {
            super("moderate", "urn:xmpp:message-moderate:1");
            this.id = id;
            this.reason = reason;
            setType(IQ.Type.set);
            setTo(room);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("id", id).rightAngleBracket();
            xml.append("<retract xmlns='urn:xmpp:message-retract:1'/>");
            xml.element("reason", reason);
            return xml;
        }
    }

    @Test
    @Order(11)
    void aGroupchatReachesEveryOccupantExceptOneWhoBlocksItsSender() throws Exception {
        MultiUserChat croneRoom = createInstant("blasted");
        MultiUserChat hagRoom = hagJoins("blasted");
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
        croneRoom.sendMessage("Fair is foul, and foul is fair");
        assertThat(nextWithBody(croneRoom).getBody()).isEqualTo("Fair is foul, and foul is fair");

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
        // XEP-0045 §7.2.14: the discussion history, from the room's archive, survived the restart too.
        assertThat(nextWithBody(hagRoom).getBody()).isEqualTo("Fair is foul, and foul is fair");
        // A temporary room is gone with the old server.
        assertThatThrownBy(() -> MultiUserChatManager.getInstanceFor(hag).getRoomInfo(room("coven")))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(
                        e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
    }
}
