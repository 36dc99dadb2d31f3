package org.parley.presence.pep;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.parley.schema.Database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.parley.schema.jooq.Tables.PEP_ITEM;
import static org.parley.schema.jooq.Tables.PEP_NODE;

/**
 * {@link PepStore} on jOOQ (H2 or MySQL/MariaDB). A publish bumps the node's {@code last_seq} and stamps the item
 * with it in one transaction: the row lock on the node keeps concurrent publishes to one node in order.
 */
public final class JooqPepStore implements PepStore {
    private final DSLContext dsl;

    /** A PEP store on {@code database}. */
    public JooqPepStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public List<PepNode> nodes(String owner) {
        return dsl.selectFrom(PEP_NODE).where(PEP_NODE.OWNER.eq(owner)).fetch(JooqPepStore::toNode);
    }

    @Override
    public Optional<PepNode> node(String owner, String node) {
        return dsl.selectFrom(PEP_NODE).where(PEP_NODE.OWNER.eq(owner).and(PEP_NODE.NODE.eq(node)))
                .fetchOptional(JooqPepStore::toNode);
    }

    @Override
    public boolean create(String owner, PepNode node) {
        if (node(owner, node.name()).isPresent()) return false;
        NodeConfig c = node.config();
        try {
            dsl.insertInto(PEP_NODE)
                    .set(PEP_NODE.OWNER, owner).set(PEP_NODE.NODE, node.name())
                    .set(PEP_NODE.ACCESS_MODEL, c.accessModel().value()).set(PEP_NODE.MAX_ITEMS, c.maxItems())
                    .set(PEP_NODE.PERSIST_ITEMS, c.persistItems()).set(PEP_NODE.SEND_LAST, c.sendLastPublished().value())
                    .set(PEP_NODE.LAST_SEQ, 0L)
                    .execute();
            return true;
        } catch (IntegrityConstraintViolationException e) {
            // A concurrent create won; otherwise (no such account) fail.
            if (node(owner, node.name()).isPresent()) return false;
            throw e;
        }
    }

