package org.parley.presence.pep;

import java.util.Objects;

/**
 * The configuration of a PEP node (XEP-0060 §8.2, form {@code pubsub#node_config}) that Parley keeps; everything
 * else (publish model: publishers are the owner only; deliver_payloads, notify_retract, notify_delete: true)
 * is fixed.
 *
 * @param accessModel       {@code pubsub#access_model}
 * @param maxItems          {@code pubsub#max_items}, 1..{@link #MAX_ITEMS}
 * @param persistItems      {@code pubsub#persist_items} (items are kept either way, for "last published")
 * @param sendLastPublished {@code pubsub#send_last_published_item}
 */
public record NodeConfig(AccessModel accessModel, int maxItems, boolean persistItems,
                         SendLastPublished sendLastPublished) {
    /** The most items a node may keep; {@code max} in a form (XEP-0060 §7.1.5 and XEP-0402 §3) means this. */
    public static final int MAX_ITEMS = 1000;

    /** XEP-0163 §3: the defaults of an auto-created node: presence access, one item, last item on presence. */
    public static final NodeConfig DEFAULT = new NodeConfig(AccessModel.PRESENCE, 1, true,
            SendLastPublished.ON_SUB_AND_PRESENCE);

    public NodeConfig {
        Objects.requireNonNull(accessModel, "accessModel");
        Objects.requireNonNull(sendLastPublished, "sendLastPublished");
        if (maxItems < 1 || maxItems > MAX_ITEMS) {
            throw new IllegalArgumentException("max_items must be 1.." + MAX_ITEMS + ": " + maxItems);
        }
    }

    /** This configuration with another access model. */
    public NodeConfig withAccessModel(AccessModel model) {
        return new NodeConfig(model, maxItems, persistItems, sendLastPublished);
    }

    /** This configuration with another item limit. */
    public NodeConfig withMaxItems(int max) {
        return new NodeConfig(accessModel, max, persistItems, sendLastPublished);
    }

    /** This configuration with items persisted or not. */
    public NodeConfig withPersistItems(boolean persist) {
        return new NodeConfig(accessModel, maxItems, persist, sendLastPublished);
    }

    /** This configuration with another last-published-item rule. */
    public NodeConfig withSendLastPublished(SendLastPublished send) {
        return new NodeConfig(accessModel, maxItems, persistItems, send);
    }
}
