package org.parley.presence.pep;

import org.parley.schema.StoreContract;

import org.parley.schema.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.schema.TestDatabases.TestDatabase;
import org.parley.schema.Database;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.schema.jooq.Tables.ACCOUNT;

/**
 * The {@link PepStore} contract (XEP-0163 over XEP-0060 §7, §8), run against H2 and MariaDB/MySQL. Like the
 * presence stores' contracts: one database per class, fresh accounts per test, the MariaDB variant skipped (never
 * passed) when no server is reachable.
 */
abstract class PepStoreContract extends StoreContract {
    private static final String TUNE = "http://jabber.org/protocol/tune";
    private static final String DEVICES = "eu.siacs.conversations.axolotl.devicelist";
    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    private PepStore store;
    private String owner;

    @BeforeEach
    void setUp() {
        store = new JooqPepStore(database);
        owner = newAccount();
    }

    private static PepItem item(String id, String xml, int second) {
        return new PepItem(id, xml, T0.plusSeconds(second));
    }

    @Test
    void aCreatedNodeIsListedWithItsConfiguration() {
        NodeConfig open = new NodeConfig(AccessModel.OPEN, 5, false, SendLastPublished.NEVER);

        assertThat(store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT))).isTrue();
        assertThat(store.create(owner, new PepNode(DEVICES, open))).isTrue();

        assertThat(store.nodes(owner)).containsExactlyInAnyOrder(new PepNode(TUNE, NodeConfig.DEFAULT),
                new PepNode(DEVICES, open));
        assertThat(store.node(owner, DEVICES)).contains(new PepNode(DEVICES, open));
        assertThat(store.node(owner, "nope")).isEmpty();
        assertThat(store.nodes(newAccount())).isEmpty();
    }

    @Test
    void creatingAnExistingNodeChangesNothing() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT));

        assertThat(store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT.withAccessModel(AccessModel.OPEN)))).isFalse();

        assertThat(store.node(owner, TUNE)).contains(new PepNode(TUNE, NodeConfig.DEFAULT));
    }

    @Test
    void aNodeForAMissingAccountIsRefused() {
        assertThatThrownBy(() -> store.create("ghost-" + UUID.randomUUID(), new PepNode(TUNE, NodeConfig.DEFAULT)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void publishedItemsComeBackNewestFirstWithPayloadAndTime() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT.withMaxItems(10)));
        String payload = "<tune xmlns=\"http://jabber.org/protocol/tune\"><artist>Yes ☾</artist></tune>";

        store.publish(owner, TUNE, item("a", payload, 0));
        store.publish(owner, TUNE, item("b", null, 1));

        assertThat(store.items(owner, TUNE, 10)).containsExactly(item("b", null, 1), item("a", payload, 0));
        assertThat(store.items(owner, TUNE, 1)).containsExactly(item("b", null, 1));
    }

    @Test
    void republishingAnItemIdReplacesItAndMakesItTheNewest() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT.withMaxItems(10)));
        store.publish(owner, TUNE, item("current", "<a/>", 0));
        store.publish(owner, TUNE, item("other", "<b/>", 1));

        store.publish(owner, TUNE, item("current", "<c/>", 2));

        assertThat(store.items(owner, TUNE, 10)).containsExactly(item("current", "<c/>", 2), item("other", "<b/>", 1));
    }

    @Test
    void publishingBeyondMaxItemsDropsTheOldest() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT.withMaxItems(2)));

        for (int i = 0; i < 5; i++) store.publish(owner, TUNE, item("i" + i, "<x/>", i));

        assertThat(store.items(owner, TUNE, 10)).extracting(PepItem::id).containsExactly("i4", "i3");
    }

    @Test
    void publishingToAMissingNodeStoresNothing() {
        assertThat(store.publish(owner, TUNE, item("a", "<x/>", 0))).isFalse();
        assertThat(store.items(owner, TUNE, 10)).isEmpty();
    }

    @Test
    void reconfiguringToFewerItemsDropsTheOldest() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT.withMaxItems(5)));
        for (int i = 0; i < 4; i++) store.publish(owner, TUNE, item("i" + i, "<x/>", i));
        NodeConfig smaller = NodeConfig.DEFAULT.withMaxItems(1).withAccessModel(AccessModel.WHITELIST);

        assertThat(store.configure(owner, new PepNode(TUNE, smaller))).isTrue();

        assertThat(store.node(owner, TUNE)).contains(new PepNode(TUNE, smaller));
        assertThat(store.items(owner, TUNE, 10)).extracting(PepItem::id).containsExactly("i3");
        assertThat(store.configure(owner, new PepNode("nope", smaller))).isFalse();
    }

    @Test
    void itemsAreFoundByIdNewestFirst() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT.withMaxItems(10)));
        for (int i = 0; i < 4; i++) store.publish(owner, TUNE, item("i" + i, "<x/>", i));

        assertThat(store.items(owner, TUNE, List.of("i0", "i2", "missing"))).extracting(PepItem::id)
                .containsExactly("i2", "i0");
        assertThat(store.items(owner, TUNE, List.of())).isEmpty();
    }

    @Test
    void retractRemovesOneItem() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT.withMaxItems(10)));
        store.publish(owner, TUNE, item("a", "<x/>", 0));
        store.publish(owner, TUNE, item("b", "<x/>", 1));

        assertThat(store.retract(owner, TUNE, "b")).isTrue();
        assertThat(store.retract(owner, TUNE, "b")).isFalse();

        assertThat(store.items(owner, TUNE, 10)).extracting(PepItem::id).containsExactly("a");
    }

    @Test
    void purgeRemovesEveryItemAndKeepsTheNode() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT.withMaxItems(10)));
        store.create(owner, new PepNode("urn:xmpp:avatar:data", NodeConfig.DEFAULT));
        store.publish(owner, TUNE, item("a", "<x/>", 0));
        store.publish(owner, TUNE, item("b", "<x/>", 1));
        store.publish(owner, "urn:xmpp:avatar:data", item("c", "<x/>", 2));

        assertThat(store.purge(owner, TUNE)).isEqualTo(2);

        assertThat(store.items(owner, TUNE, 10)).isEmpty();
        assertThat(store.node(owner, TUNE)).isPresent();
        assertThat(store.items(owner, "urn:xmpp:avatar:data", 10)).extracting(PepItem::id).containsExactly("c");
    }

    @Test
    void nodesOfDifferentOwnersAreSeparate() {
        String other = newAccount();
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT));
        store.create(other, new PepNode(TUNE, NodeConfig.DEFAULT));
        store.publish(owner, TUNE, item("a", "<mine/>", 0));
        store.publish(other, TUNE, item("a", "<theirs/>", 1));

        assertThat(store.items(owner, TUNE, 10)).containsExactly(item("a", "<mine/>", 0));
        assertThat(store.items(other, TUNE, 10)).containsExactly(item("a", "<theirs/>", 1));
    }

    @Test
    void deletingANodeRemovesItsItems() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT));
        store.publish(owner, TUNE, item("a", "<x/>", 0));

        assertThat(store.delete(owner, TUNE)).isTrue();
        assertThat(store.delete(owner, TUNE)).isFalse();

        assertThat(store.nodes(owner)).isEmpty();
        assertThat(store.items(owner, TUNE, 10)).isEmpty();
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT));
        assertThat(store.items(owner, TUNE, 10)).isEmpty();
    }

    @Test
    void longNodeNamesAndItemIdsFit() {
        String node = "urn:example:" + "n".repeat(500);
        String id = "✓".repeat(512);
        store.create(owner, new PepNode(node, NodeConfig.DEFAULT));

        store.publish(owner, node, item(id, "<x/>", 0));

        assertThat(store.items(owner, node, 1)).extracting(PepItem::id).containsExactly(id);
    }

    @Test
    void removingTheAccountRemovesItsNodesAndItems() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT));
        store.publish(owner, TUNE, item("a", "<x/>", 0));

        database.dsl().deleteFrom(ACCOUNT).where(ACCOUNT.USERNAME.eq(owner)).execute();

        assertThat(store.nodes(owner)).isEmpty();
        assertThat(store.items(owner, TUNE, 10)).isEmpty();
    }

    @Test
    void timesKeepMilliseconds() {
        store.create(owner, new PepNode(TUNE, NodeConfig.DEFAULT));
        Instant at = Instant.parse("2024-03-31T01:30:00.987654Z");

        store.publish(owner, TUNE, new PepItem("a", "<x/>", at));

        assertThat(store.items(owner, TUNE, 1).getFirst().publishedAt()).isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
    }
}
