package org.parley.archive;

import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import java.util.Set;

/**
 * Queries of a user's own archive (XEP-0313 §4): a {@code <query/>} set to the user's bare JID is answered by the
 * {@link ArchivePager} (pages of {@value ArchivePager#DEFAULT_PAGE} unless the client asks for another size,
 * {@value ArchivePager#MAX_PAGE} at most); a {@code <query/>} get returns the form's fields (§4.1.5).
 */
public final class ArchiveQueryHandler implements IqHandler {
    private final ArchivePager pager;
    private final String domain;

    ArchiveQueryHandler(ArchiveStore store, ArchiveWriter writer, String domain) {
        this.pager = new ArchivePager(store, writer);
        this.domain = domain;
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.set, "query", ArchiveModule.NAMESPACE),
                IqKey.account(IQ.Type.get, "query", ArchiveModule.NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        String owner = OwnArchive.owner(request);
        if (request.getType() == IQ.Type.get) return ArchivePager.form(request);
        ArchiveQuery query = ArchiveQuery.parse(request.getChildElement(), ArchivePager.DEFAULT_PAGE, ArchivePager.MAX_PAGE);
        return pager.answer(request, query, query.filter(owner), new JID(owner, domain, null, true), outbox,
                (row, message) -> {
                });
    }
}
