package org.parley.archive;

import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.parley.schema.Database;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link MessageStore} on jOOQ (H2 or MySQL/MariaDB), for users' archives ({@link JooqArchiveStore}) and rooms'
 * archives ({@link #rooms}): the same statements on the table an {@link ArchiveTable} describes. Stamps are UTC
 * {@code DATETIME(3)}/{@code TIMESTAMP(3)}; a page is one range scan of the {@code (owner, id)} index, or of
 * {@code (owner, with, id)} when filtered by peer (see {@code V6__archive.sql}, {@code V10__room_archive.sql}).
 */
public class JooqMessageStore implements MessageStore {
    private final DSLContext dsl;
    private final ArchiveTable t;
    private final boolean mySql;

    /** The rooms' archives on {@code database} (owners are room localparts; sender's real bare JID and nick as peer). */
    public static MessageStore rooms(Database database) {
        return new JooqMessageStore(database, ArchiveTable.ROOMS);
    }

    JooqMessageStore(Database database, ArchiveTable table) {
        this(database.dsl(), table, isMySql(database));
    }

    JooqMessageStore(DSLContext dsl, ArchiveTable table, boolean mySql) {
        this.dsl = dsl;
        this.t = table;
        this.mySql = mySql;
    }

    static boolean isMySql(Database database) {
        SQLDialect family = database.dialect().family();
        return family == SQLDialect.MARIADB || family == SQLDialect.MYSQL;
    }

    /** The connection this store runs on (the transaction's, inside a snapshot). */
    protected DSLContext dsl() {
        return dsl;
    }

    @Override
    public int insert(List<ArchivedMessage> messages) {
        if (messages.isEmpty()) return 0;
        return dsl.transactionResult(tx -> {
            Set<String> owners = t.owners().existing(tx.dsl(),
                    messages.stream().map(ArchivedMessage::owner).collect(Collectors.toSet()));
            List<Field<?>> columns = columns();
            BatchBindStep batch = tx.dsl().batch(tx.dsl().insertInto(t.table(), columns)
                    .values(new Object[columns.size()]));
            int rows = 0;
            for (ArchivedMessage m : messages) {
                if (!owners.contains(m.owner())) continue;
                LocalDateTime stamp = LocalDateTime.ofInstant(m.stamp(), ZoneOffset.UTC);
                if (t.direction() == null) {
                    batch.bind(m.id(), m.owner(), m.withJid(), m.withResource(), stamp, m.stanzaXml());
                } else {
                    batch.bind(m.id(), m.owner(), m.withJid(), m.withResource(), m.direction().column(), stamp, m.stanzaXml());
                }
                rows++;
            }
            if (rows > 0) batch.execute();
            return rows;
        });
    }

    /** The columns in the order {@link #insert} binds them and {@link #message} reads them. */
    private List<Field<?>> columns() {
        return t.direction() == null
                ? List.of(t.id(), t.owner(), t.withJid(), t.withResource(), t.stamp(), t.stanza())
                : List.of(t.id(), t.owner(), t.withJid(), t.withResource(), t.direction(), t.stamp(), t.stanza());
    }

    @Override
    public List<ArchivedMessage> page(ArchiveFilter filter, Order order, int limit, int offset) {
        if (filter.isEmpty() || limit == 0) return List.of();
        return pageQuery(filter, order, limit, offset).fetch(this::message);
    }

    @Override
    public int count(ArchiveFilter filter, int cap) {
        if (filter.isEmpty()) return 0;
        return dsl.fetchCount(countQuery(filter, cap));
    }

    /** The statement {@link #page} runs (also for EXPLAIN in the benchmark). */
    Select<Record> pageQuery(ArchiveFilter filter, Order order, int limit, int offset) {
        return dsl.select(columns()).from(indexed(filter)).where(conditionOf(filter))
                .orderBy(order == Order.OLDEST_FIRST ? t.id().asc() : t.id().desc())
                .limit(limit).offset(offset);
    }

    /**
     * The table with the index a page must scan: {@code (owner, with, id)} with a peer (or {@code (owner, nick, id)}
     * with a nick only), else {@code (owner, id)}. MariaDB picks the primary key for {@code id > ?} when one owner
     * holds most rows, which is fine for that owner and a scan of everyone's messages for the others: the hint keeps
     * every page one bounded range of the owner's entries (H2 picks the owner's index by itself and has no such hint).
     */
    private Table<?> indexed(ArchiveFilter filter) {
        if (!mySql || filter.ids() != null) return t.table();
        if (filter.withJid() != null) return t.table().forceIndex(t.withIndex());
        if (filter.withResource() != null && t.resourceIndex() != null) return t.table().forceIndex(t.resourceIndex());
        return t.table().forceIndex(t.ownerIndex());
    }

    /** The rows {@link #count} counts: at most {@code cap + 1} of the selection. */
    Select<?> countQuery(ArchiveFilter filter, int cap) {
        return dsl.selectOne().from(indexed(filter)).where(conditionOf(filter)).limit(cap + 1);
    }

    @Override
    public boolean contains(String owner, long id) {
        return dsl.fetchExists(t.table(), t.id().eq(id).and(t.owner().eq(owner)));
    }

    @Override
    public Optional<ArchivedMessage> get(String owner, long id) {
        return dsl.select(columns()).from(t.table()).where(t.id().eq(id).and(t.owner().eq(owner)))
                .fetchOptional(this::message);
    }

    @Override
    public boolean replace(String owner, long id, String stanzaXml) {
        return dsl.update(t.table()).set(t.stanza(), stanzaXml).where(t.id().eq(id).and(t.owner().eq(owner))).execute() > 0;
    }

    @Override
    public Optional<ArchivedMessage> edge(String owner, Order order) {
        return page(ArchiveFilter.of(owner), order, 1, 0).stream().findFirst();
    }

    @Override
    public int deleteBefore(long id, int limit) {
        return dsl.deleteFrom(t.table()).where(t.id().lt(id)).limit(limit).execute();
    }

    @Override
    public int deleteBefore(long id, int limit, Set<String> except) {
        if (except.isEmpty()) return deleteBefore(id, limit);
        return dsl.deleteFrom(t.table()).where(t.id().lt(id).and(t.owner().notIn(except))).limit(limit).execute();
    }

    @Override
    public int deleteBefore(String owner, long id, int limit) {
        return dsl.deleteFrom(t.table()).where(t.owner().eq(owner).and(t.id().lt(id))).limit(limit).execute();
    }

    @Override
    public int deleteArchive(String owner) {
        return dsl.deleteFrom(t.table()).where(t.owner().eq(owner)).execute();
    }

    @Override
    public Map<String, Integer> retentions() {
        return Map.of();
    }

    @Override
    public <T> T snapshot(Function<MessageStore, T> reads) {
        return dsl.transactionResult(tx -> reads.apply(new JooqMessageStore(tx.dsl(), t, mySql)));
    }

    private Condition conditionOf(ArchiveFilter filter) {
        Condition c = t.owner().eq(filter.owner());
        if (filter.withJid() != null) c = c.and(t.withJid().eq(filter.withJid()));
        if (filter.withResource() != null) c = c.and(t.withResource().eq(filter.withResource()));
        if (filter.afterId() >= 0) c = c.and(t.id().gt(filter.afterId()));
        if (filter.beforeId() < Long.MAX_VALUE) c = c.and(t.id().lt(filter.beforeId()));
        if (filter.ids() != null) c = c.and(t.id().in(filter.ids()));
        return c;
    }

    private ArchivedMessage message(Record r) {
        Direction direction = t.direction() == null ? Direction.IN : Direction.ofColumn(r.get(t.direction()));
        return new ArchivedMessage(r.get(t.id()), r.get(t.owner()), r.get(t.withJid()), r.get(t.withResource()),
                direction, r.get(t.stamp()).toInstant(ZoneOffset.UTC), r.get(t.stanza()));
    }
}
