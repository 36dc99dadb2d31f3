package org.parley.server.account;

import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.parley.schema.Database;
import org.parley.xmpp.core.sasl.ScramCredentials;
import org.parley.xmpp.core.sasl.ScramHash;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.parley.schema.jooq.Tables.ACCOUNT;
import static org.parley.schema.jooq.Tables.SCRAM_CREDENTIAL;

/** {@link AccountStore} on jOOQ (H2 or MySQL/MariaDB). */
public final class JooqAccountStore implements AccountStore {
    private final DSLContext dsl;

    public JooqAccountStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public boolean create(String username, Collection<ScramCredentials> credentials) {
        try {
            return dsl.transactionResult(tx -> {
                DSLContext db = tx.dsl();
                if (db.fetchExists(ACCOUNT, ACCOUNT.USERNAME.eq(username))) return false;
                db.insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT)
                        .values(username, LocalDateTime.now(ZoneOffset.UTC))
                        .execute();
                insertCredentials(db, username, credentials);
                return true;
            });
        } catch (IntegrityConstraintViolationException raced) {
            return false;
        }
    }

    @Override
    public boolean changeCredentials(String username, Collection<ScramCredentials> credentials) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            if (!db.fetchExists(ACCOUNT, ACCOUNT.USERNAME.eq(username))) return false;
            db.deleteFrom(SCRAM_CREDENTIAL).where(SCRAM_CREDENTIAL.USERNAME.eq(username)).execute();
            insertCredentials(db, username, credentials);
            return true;
        });
    }

    private static void insertCredentials(DSLContext db, String username, Collection<ScramCredentials> credentials) {
        for (ScramCredentials c : credentials) {
            db.insertInto(SCRAM_CREDENTIAL)
                    .set(SCRAM_CREDENTIAL.USERNAME, username)
                    .set(SCRAM_CREDENTIAL.MECHANISM, c.hash().mechanismName())
                    .set(SCRAM_CREDENTIAL.SALT, c.salt())
                    .set(SCRAM_CREDENTIAL.ITERATIONS, c.iterations())
                    .set(SCRAM_CREDENTIAL.STORED_KEY, c.storedKey())
                    .set(SCRAM_CREDENTIAL.SERVER_KEY, c.serverKey())
                    .execute();
        }
    }

    @Override
    public boolean delete(String username) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            db.deleteFrom(SCRAM_CREDENTIAL).where(SCRAM_CREDENTIAL.USERNAME.eq(username)).execute();
            return db.deleteFrom(ACCOUNT).where(ACCOUNT.USERNAME.eq(username)).execute() > 0;
        });
    }

    @Override
    public boolean exists(String username) {
        return dsl.fetchExists(ACCOUNT, ACCOUNT.USERNAME.eq(username));
    }

    @Override
    public List<String> usernames(int limit) {
        return dsl.select(ACCOUNT.USERNAME).from(ACCOUNT).orderBy(ACCOUNT.USERNAME).limit(limit).fetch(ACCOUNT.USERNAME);
    }

    @Override
    public Optional<ScramCredentials> credentials(String username, ScramHash hash) {
        return dsl.selectFrom(SCRAM_CREDENTIAL)
                .where(SCRAM_CREDENTIAL.USERNAME.eq(username))
                .and(SCRAM_CREDENTIAL.MECHANISM.eq(hash.mechanismName()))
                .fetchOptional()
                .map(r -> new ScramCredentials(hash, r.getSalt(), r.getIterations(), r.getStoredKey(), r.getServerKey()));
    }
}
