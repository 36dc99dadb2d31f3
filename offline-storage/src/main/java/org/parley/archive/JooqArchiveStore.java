package org.parley.archive;

import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record7;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.parley.schema.Database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.parley.schema.jooq.Tables.ACCOUNT;
import static org.parley.schema.jooq.Tables.ARCHIVE_MESSAGE;
import static org.parley.schema.jooq.Tables.ARCHIVE_PREFS;
import static org.parley.schema.jooq.Tables.ARCHIVE_RETENTION;

/**
 * {@link ArchiveStore} on jOOQ (H2 or MySQL/MariaDB). Stamps are UTC {@code DATETIME(3)}/{@code TIMESTAMP(3)}; a
 * page is one range scan of {@code (owner, id)} or {@code (owner, with_jid, id)} (see {@code V6__archive.sql}); the
 * preference lists are kept one JID per line.
 */
public final class JooqArchiveStore implements ArchiveStore {
    private final DSLContext dsl;
    private final boolean mySql;

    /** An archive store on {@code database}. */
    public JooqArchiveStore(Database database) {
        this(database.dsl(), database.dialect().family() == SQLDialect.MARIADB || database.dialect().family() == SQLDialect.MYSQL);
    }

    private JooqArchiveStore(DSLContext dsl, boolean mySql) {
        this.dsl = dsl;
        this.mySql = mySql;
    }

    @Override
    public int insert(List<ArchivedMessage> messages) {
        if (messages.isEmpty()) return 0;
        return dsl.transactionResult(tx -> {
            Set<String> owners = messages.stream().map(ArchivedMessage::owner).collect(Collectors.toSet());
            Set<String> accounts = new HashSet<>(tx.dsl().select(ACCOUNT.USERNAME).from(ACCOUNT)
                    .where(ACCOUNT.USERNAME.in(owners)).fetch(ACCOUNT.USERNAME));
            BatchBindStep batch = tx.dsl().batch(tx.dsl().insertInto(ARCHIVE_MESSAGE, ARCHIVE_MESSAGE.ID,
                            ARCHIVE_MESSAGE.OWNER, ARCHIVE_MESSAGE.WITH_JID, ARCHIVE_MESSAGE.WITH_RESOURCE,
                            ARCHIVE_MESSAGE.DIRECTION, ARCHIVE_MESSAGE.STAMP, ARCHIVE_MESSAGE.STANZA)
                    .values((Long) null, null, null, null, null, null, null));
            int rows = 0;
            for (ArchivedMessage m : messages) {
                if (!accounts.contains(m.owner())) continue;
                batch.bind(m.id(), m.owner(), m.withJid(), m.withResource(), m.direction().column(),
                        LocalDateTime.ofInstant(m.stamp(), ZoneOffset.UTC), m.stanzaXml());
                rows++;
            }
            if (rows > 0) batch.execute();
            return rows;
        });
    }

    @Override
    public List<ArchivedMessage> page(ArchiveFilter filter, Order order, int limit, int offset) {
        if (filter.isEmpty() || limit == 0) return List.of();
        return pageQuery(filter, order, limit, offset).fetch(JooqArchiveStore::message);
    }

    @Override
    public int count(ArchiveFilter filter, int cap) {
        if (filter.isEmpty()) return 0;
        return dsl.fetchCount(countQuery(filter, cap));
    }

    /** The statement {@link #page} runs (also for EXPLAIN in the benchmark). */
    Select<Record7<Long, String, String, String, String, LocalDateTime, String>> pageQuery(ArchiveFilter filter,
                                                                                            Order order, int limit, int offset) {
        return dsl.select(ARCHIVE_MESSAGE.ID, ARCHIVE_MESSAGE.OWNER, ARCHIVE_MESSAGE.WITH_JID,
                        ARCHIVE_MESSAGE.WITH_RESOURCE, ARCHIVE_MESSAGE.DIRECTION, ARCHIVE_MESSAGE.STAMP,
                        ARCHIVE_MESSAGE.STANZA)
                .from(indexed(filter))
                .where(conditionOf(filter))
                .orderBy(order == Order.OLDEST_FIRST ? ARCHIVE_MESSAGE.ID.asc() : ARCHIVE_MESSAGE.ID.desc())
                .limit(limit).offset(offset);
    }

    /**
     * The table with the index a page must scan: {@code (owner, with_jid, id)} with a peer, else {@code (owner, id)}.
     * MariaDB picks the primary key for {@code id > ?} when one owner holds most rows, which is fine for that owner
     * and a scan of everyone's messages for the others: the hint keeps every page one bounded range of the owner's
     * entries (H2 picks the owner's index by itself and has no such hint).
     */
    private Table<?> indexed(ArchiveFilter filter) {
        if (!mySql || filter.ids() != null) return ARCHIVE_MESSAGE;
        return ARCHIVE_MESSAGE.forceIndex(filter.withJid() != null ? "ix_archive_message_with" : "ix_archive_message_owner");
    }

    /** The rows {@link #count} counts: at most {@code cap + 1} of the selection. */
    Select<?> countQuery(ArchiveFilter filter, int cap) {
        return dsl.selectOne().from(indexed(filter)).where(conditionOf(filter)).limit(cap + 1);
    }

