package org.parley.archive;

import org.dom4j.Element;
import org.dom4j.QName;
import org.dom4j.io.SAXReader;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.stream.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * XEP-0424 retraction in users' archives: when a user's archive takes a chat message with
 * {@code <retract id='…' xmlns='urn:xmpp:message-retract:1'/>}, the message it names (XEP-0424 §3: by its 'id'
 * attribute) is replaced by a tombstone (§5) — if it is one of the last {@value #SEARCHED} messages with the same peer,
 * in the same direction (so only its author can retract it: "received from the same bare-JID", §6). The retraction
 * itself stays archived (§6 "MUST store the retraction message"). Done off the stanza's way, on the executor, after
 * the writer has written the retraction: a query sent at once may still see the original.
 */
final class Retractions {
    /** XEP-0424 message retraction. */
    static final String NAMESPACE = "urn:xmpp:message-retract:1";
    /** XEP-0424 §5: the archive replaces retracted messages by tombstones. */
    static final String TOMBSTONE = NAMESPACE + "#tombstone";
    /** How many of the latest messages with the peer are searched for the one retracted. */
    static final int SEARCHED = 500;
    private static final QName RETRACT = QName.get("retract", NAMESPACE);
    private static final Logger log = LoggerFactory.getLogger(Retractions.class);

    private final MessageStore store;
    private final ArchiveWriter writer;
    private final Executor executor;
    private final Clock clock;

    Retractions(MessageStore store, ArchiveWriter writer, Executor executor, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * If {@code message} (archived in {@code owner}'s archive as {@code archiveId}) retracts an earlier message, puts a
     * tombstone in its place, later on the executor.
     */
    void archived(Message message, String owner, JID peer, Direction direction, long archiveId) {
        Element retract = message.getElement().element(RETRACT);
        if (retract == null) return;
        String target = retract.attributeValue("id");
        // §5: the tombstone MUST name the retraction by its 'id'; without one (or a target) there is nothing to do.
        if (target == null || message.getID() == null) return;
        executor.execute(() -> {
            try {
                tombstone(owner, peer.toBareJID(), direction, target, message.getID(), archiveId);
            } catch (RuntimeException | StanzaErrorException e) {
                log.error("Retraction {} in {}'s archive not applied", message.getID(), owner, e);
            }
        });
    }

    /**
     * Replaces the message {@code target} (its 'id' attribute) with {@code peer} in {@code direction}, archived before
     * {@code before}, by a tombstone for the retraction {@code retractionId} (blocking).
     *
     * @return whether such a message was found (not already a tombstone)
     */
    boolean tombstone(String owner, String peer, Direction direction, String target, String retractionId,
                      long before) throws StanzaErrorException {
        ArchivePager.flush(writer);
        SAXReader reader = SAXReader.createDefault();
        ArchiveFilter withPeer = ArchiveFilter.of(owner).withPeer(peer, null).withBefore(before);
        for (ArchivedMessage row : store.page(withPeer, MessageStore.Order.NEWEST_FIRST, SEARCHED, 0)) {
            if (row.direction() != direction || !row.stanzaXml().contains(target)) continue;
            Element original = ArchivePager.stanza(row, reader);
            // Not a retraction, nor a message retracted already.
            if (!target.equals(original.attributeValue("id")) || original.element(RETRACT) != null
                    || original.element(QName.get("retracted", NAMESPACE)) != null) {
                continue;
            }
            store.replace(owner, row.id(), XmlWriter.toXml(tombstone(original, retractionId).getElement(), Namespaces.CLIENT));
            log.debug("Message {} of {}'s archive retracted by {}", row.id(), owner, retractionId);
            return true;
        }
        log.debug("Retraction {} in {}'s archive: no message {} with {} found", retractionId, owner, target, peer);
        return false;
    }

    /** §5: the original's addresses, type and id, and {@code <retracted id='the retraction's id' stamp='…'/>}. */
    private Message tombstone(Element original, String retractionId) {
        Message tombstone = new Message();
        for (String attribute : new String[]{"type", "from", "to", "id"}) {
            String value = original.attributeValue(attribute);
            if (value != null) tombstone.getElement().addAttribute(attribute, value);
        }
        tombstone.addChildElement("retracted", NAMESPACE).addAttribute("id", retractionId)
                .addAttribute("stamp", clock.instant().toString());
        return tombstone;
    }
}
