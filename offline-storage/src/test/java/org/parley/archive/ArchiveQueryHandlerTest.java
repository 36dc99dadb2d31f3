package org.parley.archive;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.module.testing.RecordingRouter;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.parley.schema.jooq.Tables.ACCOUNT;

/**
 * Archive queries (XEP-0313 §4, XEP-0059) through the handler with a recording outbox, on H2. Bob's archive holds
 * 10,000 messages, one a second from {@link #T0}: every third with carol, the others with alice (odd ones from her
 * phone, even ones to her bare JID).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveQueryHandlerTest {
    private static final String MAM = ArchiveModule.NAMESPACE;
    private static final JID BOB = new JID("bob@localhost/desk");
    private static final JID CAROL = new JID("carol@localhost/pc");
    private static final int MESSAGES = 10_000;
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private TestDatabase db;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private ArchiveModule module;
    private IqHandler queries;
    private IqHandler metadata;
    /** Bob's archive ids in order, and the message number (body) of each. */
    private final List<Long> ids = new ArrayList<>();

    @BeforeAll
    void archive() {
        db = TestDatabases.h2();
        for (String user : List.of("alice", "bob", "carol")) {
            db.database().dsl().insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT)
                    .values(user, LocalDateTime.now(ZoneOffset.UTC)).execute();
        }
        JooqArchiveStore store = new JooqArchiveStore(db.database());
        long[] clock = {T0.toEpochMilli()};
        ArchiveIds archiveIds = new ArchiveIds(() -> clock[0], new Random(1), 0);
        List<ArchivedMessage> batch = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            clock[0] = T0.toEpochMilli() + i * 1000L;
            long id = archiveIds.next();
            ids.add(id);
            boolean carol = i % 3 == 0;
            String with = carol ? "carol@localhost" : "alice@localhost";
            String resource = carol ? "pc" : i % 2 == 1 ? "phone" : null;
            Direction direction = i % 2 == 1 ? Direction.IN : Direction.OUT;
            String xml = direction == Direction.IN
                    ? "<message from='" + with + "/" + resource + "' to='bob@localhost' type='chat' id='m" + i + "'><body>" + i + "</body></message>"
                    : "<message from='bob@localhost/desk' to='" + with + "' type='chat' id='m" + i + "'><body>" + i + "</body></message>";
            batch.add(new ArchivedMessage(id, "bob", with, resource, direction, ArchiveIds.instantOf(id), xml));
            if (batch.size() == 1000) {
                store.insert(batch);
                batch.clear();
            }
        }
        module = new ArchiveModule(store, new ArchiveIds(), ArchiveMode.ALWAYS, Duration.ZERO, (user, jid) -> false, executor);
        RecordingModuleContext context = new RecordingModuleContext("localhost", new RecordingRouter(), bare -> List.of());
        module.start(context);
        queries = context.handler(IqKey.account(IQ.Type.set, "query", MAM)).orElseThrow();
        metadata = context.handler(IqKey.account(IQ.Type.get, "metadata", MAM)).orElseThrow();
        assertThat(context.handler(IqKey.account(IQ.Type.get, "query", MAM))).contains(queries);
    }

    @AfterAll
    void close() {
        module.stop();
        executor.close();
        db.close();
    }

    /** One page as the client sees it. */
    record Page(List<Message> results, Element fin) {
        List<Long> ids() {
            return results.stream().map(m -> Long.parseLong(result(m).attributeValue("id"))).toList();
        }

        boolean complete() {
            return "true".equals(fin.attributeValue("complete"));
        }

        Element set() {
            return fin.element(QName.get("set", ArchiveQuery.RSM));
        }

        String first() {
            return set().elementText("first");
        }

        String last() {
            return set().elementText("last");
        }

        String index() {
            Element first = set().element("first");
            return first == null ? null : first.attributeValue("index");
        }

        String count() {
            return set().elementText("count");
        }
    }

    private static Element result(Message m) {
        return m.getElement().element(QName.get("result", MAM));
    }

    private Page query(JID from, String queryXml) throws StanzaErrorException {
        IQ request = iq(from, "set", queryXml);
        RecordingOutbox outbox = new RecordingOutbox();
        IQ reply = queries.handle(request, outbox);
        assertThat(reply.getType()).isEqualTo(IQ.Type.result);
        List<Message> results = new ArrayList<>();
        for (Packet p : outbox.sent()) results.add((Message) p);
        return new Page(results, reply.getChildElement());
    }

    private Page query(String queryXml) throws StanzaErrorException {
        return query(BOB, queryXml);
    }

    private static IQ iq(JID from, String type, String childXml) {
        try {
            IQ iq = new IQ(DocumentHelper.parseText("<iq xmlns='jabber:client' type='" + type + "' id='q1'>" + childXml + "</iq>").getRootElement());
            iq.setFrom(from);
            return iq;
        } catch (org.dom4j.DocumentException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String form(String fields) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>" + MAM + "</value></field>"
                + fields + "</x>";
    }

    private static String field(String var, String... values) {
        StringBuilder f = new StringBuilder("<field var='" + var + "'>");
        for (String v : values) f.append("<value>").append(v).append("</value>");
        return f.append("</field>").toString();
    }

    private static String rsm(String content) {
        return "<set xmlns='http://jabber.org/protocol/rsm'>" + content + "</set>";
    }

    private String id(int message) {
        return ArchiveIds.format(ids.get(message));
    }

    @Test
    void tenThousandMessagesPagedForwardsComeOnceEachInOrderCompleteOnlyOnTheLastPage() throws Exception {
        List<Long> seen = new ArrayList<>();
        Page page = query("<query xmlns='" + MAM + "' queryid='fwd'>" + rsm("<max>50</max>") + "</query>");
        int pages = 1;
        while (true) {
            assertThat(page.results()).hasSize(50);
            assertThat(page.count()).isEqualTo("10000");
            assertThat(page.index()).isEqualTo(Integer.toString(seen.size()));
            assertThat(page.first()).isEqualTo(ArchiveIds.format(page.ids().getFirst()));
            assertThat(page.last()).isEqualTo(ArchiveIds.format(page.ids().getLast()));
            seen.addAll(page.ids());
            if (page.complete()) break;
            page = query("<query xmlns='" + MAM + "' queryid='fwd'>" + rsm("<max>50</max><after>" + page.last() + "</after>") + "</query>");
            pages++;
        }
        assertThat(pages).isEqualTo(200);
        assertThat(seen).isEqualTo(ids);
    }

    @Test
    void tenThousandMessagesPagedBackwardsFromTheLastPageComeOnceEachCompleteOnlyOnTheFirstPage() throws Exception {
        List<List<Long>> pagesNewestFirst = new ArrayList<>();
        Page page = query("<query xmlns='" + MAM + "'>" + rsm("<max>50</max><before/>") + "</query>");
        while (true) {
            assertThat(page.results()).hasSize(50);
            assertThat(page.ids()).as("chronological within a page").isSorted();
            assertThat(page.count()).isEqualTo("10000");
            assertThat(page.index()).isEqualTo(Integer.toString(MESSAGES - 50 * (pagesNewestFirst.size() + 1)));
            pagesNewestFirst.add(page.ids());
            if (page.complete()) break;
            page = query("<query xmlns='" + MAM + "'>" + rsm("<max>50</max><before>" + page.first() + "</before>") + "</query>");
        }
        assertThat(pagesNewestFirst).hasSize(200);
        Collections.reverse(pagesNewestFirst);
        assertThat(pagesNewestFirst.stream().flatMap(List::stream).toList()).isEqualTo(ids);
    }

    @Test
    void resultsForwardTheArchivedMessageWithDelayFromTheArchiveToTheRequester() throws Exception {
        Page page = query("<query xmlns='" + MAM + "' queryid='f27'>" + rsm("<max>2</max>") + "</query>");

        Message first = page.results().getFirst();
        assertThat(first.getFrom()).isEqualTo(new JID("bob@localhost"));
        assertThat(first.getTo()).isEqualTo(BOB);
        Element result = result(first);
        assertThat(result.attributeValue("queryid")).isEqualTo("f27");
        assertThat(result.attributeValue("id")).isEqualTo(id(0));
        Element forwarded = result.element(QName.get("forwarded", "urn:xmpp:forward:0"));
        assertThat(forwarded.element(QName.get("delay", "urn:xmpp:delay")).attributeValue("stamp")).isEqualTo("2026-11-20T08:00:00Z");
        Element message = forwarded.element(QName.get("message", "jabber:client"));
        assertThat(message.attributeValue("to")).isEqualTo("carol@localhost");
        assertThat(message.element(QName.get("body", "jabber:client")).getText()).isEqualTo("0");
        assertThat(page.results().get(1).getElement().asXML()).contains("from=\"alice@localhost/phone\"");
    }

    @Test
    void withABareJidMatchesEveryResourceAndAFullJidOnlyThatOne() throws Exception {
        Page alice = query("<query xmlns='" + MAM + "'>" + form(field("with", "alice@localhost")) + rsm("<max>5</max>") + "</query>");
        Page phone = query("<query xmlns='" + MAM + "'>" + form(field("with", "alice@localhost/phone")) + rsm("<max>5</max>") + "</query>");

        assertThat(alice.ids()).containsExactly(ids.get(1), ids.get(2), ids.get(4), ids.get(5), ids.get(7));
        assertThat(alice.count()).isEqualTo(Integer.toString(MESSAGES - 3334));
        assertThat(phone.ids()).containsExactly(ids.get(1), ids.get(5), ids.get(7), ids.get(11), ids.get(13));
    }

    @Test
    void startAndEndSelectByTimeBothInclusive() throws Exception {
        String start = T0.plusSeconds(100).toString();
        String end = T0.plusSeconds(104).toString();

        Page page = query("<query xmlns='" + MAM + "'>" + form(field("start", start) + field("end", end)) + "</query>");

        assertThat(page.ids()).isEqualTo(ids.subList(100, 105));
        assertThat(page.complete()).isTrue();
        assertThat(page.count()).isEqualTo("5");
        assertThat(page.index()).isEqualTo("0");
    }

    @Test
    void startWithATimeZoneOffsetAndFractionsIsAnInstant() throws Exception {
        Page page = query("<query xmlns='" + MAM + "'>" + form(field("start", "2026-11-20T10:00:09.500+02:00")
                + field("end", "2026-11-20T10:00:12+02:00")) + "</query>");

        assertThat(page.ids()).isEqualTo(ids.subList(10, 13));
    }

    @Test
    void afterIdAndBeforeIdBoundARangeAndIdsFetchSingleMessages() throws Exception {
        Page range = query("<query xmlns='" + MAM + "'>" + form(field("after-id", id(10)) + field("before-id", id(14))) + "</query>");
        Page some = query("<query xmlns='" + MAM + "'>" + form(field("ids", id(42), id(7), id(9000))) + "</query>");

        assertThat(range.ids()).isEqualTo(ids.subList(11, 14));
        assertThat(range.complete()).isTrue();
        assertThat(some.ids()).containsExactly(ids.get(7), ids.get(42), ids.get(9000));
    }

    @Test
    void aFlippedPageHasTheSameResultsNewestFirst() throws Exception {
        Page flipped = query("<query xmlns='" + MAM + "'>" + rsm("<max>3</max><before/>") + "<flip-page/></query>");

        assertThat(flipped.ids()).containsExactly(ids.get(9999), ids.get(9998), ids.get(9997));
        assertThat(flipped.first()).isEqualTo(id(9997));
        assertThat(flipped.last()).isEqualTo(id(9999));
    }

    @Test
    void theDefaultPageIs50AndNoPageExceeds250() throws Exception {
        assertThat(query("<query xmlns='" + MAM + "'/>").results()).hasSize(50);
        assertThat(query("<query xmlns='" + MAM + "'>" + rsm("<max>100000</max>") + "</query>").results()).hasSize(250);
    }

    @Test
    void maxZeroGivesOnlyTheCount() throws Exception {
        Page page = query("<query xmlns='" + MAM + "'>" + form(field("with", "carol@localhost")) + rsm("<max>0</max>") + "</query>");

        assertThat(page.results()).isEmpty();
        assertThat(page.count()).isEqualTo("3334");
        assertThat(page.first()).isNull();
        assertThat(page.complete()).isFalse();
    }

    @Test
    void anIndexJumpsToThatPlace() throws Exception {
        Page page = query("<query xmlns='" + MAM + "'>" + rsm("<max>10</max><index>9995</index>") + "</query>");

        assertThat(page.ids()).isEqualTo(ids.subList(9995, 10_000));
        assertThat(page.index()).isEqualTo("9995");
        assertThat(page.complete()).isTrue();
    }

    @Test
    void anEmptySelectionIsCompleteWithCountZero() throws Exception {
        Page page = query("<query xmlns='" + MAM + "'>" + form(field("with", "nobody@localhost")) + "</query>");

        assertThat(page.results()).isEmpty();
        assertThat(page.complete()).isTrue();
        assertThat(page.count()).isEqualTo("0");
        assertThat(page.set().element("first")).isNull();
    }

    @Test
    void anotherUsersArchiveIsForbidden() {
        IQ request = iq(CAROL, "set", "<query xmlns='" + MAM + "'/>");
        request.setTo(new JID("bob@localhost"));

        assertThat(error(request)).isEqualTo("forbidden");
        IQ own = iq(CAROL, "set", "<query xmlns='" + MAM + "'/>");
        own.setTo(new JID("carol@localhost"));
        assertThat(catchThrowableOfType(StanzaErrorException.class, () -> queries.handle(own, new RecordingOutbox()))).isNull();
    }

    @Test
    void anIdThatIsNotInTheArchiveIsItemNotFound() {
        assertThat(error(iq(BOB, "set", "<query xmlns='" + MAM + "'>" + rsm("<after>" + ArchiveIds.format(12345) + "</after>") + "</query>")))
                .isEqualTo("item-not-found");
        assertThat(error(iq(BOB, "set", "<query xmlns='" + MAM + "'>" + rsm("<before>28482-98726-73623</before>") + "</query>")))
                .isEqualTo("item-not-found");
        assertThat(error(iq(BOB, "set", "<query xmlns='" + MAM + "'>" + form(field("ids", id(1), "42")) + "</query>")))
                .isEqualTo("item-not-found");
        assertThat(error(iq(CAROL, "set", "<query xmlns='" + MAM + "'>" + form(field("after-id", id(1))) + "</query>")))
                .as("bob's message is not in carol's archive").isEqualTo("item-not-found");
    }

    @Test
    void malformedFormValuesAreBadRequestsAndUnknownFieldsNotImplemented() {
        assertThat(error(iq(BOB, "set", "<query xmlns='" + MAM + "'>" + form(field("start", "yesterday")) + "</query>"))).isEqualTo("bad-request");
        assertThat(error(iq(BOB, "set", "<query xmlns='" + MAM + "'>" + form(field("with", "@@")) + "</query>"))).isEqualTo("bad-request");
        assertThat(error(iq(BOB, "set", "<query xmlns='" + MAM + "'>" + rsm("<max>lots</max>") + "</query>"))).isEqualTo("bad-request");
        assertThat(error(iq(BOB, "set", "<query xmlns='" + MAM + "'>" + rsm("<after>" + id(1) + "</after><before>" + id(3) + "</before>") + "</query>")))
                .isEqualTo("bad-request");
        assertThat(error(iq(BOB, "set", "<query xmlns='" + MAM + "'><x xmlns='jabber:x:data' type='submit'>"
                + field("FORM_TYPE", "urn:xmpp:mam:1") + "</x></query>"))).isEqualTo("bad-request");
        assertThat(error(iq(BOB, "set", "<query xmlns='" + MAM + "'>" + form(field("include-groupchat", "true")) + "</query>")))
                .isEqualTo("feature-not-implemented");
    }

    @Test
    void aGetReturnsTheFormFields() throws Exception {
        IQ reply = queries.handle(iq(BOB, "get", "<query xmlns='" + MAM + "'/>"), new RecordingOutbox());

        Element x = reply.getChildElement().element(QName.get("x", "jabber:x:data"));
        assertThat(x.elements("field")).extracting(f -> f.attributeValue("var"))
                .containsExactly("FORM_TYPE", "with", "start", "end", "before-id", "after-id", "ids");
        assertThat(x.elements("field")).noneMatch(f -> f.element("required") != null);
    }

    @Test
    void metadataNamesTheFirstAndLastMessage() throws Exception {
        IQ reply = metadata.handle(iq(BOB, "get", "<metadata xmlns='" + MAM + "'/>"), new RecordingOutbox());
        IQ empty = metadata.handle(iq(new JID("alice@localhost/phone"), "get", "<metadata xmlns='" + MAM + "'/>"), new RecordingOutbox());

        Element start = reply.getChildElement().element("start");
        Element end = reply.getChildElement().element("end");
        assertThat(start.attributeValue("id")).isEqualTo(id(0));
        assertThat(start.attributeValue("timestamp")).isEqualTo("2026-11-20T08:00:00Z");
        assertThat(end.attributeValue("id")).isEqualTo(id(9999));
        assertThat(empty.getChildElement().elements()).isEmpty();
    }

    private String error(IQ request) {
        StanzaErrorException e = catchThrowableOfType(StanzaErrorException.class, () -> queries.handle(request, new RecordingOutbox()));
        assertThat(e).as("an error").isNotNull();
        return e.conditionName();
    }
}
