package org.parley.muc;

import org.dom4j.Element;
import org.parley.archive.ArchiveIds;
import org.parley.archive.JooqMessageStore;
import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A MUC service whose rooms keep archives, on a fresh H2 database (rooms and archives in the real tables); a
 * second service on the same database is the server after a restart.
 */
final class RoomArchiveFixture implements AutoCloseable {
    static final String MAM = "urn:xmpp:mam:2";
    static final String RSM = "http://jabber.org/protocol/rsm";

    final TestDatabase db;
    final RoomArchive archive;
    final MucFixture f;

    RoomArchiveFixture() {
        this(TestDatabases.h2());
    }

    private RoomArchiveFixture(TestDatabase db) {
        this.db = db;
        this.archive = new RoomArchive(JooqMessageStore.rooms(db.database()), new ArchiveIds(), Duration.ZERO, Clock.systemUTC());
        this.f = new MucFixture(new MucSettings(MucFixture.SERVICE, 100, 100, 50), new JooqRoomStore(db.database()), archive);
        f.rooms.load();
    }

    /** The server restarted: a new service on the same database (this one's archive writer is closed first). */
    RoomArchiveFixture restart() {
        archive.close();
        return new RoomArchiveFixture(db);
    }

    /** Sends a MAM query to the room and returns its {@code <fin/>} (or error) reply; results are in the router. */
    IQ query(String user, Consumer<Element> build) {
        IQ iq = f.iq(user, IQ.Type.set, MAM);
        iq.setID("mam-" + System.nanoTime());
        build.accept(iq.getChildElement());
        return f.ask(iq);
    }

    /** The archive results the last query sent to {@code user}, in order. */
    List<Message> results(String user) {
        return f.messagesTo(user).stream().filter(m -> m.getChildElement("result", MAM) != null).toList();
    }

    static Element forwarded(Message result) {
        return result.getChildElement("result", MAM).element("forwarded").element("message");
    }

    static String resultId(Message result) {
        return result.getChildElement("result", MAM).attributeValue("id");
    }

    /** The room's stanza-id on {@code m}, or null. */
    static String stanzaId(Message m) {
        Element sid = m.getChildElement("stanza-id", "urn:xmpp:sid:0");
        return sid == null ? null : sid.attributeValue("id");
    }

    static void rsm(Element query, int max, String after, String before) {
        Element set = query.addElement("set", RSM);
        set.addElement("max").setText(Integer.toString(max));
        if (after != null) set.addElement("after").setText(after);
        if (before != null) set.addElement("before").setText(before);
    }

    static void with(Element query, String jid) {
        Element x = query.addElement("x", "jabber:x:data").addAttribute("type", "submit");
        x.addElement("field").addAttribute("var", "FORM_TYPE").addElement("value").setText(MAM);
        x.addElement("field").addAttribute("var", "with").addElement("value").setText(jid);
    }

    @Override
    public void close() {
        archive.close();
        db.close();
    }
}
