package org.parley.presence.pep;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The PEP nodes and items of each account (XEP-0163 over XEP-0060). Blocking (JDBC): call from the owner's queue.
 * Items are ordered by publication: republishing an item id makes it the newest (XEP-0060 §7.1.2).
 */
public interface PepStore {
    /** The owner's nodes, in no particular order. */
    List<PepNode> nodes(String owner);

    /** One node of the owner. */
    Optional<PepNode> node(String owner, String node);

    /**
     * Creates a node without items.
     *
     * @return false if the owner already has a node of that name (nothing changes)
     */
    boolean create(String owner, PepNode node);

    /**
     * Replaces a node's configuration and drops its oldest items beyond the new {@code max_items}.
     *
     * @return false if there is no such node
     */
    boolean configure(String owner, PepNode node);

    /**
     * Deletes a node and its items (XEP-0060 §8.4).
     *
     * @return false if there was no such node
     */
    boolean delete(String owner, String node);

    /**
     * Stores {@code item} as the node's newest (replacing one with the same id) and drops the oldest items beyond
     * the node's {@code max_items} (XEP-0060 §7.1, §16.4).
     *
     * @return false if there is no such node
     */
    boolean publish(String owner, String node, PepItem item);

    /**
     * Removes one item (XEP-0060 §7.2).
     *
     * @return false if the node has no item with that id
     */
    boolean retract(String owner, String node, String itemId);

    /**
     * Removes all items of a node, keeping the node (XEP-0060 §8.5).
     *
     * @return how many items were removed
     */
    int purge(String owner, String node);

    /** The node's newest items, newest first, at most {@code max}. */
    List<PepItem> items(String owner, String node, int max);

    /** The node's items with the given ids (those that exist), newest first. */
    List<PepItem> items(String owner, String node, Collection<String> itemIds);
}
