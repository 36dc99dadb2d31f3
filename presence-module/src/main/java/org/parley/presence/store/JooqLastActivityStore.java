package org.parley.presence.store;

import org.jooq.DSLContext;
import org.parley.schema.Database;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static org.parley.schema.jooq.Tables.LAST_ACTIVITY;

/** {@link LastActivityStore} on jOOQ (H2 or MySQL/MariaDB); times are stored as UTC, truncated to the
 * millisecond. */
public final class JooqLastActivityStore implements LastActivityStore {
    private final DSLContext dsl;

    /** A last activity store on {@code database}. */
    public JooqLastActivityStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public void save(String username, LastActivity activity) {
        LocalDateTime at = LocalDateTime.ofInstant(activity.at().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        dsl.insertInto(LAST_ACTIVITY)
                .set(LAST_ACTIVITY.USERNAME, username)
                .set(LAST_ACTIVITY.SEEN_AT, at)
                .set(LAST_ACTIVITY.STATUS, activity.status())
                .onDuplicateKeyUpdate()
                .set(LAST_ACTIVITY.SEEN_AT, at)
                .set(LAST_ACTIVITY.STATUS, activity.status())
                .execute();
    }

    @Override
    public Optional<LastActivity> get(String username) {
        return dsl.selectFrom(LAST_ACTIVITY)
                .where(LAST_ACTIVITY.USERNAME.eq(username))
                .fetchOptional()
                .map(r -> new LastActivity(r.getSeenAt().toInstant(ZoneOffset.UTC), r.getStatus()));
    }

    @Override
    public void delete(String username) {
        dsl.deleteFrom(LAST_ACTIVITY).where(LAST_ACTIVITY.USERNAME.eq(username)).execute();
    }
}
