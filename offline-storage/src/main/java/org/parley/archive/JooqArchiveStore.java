package org.parley.archive;

import org.parley.schema.Database;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.parley.schema.jooq.Tables.ARCHIVE_PREFS;
import static org.parley.schema.jooq.Tables.ARCHIVE_RETENTION;

/**
 * {@link ArchiveStore} on jOOQ (H2 or MySQL/MariaDB): the users' messages as a {@link JooqMessageStore} on
 * {@code archive_message}, retentions and preferences (the preference lists kept one JID per line).
 */
public final class JooqArchiveStore extends JooqMessageStore implements ArchiveStore {
    /** An archive store on {@code database}. */
    public JooqArchiveStore(Database database) {
        super(database, ArchiveTable.USERS);
    }

    @Override
    public Map<String, Integer> retentions() {
        return dsl().select(ARCHIVE_RETENTION.OWNER, ARCHIVE_RETENTION.RETENTION_DAYS).from(ARCHIVE_RETENTION)
                .fetchMap(ARCHIVE_RETENTION.OWNER, ARCHIVE_RETENTION.RETENTION_DAYS);
    }

    @Override
    public void setRetention(String owner, Integer days) {
        if (days == null) {
            dsl().deleteFrom(ARCHIVE_RETENTION).where(ARCHIVE_RETENTION.OWNER.eq(owner)).execute();
            return;
        }
        dsl().insertInto(ARCHIVE_RETENTION).set(ARCHIVE_RETENTION.OWNER, owner).set(ARCHIVE_RETENTION.RETENTION_DAYS, days)
                .onDuplicateKeyUpdate().set(ARCHIVE_RETENTION.RETENTION_DAYS, days).execute();
    }

    @Override
    public Optional<ArchivePrefs> prefs(String owner) {
        return dsl().select(ARCHIVE_PREFS.DEFAULT_MODE, ARCHIVE_PREFS.ALWAYS_JIDS, ARCHIVE_PREFS.NEVER_JIDS)
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
        dsl().transaction(tx -> {
            int updated = tx.dsl().update(ARCHIVE_PREFS).set(ARCHIVE_PREFS.DEFAULT_MODE, mode)
                    .set(ARCHIVE_PREFS.ALWAYS_JIDS, always).set(ARCHIVE_PREFS.NEVER_JIDS, never)
                    .where(ARCHIVE_PREFS.OWNER.eq(owner)).execute();
            if (updated == 0) {
                tx.dsl().insertInto(ARCHIVE_PREFS, ARCHIVE_PREFS.OWNER, ARCHIVE_PREFS.DEFAULT_MODE,
                        ARCHIVE_PREFS.ALWAYS_JIDS, ARCHIVE_PREFS.NEVER_JIDS).values(owner, mode, always, never).execute();
            }
        });
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
