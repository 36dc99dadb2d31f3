package org.parley.presence.store;

import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.parley.schema.Database;

import java.util.Optional;

import static org.parley.schema.jooq.Tables.VCARD;

/** {@link VCardStore} on jOOQ (H2 or MySQL/MariaDB); the XML is stored as text (MEDIUMTEXT, up to 16 MB). */
public final class JooqVCardStore implements VCardStore {
    private final DSLContext dsl;

    /** A vCard store on {@code database}. */
    public JooqVCardStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public Optional<String> get(String username) {
        return dsl.select(VCARD.VCARD_).from(VCARD).where(VCARD.USERNAME.eq(username)).fetchOptional(VCARD.VCARD_);
    }

    @Override
    public void put(String username, String vcardXml) {
        // Not onDuplicateKeyUpdate(): jOOQ 3.21's MERGE emulation for H2 drops the CLOB bind value.
        if (update(username, vcardXml)) return;
        try {
            dsl.insertInto(VCARD).set(VCARD.USERNAME, username).set(VCARD.VCARD_, vcardXml).execute();
        } catch (IntegrityConstraintViolationException e) {
            // A concurrent first put won the insert: overwrite it. Otherwise (no such account) fail.
            if (!update(username, vcardXml)) throw e;
        }
    }

    private boolean update(String username, String vcardXml) {
        return dsl.update(VCARD).set(VCARD.VCARD_, vcardXml).where(VCARD.USERNAME.eq(username)).execute() > 0;
    }

    @Override
    public void delete(String username) {
        dsl.deleteFrom(VCARD).where(VCARD.USERNAME.eq(username)).execute();
    }
}
