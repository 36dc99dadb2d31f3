package org.parley.presence.store;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.SubscriptionState;
import org.parley.schema.Database;
import org.xmpp.packet.JID;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.parley.schema.jooq.Tables.ROSTER_GROUP;
import static org.parley.schema.jooq.Tables.ROSTER_ITEM;
import static org.parley.schema.jooq.Tables.ROSTER_VERSION;

/**
 * {@link RosterStore} on jOOQ (H2 or MySQL/MariaDB), with roster versioning (RFC 6121 §2.6).
 *
 * <p>Every write first increments the user's {@code roster_version} row and stamps the changed item with the new
 * value, in one transaction. The row lock taken by that {@code UPDATE} serialises a user's writers, so versions are
 * distinct and increasing and never skip a committed change. Removed items stay as tombstones ({@code removed})
 * for {@link #changesSince}.
 */
public final class JooqRosterStore implements RosterStore {
    /** SQLSTATE of a deadlock or serialisation failure (H2 and InnoDB): the transaction may simply be retried. */
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final int ATTEMPTS = 3;

    private final DSLContext dsl;

    /** A roster store on {@code database}. */
    public JooqRosterStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public List<RosterItem> items(String username) {
        Condition live = ROSTER_ITEM.USERNAME.eq(username).and(ROSTER_ITEM.REMOVED.isFalse());
        Map<String, List<String>> groups = groups(dsl, live);
        return dsl.selectFrom(ROSTER_ITEM).where(live).fetch(r -> toItem(r, groups));
    }

    @Override
    public Optional<RosterItem> item(String username, JID contact) {
        Condition one = ROSTER_ITEM.USERNAME.eq(username)
                .and(ROSTER_ITEM.CONTACT_JID.eq(contact.toBareJID()))
                .and(ROSTER_ITEM.REMOVED.isFalse());
        return dsl.selectFrom(ROSTER_ITEM).where(one).fetchOptional().map(r -> toItem(r, groups(dsl, one)));
    }

    @Override
    public long version(String username) {
        Long version = dsl.select(ROSTER_VERSION.VERSION).from(ROSTER_VERSION)
                .where(ROSTER_VERSION.USERNAME.eq(username))
                .fetchOne(ROSTER_VERSION.VERSION);
        return version == null ? 0 : version;
    }

    @Override
    public RosterItem save(String username, RosterItem item) {
        String contact = item.jid().toBareJID();
        return write(username, (db, version) -> {
            boolean exists = db.fetchExists(ROSTER_ITEM,
                    ROSTER_ITEM.USERNAME.eq(username).and(ROSTER_ITEM.CONTACT_JID.eq(contact)));
            if (exists) {
                db.update(ROSTER_ITEM)
                        .set(ROSTER_ITEM.NAME, item.name())
                        .set(ROSTER_ITEM.STATE, item.state().name())
                        .set(ROSTER_ITEM.APPROVED, item.approved())
                        .set(ROSTER_ITEM.VISIBLE, item.visible())
                        .set(ROSTER_ITEM.PENDING_IN_STATUS, item.pendingInStatus())
                        .set(ROSTER_ITEM.VERSION, version)
                        .set(ROSTER_ITEM.REMOVED, false)
                        .where(ROSTER_ITEM.USERNAME.eq(username).and(ROSTER_ITEM.CONTACT_JID.eq(contact)))
                        .execute();
                deleteGroups(db, username, contact);
            } else {
                db.insertInto(ROSTER_ITEM)
                        .set(ROSTER_ITEM.USERNAME, username)
                        .set(ROSTER_ITEM.CONTACT_JID, contact)
                        .set(ROSTER_ITEM.NAME, item.name())
                        .set(ROSTER_ITEM.STATE, item.state().name())
                        .set(ROSTER_ITEM.APPROVED, item.approved())
                        .set(ROSTER_ITEM.VISIBLE, item.visible())
                        .set(ROSTER_ITEM.PENDING_IN_STATUS, item.pendingInStatus())
                        .set(ROSTER_ITEM.VERSION, version)
                        .set(ROSTER_ITEM.REMOVED, false)
                        .execute();
            }
            insertGroups(db, username, contact, item.groups());
            return item.withVersion(version);
        });
    }

    @Override
    public Optional<Long> remove(String username, JID contact) {
        String jid = contact.toBareJID();
        Condition live = ROSTER_ITEM.USERNAME.eq(username)
                .and(ROSTER_ITEM.CONTACT_JID.eq(jid))
                .and(ROSTER_ITEM.REMOVED.isFalse());
        if (!dsl.fetchExists(ROSTER_ITEM, live)) return Optional.empty();
        try {
            return Optional.of(write(username, (db, version) -> {
                int updated = db.update(ROSTER_ITEM)
                        .set(ROSTER_ITEM.REMOVED, true)
                        .set(ROSTER_ITEM.VERSION, version)
                        .where(live)
                        .execute();
                // Removed concurrently: roll back, so the version is not spent on nothing.
                if (updated == 0) throw NoSuchItem.INSTANCE;
                deleteGroups(db, username, jid);
                return version;
            }));
        } catch (NoSuchItem gone) {
            return Optional.empty();
        }
    }

    @Override
    public List<Change> changesSince(String username, long version) {
        Condition newer = ROSTER_ITEM.USERNAME.eq(username).and(ROSTER_ITEM.VERSION.gt(version));
        Map<String, List<String>> groups = groups(dsl, newer.and(ROSTER_ITEM.REMOVED.isFalse()));
        return dsl.selectFrom(ROSTER_ITEM).where(newer).orderBy(ROSTER_ITEM.VERSION).fetch(r -> r.getRemoved()
                ? new Change(new JID(r.getContactJid()), null, r.getVersion())
                : new Change(new JID(r.getContactJid()), toItem(r, groups), r.getVersion()));
    }

