package org.parley.presence.store;

import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.parley.schema.Database;
import org.xmpp.packet.JID;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.parley.schema.jooq.Tables.BLOCK_LIST;

/** {@link BlockListStore} on jOOQ (H2 or MySQL/MariaDB); JIDs are stored as strings, as given. */
public final class JooqBlockListStore implements BlockListStore {
    private final DSLContext dsl;

    /** A block list store on {@code database}. */
    public JooqBlockListStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public Set<JID> blocked(String username) {
        return dsl.select(BLOCK_LIST.BLOCKED_JID).from(BLOCK_LIST)
                .where(BLOCK_LIST.USERNAME.eq(username))
                .fetchSet(r -> new JID(r.value1()));
    }

    @Override
    public void block(String username, Collection<JID> jids) {
        Set<String> wanted = strings(jids);
        if (wanted.isEmpty()) return;
        try {
            insertMissing(username, wanted);
        } catch (IntegrityConstraintViolationException raced) {
            // A concurrent block of the same JID won; the retry skips it (a missing account fails again).
            insertMissing(username, wanted);
        }
    }

    /** Inserts, in one transaction, those of {@code wanted} not yet blocked (no INSERT IGNORE: it hides errors). */
    private void insertMissing(String username, Set<String> wanted) {
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            Set<String> missing = new LinkedHashSet<>(wanted);
            missing.removeAll(db.select(BLOCK_LIST.BLOCKED_JID).from(BLOCK_LIST)
                    .where(BLOCK_LIST.USERNAME.eq(username).and(BLOCK_LIST.BLOCKED_JID.in(wanted)))
                    .fetchSet(BLOCK_LIST.BLOCKED_JID));
            if (missing.isEmpty()) return;
            var insert = db.insertInto(BLOCK_LIST, BLOCK_LIST.USERNAME, BLOCK_LIST.BLOCKED_JID);
            for (String jid : missing) insert = insert.values(username, jid);
            insert.execute();
        });
    }

    @Override
    public void unblock(String username, Collection<JID> jids) {
        Set<String> unwanted = strings(jids);
        if (unwanted.isEmpty()) return;
        dsl.deleteFrom(BLOCK_LIST)
                .where(BLOCK_LIST.USERNAME.eq(username).and(BLOCK_LIST.BLOCKED_JID.in(unwanted)))
                .execute();
    }

    @Override
    public void unblockAll(String username) {
        dsl.deleteFrom(BLOCK_LIST).where(BLOCK_LIST.USERNAME.eq(username)).execute();
    }

    private static Set<String> strings(Collection<JID> jids) {
        return jids.stream().map(JID::toString).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