    @Override
    public boolean configure(String owner, PepNode node) {
        NodeConfig c = node.config();
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            Long id = lockNode(db, owner, node.name());
            if (id == null) return false;
            db.update(PEP_NODE)
                    .set(PEP_NODE.ACCESS_MODEL, c.accessModel().value()).set(PEP_NODE.MAX_ITEMS, c.maxItems())
                    .set(PEP_NODE.PERSIST_ITEMS, c.persistItems()).set(PEP_NODE.SEND_LAST, c.sendLastPublished().value())
                    .where(PEP_NODE.ID.eq(id))
                    .execute();
            trim(db, id, c.maxItems());
            return true;
        });
    }

    @Override
    public boolean delete(String owner, String node) {
        return dsl.deleteFrom(PEP_NODE).where(PEP_NODE.OWNER.eq(owner).and(PEP_NODE.NODE.eq(node))).execute() > 0;
    }

    @Override
    public boolean publish(String owner, String node, PepItem item) {
        LocalDateTime at = LocalDateTime.ofInstant(item.publishedAt().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            Record row = db.select(PEP_NODE.ID, PEP_NODE.LAST_SEQ, PEP_NODE.MAX_ITEMS).from(PEP_NODE)
                    .where(PEP_NODE.OWNER.eq(owner).and(PEP_NODE.NODE.eq(node))).forUpdate().fetchOne();
            if (row == null) return false;
            long id = row.get(PEP_NODE.ID);
            long seq = row.get(PEP_NODE.LAST_SEQ) + 1;
            db.update(PEP_NODE).set(PEP_NODE.LAST_SEQ, seq).where(PEP_NODE.ID.eq(id)).execute();
            // Not an upsert: jOOQ's MERGE emulation for H2 drops CLOB bind values (see JooqVCardStore).
            int updated = db.update(PEP_ITEM)
                    .set(PEP_ITEM.PAYLOAD, item.payloadXml()).set(PEP_ITEM.PUBLISHED_AT, at).set(PEP_ITEM.SEQ, seq)
                    .where(PEP_ITEM.NODE_ID.eq(id).and(PEP_ITEM.ITEM_ID.eq(item.id())))
                    .execute();
            if (updated == 0) {
                db.insertInto(PEP_ITEM)
                        .set(PEP_ITEM.NODE_ID, id).set(PEP_ITEM.ITEM_ID, item.id())
                        .set(PEP_ITEM.PAYLOAD, item.payloadXml()).set(PEP_ITEM.PUBLISHED_AT, at).set(PEP_ITEM.SEQ, seq)
                        .execute();
            }
            trim(db, id, row.get(PEP_NODE.MAX_ITEMS));
            return true;
        });
    }

    @Override
    public boolean retract(String owner, String node, String itemId) {
        return dsl.deleteFrom(PEP_ITEM)
                .where(PEP_ITEM.NODE_ID.eq(nodeId(owner, node)).and(PEP_ITEM.ITEM_ID.eq(itemId)))
                .execute() > 0;
    }

    @Override
    public int purge(String owner, String node) {
        return dsl.deleteFrom(PEP_ITEM).where(PEP_ITEM.NODE_ID.eq(nodeId(owner, node))).execute();
    }

    @Override
    public List<PepItem> items(String owner, String node, int max) {
        return dsl.select(PEP_ITEM.ITEM_ID, PEP_ITEM.PAYLOAD, PEP_ITEM.PUBLISHED_AT).from(PEP_ITEM)
                .where(PEP_ITEM.NODE_ID.eq(nodeId(owner, node)))
                .orderBy(PEP_ITEM.SEQ.desc())
                .limit(max)
                .fetch(JooqPepStore::toItem);
    }

    @Override
    public List<PepItem> items(String owner, String node, Collection<String> itemIds) {
        if (itemIds.isEmpty()) return List.of();
        return dsl.select(PEP_ITEM.ITEM_ID, PEP_ITEM.PAYLOAD, PEP_ITEM.PUBLISHED_AT).from(PEP_ITEM)
                .where(PEP_ITEM.NODE_ID.eq(nodeId(owner, node)).and(PEP_ITEM.ITEM_ID.in(itemIds)))
                .orderBy(PEP_ITEM.SEQ.desc())
                .fetch(JooqPepStore::toItem);
    }

    /** The node's id as a sub-select (matches nothing when there is no such node). */
    private org.jooq.Field<Long> nodeId(String owner, String node) {
        return org.jooq.impl.DSL.field(dsl.select(PEP_NODE.ID).from(PEP_NODE)
                .where(PEP_NODE.OWNER.eq(owner).and(PEP_NODE.NODE.eq(node))));
    }

    private static Long lockNode(DSLContext db, String owner, String node) {
        return db.select(PEP_NODE.ID).from(PEP_NODE)
                .where(PEP_NODE.OWNER.eq(owner).and(PEP_NODE.NODE.eq(node))).forUpdate().fetchOne(PEP_NODE.ID);
    }

    /** Drops the node's oldest items beyond {@code maxItems}. */
    private static void trim(DSLContext db, long nodeId, int maxItems) {
        List<String> excess = db.select(PEP_ITEM.ITEM_ID).from(PEP_ITEM).where(PEP_ITEM.NODE_ID.eq(nodeId))
                .orderBy(PEP_ITEM.SEQ.desc()).limit(Integer.MAX_VALUE).offset(maxItems)
                .fetch(PEP_ITEM.ITEM_ID);
        if (excess.isEmpty()) return;
        db.deleteFrom(PEP_ITEM).where(PEP_ITEM.NODE_ID.eq(nodeId).and(PEP_ITEM.ITEM_ID.in(excess))).execute();
    }

    private static PepNode toNode(org.parley.schema.jooq.tables.records.PepNodeRecord r) {
        return new PepNode(r.getNode(), new NodeConfig(
                AccessModel.of(r.getAccessModel()).orElse(AccessModel.PRESENCE), r.getMaxItems(), r.getPersistItems(),
                SendLastPublished.of(r.getSendLast()).orElse(SendLastPublished.ON_SUB_AND_PRESENCE)));
    }

    private static PepItem toItem(Record r) {
        Instant at = r.get(PEP_ITEM.PUBLISHED_AT).toInstant(ZoneOffset.UTC);
        return new PepItem(r.get(PEP_ITEM.ITEM_ID), r.get(PEP_ITEM.PAYLOAD), at);
    }
}
