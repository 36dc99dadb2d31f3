package org.parley.archive;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.dom4j.io.SAXReader;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Answers an archive query (XEP-0313 §4) on one archive, a user's or a room's: one
 * {@code <message><result><forwarded/></result></message>} per matching message (XEP-0297 forwarding with a XEP-0203
 * delay), sent through the outbox before the {@code <fin/>} result, which carries the XEP-0059 set ({@code first}
 * with its {@code index}, {@code last}, {@code count}) and whether the page was the last ({@code complete}).
 *
 * <p>RSM {@code <after/>} pages forwards, {@code <before/>} backwards (empty: the last page), {@code <index/>} jumps
 * (XEP-0059 §2.4). Every page is one index range scan; {@code count} and {@code index} cost another (bounded) scan
 * each and are left out when more than {@value #COUNT_LIMIT} messages would have to be counted (XEP-0313 §4.3.2: "a
 * client MUST NOT depend on them being present").
 */
public final class ArchivePager {
    /** The page size when the client asks for none. */
    public static final int DEFAULT_PAGE = 50;
    /** The largest page sent. */
    public static final int MAX_PAGE = 250;
    /** The most messages counted for {@code <count/>} and {@code index} (about 2 ms of index entries on MariaDB). */
    public static final int COUNT_LIMIT = 10_000;
    /** How long a query waits for the archive writer before answering from what is stored (stable='false'). */
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);
    static final String FORWARD = "urn:xmpp:forward:0";
    static final String DELAY = "urn:xmpp:delay";
    private static final Logger log = LoggerFactory.getLogger(ArchivePager.class);

    private final MessageStore store;
    private final ArchiveWriter writer;

    /**
     * @param store  the archives
     * @param writer the writer that fills them (flushed before each query)
     */
    public ArchivePager(MessageStore store, ArchiveWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /**
     * Sends the page {@code query} selects from {@code filter} (its owner's archive) to the requester, and returns the
     * {@code <fin/>} result.
     *
     * @param archive  the archive's address: the results come from it
     * @param decorate adjusts each forwarded message before it is sent (e.g. a room adds the sender's real JID for
     *                 those who may see it), given the stored row
     * @throws StanzaErrorException {@code <item-not-found/>} for an id the client named that is not in the archive
     */
    public IQ answer(IQ request, ArchiveQuery query, ArchiveFilter filter, JID archive, Outbox outbox,
                     BiConsumer<ArchivedMessage, Element> decorate) throws StanzaErrorException {
        // XEP-0313 §4.3.2: results "unstable (e.g. they might later change in sequence or content)" MUST say so:
        // when the writer could not catch up in time, messages archived just before the query may be missing.
        boolean stable = flush(writer);
        Selection selection = store.snapshot(view -> select(view, filter.owner(), query, filter));
        // XEP-0313 §4.3.2: "If the UID contained within an <after> or <before> element is not present in the
        // archive, the server MUST return an item-not-found error" (and §4.1.3 for after-id, before-id, ids).
        if (selection.missing() != null) throw ArchiveQuery.itemNotFound(ArchiveIds.format(selection.missing()));
        List<ArchivedMessage> rows = selection.rows();
        log.debug("Query {} of {}: {} results, complete {}, stable {}", request.getID(), archive, rows.size(),
                selection.complete(), stable);

        SAXReader reader = SAXReader.createDefault();
        for (ArchivedMessage row : query.flipPage() ? rows.reversed() : rows) {
            outbox.send(result(archive, request.getFrom(), query.queryId(), row, reader, decorate));
        }
        IQ reply = IQ.createResultIQ(request);
        Element fin = reply.setChildElement("fin", ArchiveModule.NAMESPACE);
        fin.addAttribute("complete", Boolean.toString(selection.complete()));
        if (!stable) fin.addAttribute("stable", "false");
        Element set = fin.addElement("set", ArchiveQuery.RSM);
        if (!rows.isEmpty()) {
            Element first = set.addElement("first").addText(ArchiveIds.format(rows.getFirst().id()));
            if (selection.index() != null) first.addAttribute("index", Integer.toString(selection.index()));
            set.addElement("last").addText(ArchiveIds.format(rows.getLast().id()));
        }
        if (selection.count() <= COUNT_LIMIT) set.addElement("count").addText(Integer.toString(selection.count()));
        return reply;
    }

    /**
     * What a query selects, read in one snapshot so that the page, its count and index agree.
     *
     * @param rows     the page, oldest first
     * @param complete whether the page reaches the end of the selection in its direction
     * @param count    how many messages the selection holds ({@code COUNT_LIMIT + 1}: more)
     * @param index    the position of the page's first message in the selection, or null when not counted
     * @param missing  an id the client named that is not in the archive (then nothing else is read), or null
     */
    private record Selection(List<ArchivedMessage> rows, boolean complete, int count, Integer index, Long missing) {
    }

    private static Selection select(MessageStore view, String owner, ArchiveQuery query, ArchiveFilter filter) {
        for (long id : query.namedIds()) {
            if (!view.contains(owner, id)) return new Selection(List.of(), false, 0, null, id);
        }
        ArchiveQuery.Page page = query.page();
        List<ArchivedMessage> rows = view.page(page.window(filter), page.order(), page.max() + 1, page.offset());
        // XEP-0313 §4.3.2: complete='true' "when they have not been limited by the maximum size of the result page".
        boolean complete = rows.size() <= page.max();
        if (!complete) rows = rows.subList(0, page.max());
        if (page.order() == MessageStore.Order.NEWEST_FIRST) rows = rows.reversed();
        int count = view.count(filter, COUNT_LIMIT);
        // The index is free from the start of the selection, one more bounded count otherwise; not worth it when the
        // whole selection was too large to count.
        Integer index = null;
        if (!rows.isEmpty() && page.fromStart()) {
            index = page.offset();
        } else if (!rows.isEmpty() && count <= COUNT_LIMIT) {
            index = view.count(filter.withBefore(rows.getFirst().id()), COUNT_LIMIT);
        }
        return new Selection(rows, complete, count, index, null);
    }

    /**
     * Waits until every message archived before now is written, for a read that must see them.
     *
     * @return false if the writer did not catch up within {@link #FLUSH_TIMEOUT}
     */
    public static boolean flush(ArchiveWriter writer) throws StanzaErrorException {
        try {
            return writer.flush(FLUSH_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanzaErrorException(PacketError.Condition.internal_server_error);
        }
    }

    /**
     * One result (XEP-0313 §4.2): "the original message encapsulated in a &lt;forwarded/&gt; element", with a
     * &lt;delay/&gt; whose "'stamp' attribute MUST be the time the message was originally received".
     */
    private static Message result(JID archive, JID requester, String queryId, ArchivedMessage row, SAXReader reader,
                                  BiConsumer<ArchivedMessage, Element> decorate) {
        Message result = new Message();
        result.setFrom(archive);
        result.setTo(requester);
        Element element = result.addChildElement("result", ArchiveModule.NAMESPACE);
        // XEP-0313 §4.2: "If the client gave a 'queryid' attribute in its initial query, the server MUST also
        // include that in this result element."
        if (queryId != null) element.addAttribute("queryid", queryId);
        element.addAttribute("id", ArchiveIds.format(row.id()));
        Element forwarded = element.addElement("forwarded", FORWARD);
        forwarded.addElement("delay", DELAY).addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(row.stamp()));
        Element stanza = stanza(row, reader);
        decorate.accept(row, stanza);
        forwarded.add(stanza);
        return result;
    }

    /**
     * The archived stanza, in {@code jabber:client} (it was stored without its stream's default namespace), read
     * with {@code reader} ({@link SAXReader#createDefault()}, which refuses DTDs and external entities); an
     * unreadable one becomes an empty message (XEP-0313 §3.2 allows a placeholder; the id stays).
     */
    public static Element stanza(ArchivedMessage row, SAXReader reader) {
        try {
            Element wrapper = reader
                    .read(new StringReader("<archived xmlns='" + Namespaces.CLIENT + "'>" + row.stanzaXml() + "</archived>"))
                    .getRootElement();
            Element message = wrapper.elements().getFirst();
            message.detach();
            return message;
        } catch (DocumentException | RuntimeException e) {
            log.error("Archived message {} of {} is unreadable; sent as an empty message", row.id(), row.owner(), e);
            return DocumentHelper.createElement(QName.get("message", Namespaces.CLIENT));
        }
    }

    /** XEP-0313 §4.1.5: the fields a query may use, none of them required. */
    public static IQ form(IQ request) {
        IQ reply = IQ.createResultIQ(request);
        Element x = reply.setChildElement("query", ArchiveModule.NAMESPACE)
                .addElement("x", Namespaces.DATA_FORMS).addAttribute("type", "form");
        x.addElement("field").addAttribute("type", "hidden").addAttribute("var", "FORM_TYPE")
                .addElement("value").addText(ArchiveModule.NAMESPACE);
        x.addElement("field").addAttribute("type", "jid-single").addAttribute("var", "with");
        x.addElement("field").addAttribute("type", "text-single").addAttribute("var", "start");
        x.addElement("field").addAttribute("type", "text-single").addAttribute("var", "end");
        x.addElement("field").addAttribute("type", "text-single").addAttribute("var", "before-id");
        x.addElement("field").addAttribute("type", "text-single").addAttribute("var", "after-id");
        // §4.1.5: for 'ids' "the server MUST include a XEP-0122 <validate/> element that signals the list is open".
        x.addElement("field").addAttribute("type", "list-multi").addAttribute("var", "ids")
                .addElement("validate", "http://jabber.org/protocol/xdata-validate")
                .addAttribute("datatype", "xs:string").addElement("open");
        return reply;
    }
}
