package org.parley.archive;

import org.dom4j.Element;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Archive metadata (XEP-0313 §5, part of {@code urn:xmpp:mam:2#extended}): the id and time of the first and last
 * message of the user's own archive, "&lt;start/&gt; and &lt;end/&gt; elements, which each have an 'id' and XEP-0082
 * formatted 'timestamp'"; an empty archive answers with an empty {@code <metadata/>}.
 */
public final class ArchiveMetadataHandler implements IqHandler {
    private final ArchiveStore store;
    private final ArchiveWriter writer;

    ArchiveMetadataHandler(ArchiveStore store, ArchiveWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.get, "metadata", ArchiveModule.NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        String owner = OwnArchive.owner(request);
        ArchivePager.flush(writer);
        return reply(request, store, owner);
    }

    /** The {@code <metadata/>} of {@code owner}'s archive in {@code store}, read in one snapshot. */
    public static IQ reply(IQ request, MessageStore store, String owner) {
        IQ reply = IQ.createResultIQ(request);
        Element metadata = reply.setChildElement("metadata", ArchiveModule.NAMESPACE);
        List<Optional<ArchivedMessage>> edges = store.snapshot(view -> List.of(
                view.edge(owner, ArchiveStore.Order.OLDEST_FIRST), view.edge(owner, ArchiveStore.Order.NEWEST_FIRST)));
        edges.getFirst().ifPresent(m -> edge(metadata, "start", m));
        edges.getLast().ifPresent(m -> edge(metadata, "end", m));
        return reply;
    }

    private static void edge(Element metadata, String name, ArchivedMessage message) {
        metadata.addElement(name).addAttribute("id", ArchiveIds.format(message.id()))
                .addAttribute("timestamp", DateTimeFormatter.ISO_INSTANT.format(message.stamp()));
    }
}
