package org.parley.archive;

import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An archive query as the client sent it (XEP-0313 §4): the data form filters ({@code with}, {@code start},
 * {@code end}, and the {@code urn:xmpp:mam:2#extended} {@code before-id}, {@code after-id}, {@code ids}), the
 * XEP-0059 result set page, and XEP-0313 §4.3.4 {@code <flip-page/>}. Ids are parsed here: a value that cannot be
 * one of our ids cannot be in the archive either, which XEP-0313 answers with {@code <item-not-found/>}.
 *
 * @param queryId  the {@code queryid} to echo in results, or null
 * @param with     the peer to match (bare: all its resources; full: that resource only), or null
 * @param start    only messages archived at or after this, or null
 * @param end      only messages archived at or before this, or null
 * @param afterId  only messages after this id ({@code after-id}), or null
 * @param beforeId only messages before this id ({@code before-id}), or null
 * @param ids      only these ids ({@code ids}), or null
 * @param page     which page of the matching messages
 * @param flipPage whether the page is sent newest first
 */
public record ArchiveQuery(String queryId, JID with, Instant start, Instant end, Long afterId, Long beforeId,
                           List<Long> ids, Page page, boolean flipPage) {
    /** Result Set Management (XEP-0059). */
    public static final String RSM = "http://jabber.org/protocol/rsm";
    /** The fields of the query form, as XEP-0313 §4.1.5 lists them. */
    static final Set<String> FIELDS = Set.of("FORM_TYPE", "with", "start", "end", "after-id", "before-id", "ids");

    /**
     * A requested page (XEP-0059 §2).
     *
     * @param max       the most results, after the server's limit
     * @param after     RSM {@code <after/>}: the page that follows this id, or null
     * @param backwards whether RSM {@code <before/>} was given: the last page before {@code before}, or of all
     * @param before    RSM {@code <before/>}'s id, or null (with {@code backwards}: the last page, XEP-0059 §2.5)
     * @param index     RSM {@code <index/>}: how many matching messages to skip (XEP-0059 §2.4), or null
     */
    public record Page(int max, Long after, boolean backwards, Long before, Integer index) {
        /** The part of {@code selection} this page is read from: after RSM {@code after}, before RSM {@code before}. */
        public ArchiveFilter window(ArchiveFilter selection) {
            if (after != null) return selection.withAfter(after);
            return before != null ? selection.withBefore(before) : selection;
        }

        /** Newest first for RSM {@code <before/>} (the page at the end of the window), else oldest first. */
        public MessageStore.Order order() {
            return backwards ? MessageStore.Order.NEWEST_FIRST : MessageStore.Order.OLDEST_FIRST;
        }

        /** How many messages of the window to skip: RSM {@code <index/>}, else none. */
        public int offset() {
            return index == null ? 0 : index;
        }

        /** Whether the page starts at the start of the selection plus {@link #offset}, so that is its index. */
        public boolean fromStart() {
            return after == null && !backwards;
        }
    }

    /** The filter these form fields make of {@code owner}'s archive (without the page). */
    public ArchiveFilter filter(String owner) {
        ArchiveFilter filter = bounds(owner);
        return with == null ? filter : filter.withPeer(with.toBareJID(), with.getResource());
    }

    /**
     * The selection of {@code owner}'s archive by time and id ({@code start}, {@code end}, {@code after-id},
     * {@code before-id}, {@code ids}), without {@code with}: for archives that match {@code with} their own way (a
     * room's, XEP-0313 §4.1.1: "An item in a MUC archive matches if the publisher of the item matches the JID").
     */
    public ArchiveFilter bounds(String owner) {
        ArchiveFilter filter = ArchiveFilter.of(owner);
        if (start != null) filter = filter.withAfter(ArchiveIds.firstIdAtOrAfter(start) - 1);
        if (end != null) filter = filter.withBefore(ArchiveIds.firstIdAfter(end));
        if (afterId != null) filter = filter.withAfter(afterId);
        if (beforeId != null) filter = filter.withBefore(beforeId);
        if (ids != null) filter = filter.withIds(Set.copyOf(ids));
        return filter;
    }

    /** Every id the client named (form and RSM), each of which must be in the archive. */
    public List<Long> namedIds() {
        List<Long> named = new ArrayList<>();
        if (afterId != null) named.add(afterId);
        if (beforeId != null) named.add(beforeId);
        if (ids != null) named.addAll(ids);
        if (page.after() != null) named.add(page.after());
        if (page.before() != null) named.add(page.before());
        return named;
    }

    /**
     * Reads {@code <query xmlns='urn:xmpp:mam:2'/>}.
     *
     * @param defaultMax the page size when the client asks for none
     * @param maxMax     the largest page the server sends (XEP-0313 §4.3.1: the server "MAY simply return its
     *                   limited results")
     * @throws StanzaErrorException {@code <bad-request/>} for a malformed value, {@code <feature-not-implemented/>}
     *                              for an unknown field, {@code <item-not-found/>} for an id that cannot be ours
     */
    public static ArchiveQuery parse(Element query, int defaultMax, int maxMax) throws StanzaErrorException {
        if (query.attributeValue("node") != null) {
            throw new StanzaErrorException(PacketError.Condition.feature_not_implemented, "no pubsub archives (XEP-0442)");
        }
        JID with = null;
        Instant start = null;
        Instant end = null;
        Long afterId = null;
        Long beforeId = null;
        List<Long> ids = null;
        Element form = query.element(QName.get("x", Namespaces.DATA_FORMS));
        if (form != null) {
            for (Element field : form.elements("field")) {
                String var = field.attributeValue("var");
                List<String> values = field.elements("value").stream().map(Element::getTextTrim).toList();
                // XEP-0313 §4.1.5: "If a client includes a form field that the server does not recognise, the server
                // MUST respond with a 'feature-not-implemented' error."
                if (var == null || !FIELDS.contains(var)) {
                    throw new StanzaErrorException(PacketError.Condition.feature_not_implemented, "unknown field " + var);
                }
                if (values.isEmpty()) continue;
                String value = values.getFirst();
                switch (var) {
                    case "FORM_TYPE" -> {
                        // XEP-0313 §4.1: "The hidden FORM_TYPE field MUST be set to this protocol's namespace".
                        if (!value.equals(ArchiveModule.NAMESPACE)) throw badRequest("FORM_TYPE must be " + ArchiveModule.NAMESPACE);
                    }
                    case "with" -> with = jid(value);
                    case "start" -> start = dateTime("start", value);
                    case "end" -> end = dateTime("end", value);
                    case "after-id" -> afterId = id(value);
                    case "before-id" -> beforeId = id(value);
                    case "ids" -> {
                        if (values.size() > maxMax) throw badRequest("at most " + maxMax + " ids");
                        ids = new ArrayList<>();
                        for (String v : values) ids.add(id(v));
                    }
                    default -> throw new IllegalStateException(var);
                }
            }
        }
        String queryId = query.attributeValue("queryid");
        boolean flip = query.element(QName.get("flip-page", ArchiveModule.NAMESPACE)) != null;
        return new ArchiveQuery(queryId, with, start, end, afterId, beforeId, ids,
                page(query.element(QName.get("set", RSM)), defaultMax, maxMax), flip);
    }

    private static Page page(Element set, int defaultMax, int maxMax) throws StanzaErrorException {
        if (set == null) return new Page(defaultMax, null, false, null, null);
        int max = set.element("max") == null ? defaultMax : Math.min(number("max", set.elementTextTrim("max")), maxMax);
        Element afterElement = set.element("after");
        Element beforeElement = set.element("before");
        Element indexElement = set.element("index");
        // XEP-0313 §4.3.2: "RSM does not define the behaviour of including both <before> and <after>".
        if (afterElement != null && beforeElement != null) throw badRequest("use after-id and before-id for a range");
        if (indexElement != null && (afterElement != null || beforeElement != null)) {
            throw badRequest("index goes without after and before");
        }
        Long after = null;
        if (afterElement != null) {
            if (afterElement.getTextTrim().isEmpty()) throw badRequest("after needs an id");
            after = id(afterElement.getTextTrim());
        }
        Long before = null;
        if (beforeElement != null && !beforeElement.getTextTrim().isEmpty()) before = id(beforeElement.getTextTrim());
        Integer index = indexElement == null ? null : number("index", indexElement.getTextTrim());
        return new Page(max, after, beforeElement != null, before, index);
    }

    private static JID jid(String value) throws StanzaErrorException {
        try {
            return new JID(value);
        } catch (IllegalArgumentException e) {
            throw badRequest("with is not a JID");
        }
    }

    /** XEP-0313 §4.1.2: start and end "MUST contain timestamps formatted according to ... XEP-0082". */
    private static Instant dateTime(String var, String value) throws StanzaErrorException {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw badRequest(var + " is not an XEP-0082 date and time");
        }
    }

    /**
     * XEP-0313 §4.1.3: "If any UID requested by the client in any of the 'before-id', 'after-id' or 'ids' form
     * fields is not present in the archive, the server MUST return an item-not-found error".
     */
    private static long id(String value) throws StanzaErrorException {
        OptionalLong id = ArchiveIds.parse(value);
        if (id.isEmpty()) throw itemNotFound(value);
        return id.getAsLong();
    }

    private static int number(String what, String value) throws StanzaErrorException {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) throw badRequest(what + " must not be negative");
            return n;
        } catch (NumberFormatException e) {
            throw badRequest(what + " is not a number");
        }
    }

    static StanzaErrorException itemNotFound(String id) {
        return new StanzaErrorException(PacketError.Condition.item_not_found, "no message " + id + " in the archive");
    }

    private static StanzaErrorException badRequest(String text) {
        return new StanzaErrorException(PacketError.Condition.bad_request, text);
    }
}