    @Override
    public int count(String username) {
        return dsl.fetchCount(ROSTER_ITEM, ROSTER_ITEM.USERNAME.eq(username).and(ROSTER_ITEM.REMOVED.isFalse()));
    }

    @Override
    public void deleteAll(String username) {
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            db.deleteFrom(ROSTER_GROUP).where(ROSTER_GROUP.USERNAME.eq(username)).execute();
            db.deleteFrom(ROSTER_ITEM).where(ROSTER_ITEM.USERNAME.eq(username)).execute();
            db.deleteFrom(ROSTER_VERSION).where(ROSTER_VERSION.USERNAME.eq(username)).execute();
        });
    }

    /**
     * Runs {@code change} in a transaction with the user's next roster version, retrying on deadlock (InnoDB may
     * pick a roster write as victim when gap locks of different users' writes overlap).
     */
    private <T> T write(String username, BiFunction<DSLContext, Long, T> change) {
        ensureVersionRow(username);
        for (int attempt = 1; ; attempt++) {
            try {
                return dsl.transactionResult(tx -> {
                    DSLContext db = tx.dsl();
                    return change.apply(db, nextVersion(db, username));
                });
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !SERIALIZATION_FAILURE.equals(e.sqlState())) throw e;
            }
        }
    }

    /**
     * Creates the version row outside the writing transaction, so that two first writes for a user do not both
     * insert it (and deadlock on MySQL's gap locks); a lost race or a missing account is sorted out by
     * {@link #nextVersion}.
     */
    private void ensureVersionRow(String username) {
        if (dsl.fetchExists(ROSTER_VERSION, ROSTER_VERSION.USERNAME.eq(username))) return;
        try {
            dsl.insertInto(ROSTER_VERSION, ROSTER_VERSION.USERNAME, ROSTER_VERSION.VERSION).values(username, 0L).execute();
        } catch (IntegrityConstraintViolationException ignored) {
            // Inserted concurrently, or no such account: nextVersion() tells which.
        }
    }

    /** Increments the user's version (locking the row until commit) and returns the new value. */
    private static long nextVersion(DSLContext db, String username) {
        int updated = db.update(ROSTER_VERSION)
                .set(ROSTER_VERSION.VERSION, ROSTER_VERSION.VERSION.plus(1L))
                .where(ROSTER_VERSION.USERNAME.eq(username))
                .execute();
        if (updated == 0) {
            // Deleted since ensureVersionRow() (deleteAll), or the account is missing: the insert then fails.
            db.insertInto(ROSTER_VERSION, ROSTER_VERSION.USERNAME, ROSTER_VERSION.VERSION).values(username, 1L).execute();
            return 1;
        }
        return db.select(ROSTER_VERSION.VERSION).from(ROSTER_VERSION)
                .where(ROSTER_VERSION.USERNAME.eq(username))
                .fetchSingle(ROSTER_VERSION.VERSION);
    }

    private static void deleteGroups(DSLContext db, String username, String contact) {
        db.deleteFrom(ROSTER_GROUP)
                .where(ROSTER_GROUP.USERNAME.eq(username).and(ROSTER_GROUP.CONTACT_JID.eq(contact)))
                .execute();
    }

    private static void insertGroups(DSLContext db, String username, String contact, List<String> groups) {
        if (groups.isEmpty()) return;
        var insert = db.insertInto(ROSTER_GROUP,
                ROSTER_GROUP.USERNAME, ROSTER_GROUP.CONTACT_JID, ROSTER_GROUP.POSITION, ROSTER_GROUP.GROUP_NAME);
        for (int i = 0; i < groups.size(); i++) insert = insert.values(username, contact, i, groups.get(i));
        insert.execute();
    }

    /** The groups, in order, of the items matching {@code items} (a condition on ROSTER_ITEM), by contact JID. */
    private static Map<String, List<String>> groups(DSLContext db, Condition items) {
        Map<String, List<String>> groups = new HashMap<>();
        db.select(ROSTER_GROUP.CONTACT_JID, ROSTER_GROUP.GROUP_NAME)
                .from(ROSTER_GROUP)
                .join(ROSTER_ITEM).on(ROSTER_ITEM.USERNAME.eq(ROSTER_GROUP.USERNAME)
                        .and(ROSTER_ITEM.CONTACT_JID.eq(ROSTER_GROUP.CONTACT_JID)))
                .where(items)
                .orderBy(ROSTER_GROUP.CONTACT_JID, ROSTER_GROUP.POSITION)
                .forEach(r -> groups.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return groups;
    }

    private static RosterItem toItem(Record r, Map<String, List<String>> groups) {
        String contact = r.get(ROSTER_ITEM.CONTACT_JID);
        return new RosterItem(new JID(contact), r.get(ROSTER_ITEM.NAME),
                SubscriptionState.valueOf(r.get(ROSTER_ITEM.STATE)),
                r.get(ROSTER_ITEM.APPROVED), r.get(ROSTER_ITEM.VISIBLE),
                groups.getOrDefault(contact, List.of()), r.get(ROSTER_ITEM.PENDING_IN_STATUS),
                r.get(ROSTER_ITEM.VERSION));
    }

    /** Signals, inside a transaction, that the item to remove is gone, so that the transaction rolls back. */
    private static final class NoSuchItem extends RuntimeException {
        static final NoSuchItem INSTANCE = new NoSuchItem();

        private NoSuchItem() {
            super(null, null, false, false);
        }
    }
}
