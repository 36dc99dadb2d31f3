package org.parley.presence.store;

import org.jooq.DSLContext;
import org.parley.schema.Database;

import java.util.Optional;

import static org.parley.schema.jooq.Tables.PRIVATE_XML;

/** {@link PrivateXmlStore} on jOOQ (H2 or MySQL/MariaDB). */
public final class JooqPrivateXmlStore implements PrivateXmlStore {
    private final DSLContext dsl;

    public JooqPrivateXmlStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public Optional<String> get(String username, String namespace) {
        return dsl.select(PRIVATE_XML.PAYLOAD).from(PRIVATE_XML)
                .where(PRIVATE_XML.USERNAME.eq(username)).and(PRIVATE_XML.NAMESPACE.eq(namespace))
                .fetchOptional(PRIVATE_XML.PAYLOAD);
    }

    @Override
    public void put(String username, String namespace, String xml) {
        // Update first, insert if absent: one statement shape that H2 and MySQL both run (see JooqVCardStore).
        dsl.transaction(tx -> {
            int updated = tx.dsl().update(PRIVATE_XML).set(PRIVATE_XML.PAYLOAD, xml)
                    .where(PRIVATE_XML.USERNAME.eq(username)).and(PRIVATE_XML.NAMESPACE.eq(namespace)).execute();
            if (updated == 0) {
                tx.dsl().insertInto(PRIVATE_XML, PRIVATE_XML.USERNAME, PRIVATE_XML.NAMESPACE, PRIVATE_XML.PAYLOAD)
                        .values(username, namespace, xml).execute();
            }
        });
    }
}
