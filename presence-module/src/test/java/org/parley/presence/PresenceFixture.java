package org.parley.presence;

import org.parley.xmpp.core.module.testing.RecordingRouter;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.roster.Rosters;
import org.parley.presence.store.JooqBlockListStore;
import org.parley.presence.store.JooqLastActivityStore;
import org.parley.presence.store.JooqRosterStore;
import org.parley.presence.store.JooqVCardStore;
import org.parley.schema.Database;
import org.xmpp.packet.JID;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.parley.schema.jooq.Tables.ACCOUNT;

/**
 * What the presence handler tests share: a fresh in-memory H2 database with the real jOOQ stores, real per-user
 * queues on virtual threads, a presence tracker, rosters, and a {@link RecordingRouter}. The local domain is
 * {@code example.com}, as in the examples of RFC 6121.
 */
public final class PresenceFixture implements AutoCloseable {
    /** The domain this server serves. */
    public static final String DOMAIN = "example.com";

    public final Database database;
    public final JooqRosterStore rosterStore;
    public final JooqLastActivityStore lastActivity;
    public final JooqBlockListStore blockList;
    public final JooqVCardStore vcards;
    public final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    public final UserQueues queues = new UserQueues(executor);
    public final PresenceTracker tracker = new PresenceTracker();
    public final Rosters rosters;
    public final RecordingRouter router = new RecordingRouter();

    public PresenceFixture() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 4);
        rosterStore = new JooqRosterStore(database);
        lastActivity = new JooqLastActivityStore(database);
        blockList = new JooqBlockListStore(database);
        vcards = new JooqVCardStore(database);
        rosters = new Rosters(rosterStore);
    }

    /** Creates local accounts (the stores' rows reference them); returns the first one's bare JID. */
    public JID accounts(String... usernames) {
        for (String username : usernames) {
            database.dsl().insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT)
                    .values(username, LocalDateTime.now(ZoneOffset.UTC))
                    .execute();
        }
        return new JID(usernames[0], DOMAIN, null);
    }

    /** Whether a local account exists. */
    public boolean accountExists(String username) {
        return database.dsl().fetchExists(ACCOUNT, ACCOUNT.USERNAME.eq(username));
    }

    /** Waits until all work queued so far for {@code username} is done (its queue is serial). */
    public void drain(String username) {
        queues.run(username, () -> { }).join();
    }

    @Override
    public void close() {
        executor.close();
        // DB_CLOSE_DELAY=-1 keeps an in-memory database after its last connection closes: empty it.
        database.dsl().execute("DROP ALL OBJECTS");
        database.close();
    }
}
