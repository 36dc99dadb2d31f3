package org.parley.offline;

import org.jooq.DSLContext;
import org.parley.schema.Database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

import static org.parley.schema.jooq.Tables.OFFLINE_MESSAGE;

/** {@link OfflineStore} on jOOQ (H2 or MySQL/MariaDB); times are UTC, truncated to the millisecond. */
public final class JooqOfflineStore implements OfflineStore {
    private final DSLContext dsl;

    /** An offline store on {@code database}. */
    public JooqOfflineStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public long store(String username, String sender, Instant storedAt, String stanzaXml) {
        return dsl.insertInto(OFFLINE_MESSAGE)
                .set(OFFLINE_MESSAGE.USERNAME, username)
                .set(OFFLINE_MESSAGE.SENDER, sender)
                .set(OFFLINE_MESSAGE.STORED_AT, LocalDateTime.ofInstant(storedAt.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC))
                .set(OFFLINE_MESSAGE.STANZA, stanzaXml)
                .returningResult(OFFLINE_MESSAGE.ID)
                .fetchOne(OFFLINE_MESSAGE.ID);
    }

    @Override
    public int count(String username) {
        return dsl.fetchCount(OFFLINE_MESSAGE, OFFLINE_MESSAGE.USERNAME.eq(username));
    }

    @Override
    public List<OfflineMessage> oldest(String username, int max) {
        return dsl.select(OFFLINE_MESSAGE.ID, OFFLINE_MESSAGE.SENDER, OFFLINE_MESSAGE.STORED_AT, OFFLINE_MESSAGE.STANZA)
                .from(OFFLINE_MESSAGE)
                .where(OFFLINE_MESSAGE.USERNAME.eq(username))
                .orderBy(OFFLINE_MESSAGE.ID)
                .limit(max)
                .fetch(r -> new OfflineMessage(r.value1(), r.value2(), r.value3().toInstant(ZoneOffset.UTC), r.value4()));
    }

    @Override
    public int delete(String username, Collection<Long> ids) {
        if (ids.isEmpty()) return 0;
        return dsl.deleteFrom(OFFLINE_MESSAGE)
                .where(OFFLINE_MESSAGE.USERNAME.eq(username).and(OFFLINE_MESSAGE.ID.in(ids)))
                .execute();
    }
}
