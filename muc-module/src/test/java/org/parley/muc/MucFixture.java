package org.parley.muc;

import org.dom4j.Element;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.xmpp.core.module.testing.RecordingRouter;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A MUC service on a recording router, run in place (no queues): the named users of XEP-0045's examples send
 * stanzas, the tests read what the room routed to whom.
 */
class MucFixture {
    static final String SERVICE = "conference.localhost";
    static final JID ROOM = new JID("coven@" + SERVICE);

    final RecordingRouter router = new RecordingRouter();
    final MucSettings settings;
    final Rooms rooms;
    final MucService muc;
    Instant now = Instant.parse("2026-11-23T10:00:00Z");

    MucFixture() {
        this(new MucSettings(SERVICE, 100, 100, 50), RoomStore.NONE);
    }

    MucFixture(MucSettings settings, RoomStore store) {
        this(settings, store, null);
    }

    /** A service whose rooms keep their archives in {@code archive} (null: none). */
    MucFixture(MucSettings settings, RoomStore store, RoomArchive archive) {
        this.settings = settings;
        this.rooms = new Rooms(settings, store, archive);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        this.muc = new MucService(rooms, Policies.standard(), router, new UserQueues(Runnable::run), clock);
    }

    static JID user(String name) {
        return new JID(name + "@localhost/pda");
    }

    static JID occupant(String nick) {
        return new JID(ROOM.getNode(), ROOM.getDomain(), nick);
    }

    // ---- sending ----

    Presence join(String user, String nick) {
        return join(user, nick, null);
    }

    Presence join(String user, String nick, String password) {
        Presence p = new Presence();
        p.setID("join-" + user);
        p.setFrom(user(user));
        p.setTo(occupant(nick));
        Element x = p.addChildElement("x", MucNamespaces.MUC);
        if (password != null) x.addElement("password").setText(password);
        muc.process(p);
        return p;
    }

    /** The first occupant creates the room and accepts it as an instant room (§10.1.2). */
    void createInstant(String owner, String nick) {
        join(owner, nick);
        IQ submit = iq(owner, IQ.Type.set, MucNamespaces.OWNER);
        submit.getChildElement().addElement("x", "jabber:x:data").addAttribute("type", "submit");
        muc.process(submit);
    }

    void leave(String user, String nick) {
        Presence p = new Presence(Presence.Type.unavailable);
        p.setFrom(user(user));
        p.setTo(occupant(nick));
        muc.process(p);
    }

    Message say(String user, String body) {
        Message m = groupchat(user);
        m.setBody(body);
        muc.process(m);
        return m;
    }

    /** A groupchat message from {@code user} to the room, not sent yet. */
    static Message groupchat(String user) {
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(user(user));
        m.setTo(ROOM);
        return m;
    }

    IQ iq(String user, IQ.Type type, String namespace) {
        IQ iq = new IQ(type, "iq-" + user);
        iq.setFrom(user(user));
        iq.setTo(ROOM);
        iq.setChildElement("query", namespace);
        return iq;
    }

    /** Sends {@code iq} and returns the room's answer to it. */
    IQ ask(IQ iq) {
        router.clear();
        muc.process(iq);
        return (IQ) routedTo(iq.getFrom().toString()).stream().filter(p -> p instanceof IQ && iq.getID().equals(p.getID()))
                .findFirst().orElseThrow(() -> new AssertionError("no answer to " + iq.toXML()));
    }

    /** A muc#admin set with one item. */
    IQ admin(String actor, String attr, String value, String attr2, String value2) {
        IQ iq = iq(actor, IQ.Type.set, MucNamespaces.ADMIN);
        iq.getChildElement().addElement("item").addAttribute(attr, value).addAttribute(attr2, value2);
        return ask(iq);
    }

    /** Submits the owner form with these fields. */
    IQ configure(String owner, String... varValue) {
        IQ iq = iq(owner, IQ.Type.set, MucNamespaces.OWNER);
        Element x = iq.getChildElement().addElement("x", "jabber:x:data").addAttribute("type", "submit");
        for (int i = 0; i < varValue.length; i += 2) {
            x.addElement("field").addAttribute("var", varValue[i]).addElement("value").setText(varValue[i + 1]);
        }
        return ask(iq);
    }

    // ---- reading ----

    List<Packet> routedTo(String user) {
        JID to = user.contains("@") ? new JID(user) : user(user);
        return router.routed().stream().filter(p -> to.equals(p.getTo())).collect(Collectors.toList());
    }

    List<Presence> presencesTo(String user) {
        return routedTo(user).stream().filter(p -> p instanceof Presence).map(p -> (Presence) p).toList();
    }

    List<Message> messagesTo(String user) {
        return routedTo(user).stream().filter(p -> p instanceof Message).map(p -> (Message) p).toList();
    }

    static List<String> statuses(Packet p) {
        Element x = p.getElement().element(org.dom4j.QName.get("x", MucNamespaces.USER));
        if (x == null) return List.of();
        return x.elements("status").stream().map(s -> s.attributeValue("code")).toList();
    }

    static Element item(Packet p) {
        return p.getElement().element(org.dom4j.QName.get("x", MucNamespaces.USER)).element("item");
    }

    static String errorCondition(Packet p) {
        return p.getError() == null ? null : p.getError().getCondition().toXMPP();
    }
}
