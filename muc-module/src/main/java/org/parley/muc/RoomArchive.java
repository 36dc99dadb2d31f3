package org.parley.muc;

import org.dom4j.Element;
import org.dom4j.QName;
import org.dom4j.io.SAXReader;
import org.parley.archive.ArchiveIds;
import org.parley.archive.ArchiveMetadataHandler;
import org.parley.archive.ArchivePager;
import org.parley.archive.ArchiveQuery;
import org.parley.archive.ArchiveRetention;
import org.parley.archive.ArchiveWriter;
import org.parley.archive.ArchivedMessage;
import org.parley.archive.ArchiveFilter;
import org.parley.archive.Direction;
import org.parley.archive.MessageStore;
import org.parley.archive.StanzaIds;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.stream.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * The rooms' archives (XEP-0313 on each room's bare JID, §3.3.2): what a logged room reflects is queued to its own
 * {@link ArchiveWriter} (batched, off the room's queue), read back page by page by the {@link ArchivePager} shared with
 * users' archives, replaced by tombstones (XEP-0424, XEP-0425), and purged by {@code archive.retention_days}
 * ({@link ArchiveRetention}). A room's archive goes with the room.
 */
public final class RoomArchive implements AutoCloseable {
    /** Longest sender bare JID or nick archived (the index key limit, see {@code V10__room_archive.sql}). */
    static final int MAX_KEY_CHARS = 510;
    private static final int MAX_PENDING = 100_000;
    private static final QName MUC_USER_X = QName.get("x", MucNamespaces.USER);
    private static final Logger log = LoggerFactory.getLogger(RoomArchive.class);

    private final MessageStore store;
    private final ArchiveWriter writer;
    private final ArchivePager pager;
    private final ArchiveRetention retention;

    /**
     * @param store     the rooms' archives
     * @param ids       the archive id generator (the server's, shared with users' archives)
     * @param retention how long messages are kept; {@link Duration#ZERO} for ever
     */
    public RoomArchive(MessageStore store, ArchiveIds ids, Duration retention, Clock clock) {
        this.store = store;
        this.writer = new ArchiveWriter(store, ids, MAX_PENDING);
        this.pager = new ArchivePager(store, writer);
        this.retention = new ArchiveRetention(store, retention, clock);
    }

    /** Starts the daily retention purge. */
    public void startRetention() {
        retention.start();
    }

    /** Runs the retention purge now (blocking). @return how many messages were deleted */
    public long purge() {
        return retention.purge();
    }

    /**
     * Archives {@code reflected} (from its occupant JID, no {@code to}) in {@code room}'s archive.
     *
     * @param sender the sender's real JID (its bare JID is kept), or the room's JID for what the room says
     * @param nick   the sender's nick, or empty for the room
     * @return the archive id, also the stanza-id to put on every copy (XEP-0313 §3.5), or empty when not archived
     */
    public OptionalLong append(Room room, JID sender, String nick, Message reflected) {
        String bare = sender.toBareJID();
        if (bare.length() > MAX_KEY_CHARS || nick.length() > MAX_KEY_CHARS) {
            log.warn("Message {} in {} not archived: sender JID or nick longer than {} characters", reflected.getID(),
                    room.jid(), MAX_KEY_CHARS);
            return OptionalLong.empty();
        }
        Element stored = reflected.getElement();
        // XEP-0313 §5.1.2: "The archiving entity MUST strip any pre-existing <x> element from MUC messages".
        if (stored.element(MUC_USER_X) != null) {
            stored = stored.createCopy();
            stored.elements(MUC_USER_X).forEach(stored::remove);
        }
        return writer.append(room.jid().getNode(), bare, nickKey(nick), Direction.IN, XmlWriter.toXml(stored, Namespaces.CLIENT));
    }

    /**
     * The nick as the archive keeps it for {@code with}: in the form RFC 8266 §2.4 compares nicks in, so that
     * "Romeo" finds what "romeo" said (the stanza keeps the nick as it was shown); empty for the room itself.
     */
    static String nickKey(String nick) {
        return nick.isEmpty() ? "" : Nicknames.comparable(nick);
    }

    /**
     * The archived message with stanza-id {@code id} of {@code room} (what retraction and moderation refer to).
     *
     * @throws StanzaErrorException {@code <item-not-found/>} when the room's archive has no such message
     */
    public ArchivedMessage find(Room room, String id) throws StanzaErrorException {
        OptionalLong parsed = id == null ? OptionalLong.empty() : ArchiveIds.parse(id);
        if (parsed.isPresent()) {
            ArchivePager.flush(writer);
            Optional<ArchivedMessage> found = store.get(room.jid().getNode(), parsed.getAsLong());
            if (found.isPresent()) return found.get();
        }
        throw new StanzaErrorException(PacketError.Condition.item_not_found, "no message " + id + " in this room's archive");
    }

    /** Replaces the archived message {@code original} with {@code tombstone} (XEP-0424 §5, XEP-0425 §4). */
    public void replace(ArchivedMessage original, Message tombstone) {
        store.replace(original.owner(), original.id(), XmlWriter.toXml(tombstone.getElement(), Namespaces.CLIENT));
    }

    /** The archived stanza of {@code row}, as it was reflected. */
    public static Message stanza(ArchivedMessage row) {
        return new Message(ArchivePager.stanza(row, SAXReader.createDefault()), true);
    }

    /**
     * The last {@code limit} messages of {@code room}'s archive that belong in the discussion history (XEP-0045
     * §7.2.14), oldest first, each with its stanza-id: the history of a room loaded after a restart (blocking).
     */
    public List<History.Entry> recent(Room room, int limit) {
        if (limit == 0) return List.of();
        SAXReader reader = SAXReader.createDefault();
        List<History.Entry> entries = new ArrayList<>();
        for (ArchivedMessage row : store.page(ArchiveFilter.of(room.jid().getNode()), MessageStore.Order.NEWEST_FIRST, limit, 0).reversed()) {
            Message m = new Message(ArchivePager.stanza(row, reader), true);
            if (History.isSubjectChange(m)) continue;
            StanzaIds.add(m, room.jid().toBareJID(), row.id());
            entries.add(new History.Entry(m, row.stamp()));
        }
        return entries;
    }

    /**
     * Answers a MAM query on {@code room}'s archive (the caller checked the requester may read it).
     *
     * @param filter   the selection (the room's archive, bounds and 'with' as the room maps it)
     * @param decorate adds what the requester may see to each result (the sender's real JID)
     */
    public IQ query(Room room, IQ request, ArchiveQuery query, ArchiveFilter filter, Outbox outbox,
                    BiConsumer<ArchivedMessage, Element> decorate) throws StanzaErrorException {
        return pager.answer(request, query, filter, room.jid().asBareJID(), outbox, decorate);
    }

    /** XEP-0313 §5: the first and last message of {@code room}'s archive, after a flush. */
    public IQ metadata(Room room, IQ request) throws StanzaErrorException {
        ArchivePager.flush(writer);
        return ArchiveMetadataHandler.reply(request, store, room.jid().getNode());
    }

    /** Deletes {@code room}'s archive (the room went away), after everything queued for it is written (blocking). */
    public void forget(Room room) {
        try {
            ArchivePager.flush(writer);
        } catch (StanzaErrorException e) {
            return; // interrupted: the archive is left for the next start's clean-up of unstored rooms
        }
        int deleted = store.deleteArchive(room.jid().getNode());
        if (deleted > 0) log.info("Archive of {} deleted: {} messages", room.jid(), deleted);
    }

    /** Stops the purge schedule and writes every pending message. */
    @Override
    public void close() {
        retention.close();
        writer.close();
    }
}