    @Override
    public boolean contains(String owner, long id) {
        return dsl.fetchExists(ARCHIVE_MESSAGE, ARCHIVE_MESSAGE.ID.eq(id).and(ARCHIVE_MESSAGE.OWNER.eq(owner)));
    }

    @Override
    public Optional<ArchivedMessage> edge(String owner, Order order) {
        return page(ArchiveFilter.of(owner), order, 1, 0).stream().findFirst();
    }

    @Override
    public int deleteBefore(long id, int limit) {
        return dsl.deleteFrom(ARCHIVE_MESSAGE).where(ARCHIVE_MESSAGE.ID.lt(id)).limit(limit).execute();
    }

    @Override
    public int deleteBefore(long id, int limit, Set<String> except) {
        if (except.isEmpty()) return deleteBefore(id, limit);
        return dsl.deleteFrom(ARCHIVE_MESSAGE).where(ARCHIVE_MESSAGE.ID.lt(id).and(ARCHIVE_MESSAGE.OWNER.notIn(except)))
                .limit(limit).execute();
    }

    @Override
    public int deleteBefore(String owner, long id, int limit) {
        return dsl.deleteFrom(ARCHIVE_MESSAGE).where(ARCHIVE_MESSAGE.OWNER.eq(owner).and(ARCHIVE_MESSAGE.ID.lt(id)))
                .limit(limit).execute();
    }

    @Override
    public Map<String, Integer> retentions() {
        return dsl.select(ARCHIVE_RETENTION.OWNER, ARCHIVE_RETENTION.RETENTION_DAYS).from(ARCHIVE_RETENTION)
                .fetchMap(ARCHIVE_RETENTION.OWNER, ARCHIVE_RETENTION.RETENTION_DAYS);
    }

    @Override
    public void setRetention(String owner, Integer days) {
        if (days == null) {
            dsl.deleteFrom(ARCHIVE_RETENTION).where(ARCHIVE_RETENTION.OWNER.eq(owner)).execute();
            return;
        }
        dsl.insertInto(ARCHIVE_RETENTION).set(ARCHIVE_RETENTION.OWNER, owner).set(ARCHIVE_RETENTION.RETENTION_DAYS, days)
                .onDuplicateKeyUpdate().set(ARCHIVE_RETENTION.RETENTION_DAYS, days).execute();
    }

    @Override
    public <T> T snapshot(Function<ArchiveStore, T> reads) {
        return dsl.transactionResult(tx -> reads.apply(new JooqArchiveStore(tx.dsl(), mySql)));
    }

    @Override
    public Optional<ArchivePrefs> prefs(String owner) {
        return dsl.select(ARCHIVE_PREFS.DEFAULT_MODE, ARCHIVE_PREFS.ALWAYS_JIDS, ARCHIVE_PREFS.NEVER_JIDS)
                .from(ARCHIVE_PREFS).where(ARCHIVE_PREFS.OWNER.eq(owner))
                .fetchOptional(r -> new ArchivePrefs(ArchiveMode.of(r.value1()).orElse(ArchiveMode.ALWAYS),
                        lines(r.value2()), lines(r.value3())));
    }

    @Override
    public void savePrefs(String owner, ArchivePrefs prefs) {
        String mode = prefs.defaultMode().value();
        String always = String.join("\n", prefs.always());
        String never = String.join("\n", prefs.never());
        // Update first, insert if absent: one statement shape that H2 and MySQL both run (see JooqPrivateXmlStore).
        dsl.transaction(tx -> {
            int updated = tx.dsl().update(ARCHIVE_PREFS).set(ARCHIVE_PREFS.DEFAULT_MODE, mode)
                    .set(ARCHIVE_PREFS.ALWAYS_JIDS, always).set(ARCHIVE_PREFS.NEVER_JIDS, never)
                    .where(ARCHIVE_PREFS.OWNER.eq(owner)).execute();
            if (updated == 0) {
                tx.dsl().insertInto(ARCHIVE_PREFS, ARCHIVE_PREFS.OWNER, ARCHIVE_PREFS.DEFAULT_MODE,
                        ARCHIVE_PREFS.ALWAYS_JIDS, ARCHIVE_PREFS.NEVER_JIDS).values(owner, mode, always, never).execute();
            }
        });
    }

    private static Condition conditionOf(ArchiveFilter filter) {
        Condition c = ARCHIVE_MESSAGE.OWNER.eq(filter.owner());
        if (filter.withJid() != null) c = c.and(ARCHIVE_MESSAGE.WITH_JID.eq(filter.withJid()));
        if (filter.withResource() != null) c = c.and(ARCHIVE_MESSAGE.WITH_RESOURCE.eq(filter.withResource()));
        if (filter.afterId() >= 0) c = c.and(ARCHIVE_MESSAGE.ID.gt(filter.afterId()));
        if (filter.beforeId() < Long.MAX_VALUE) c = c.and(ARCHIVE_MESSAGE.ID.lt(filter.beforeId()));
        if (filter.ids() != null) c = c.and(ARCHIVE_MESSAGE.ID.in(filter.ids()));
        return c;
    }

    private static ArchivedMessage message(Record7<Long, String, String, String, String, LocalDateTime, String> r) {
        Instant stamp = r.value6().toInstant(ZoneOffset.UTC);
        return new ArchivedMessage(r.value1(), r.value2(), r.value3(), r.value4(), Direction.ofColumn(r.value5()),
                stamp, r.value7());
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
