package org.parley.presence.pep;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each owner's nodes and their last published items (XEP-0163 §4.3.2 sends them on presence, often), read
 * through a Caffeine cache and written through to the {@link PepStore}. Blocking on a cache miss: call from a
 * virtual thread; writes for one owner run in that owner's queue.
 */
public final class PepNodes {
    /** A node with its newest item, if any. */
    public record Entry(PepNode node, Optional<PepItem> last) {
    }

    private final PepStore store;
    private final LoadingCache<String, Map<String, Entry>> cache;

    /** @param store where nodes and items live */
    public PepNodes(PepStore store) {
        this.store = store;
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(30))
                .build(owner -> {
                    Map<String, Entry> nodes = new ConcurrentHashMap<>();
                    for (PepNode node : store.nodes(owner)) {
                        nodes.put(node.name(), new Entry(node, store.items(owner, node.name(), 1).stream().findFirst()));
                    }
                    return nodes;
                });
    }

    /** The owner's nodes with their last items. */
    public Collection<Entry> nodes(String owner) {
        return List.copyOf(cache.get(owner).values());
    }

    /** One node of the owner with its last item. */
    public Optional<Entry> node(String owner, String node) {
        return Optional.ofNullable(cache.get(owner).get(node));
    }

    /** Creates a node; false if it exists. */
    public boolean create(String owner, PepNode node) {
        boolean created = store.create(owner, node);
        if (created) cache.get(owner).put(node.name(), new Entry(node, Optional.empty()));
        return created;
    }

    /** Reconfigures a node (dropping items beyond the new limit); false if there is none. */
    public boolean configure(String owner, PepNode node) {
        boolean done = store.configure(owner, node);
        if (done) cache.get(owner).computeIfPresent(node.name(), (k, e) -> new Entry(node, e.last()));
        return done;
    }

    /** Deletes a node and its items; false if there was none. */
    public boolean delete(String owner, String node) {
        boolean deleted = store.delete(owner, node);
        cache.get(owner).remove(node);
        return deleted;
    }

    /** Publishes an item to an existing node; false if there is none. */
    public boolean publish(String owner, String node, PepItem item) {
        boolean done = store.publish(owner, node, item);
        if (done) cache.get(owner).computeIfPresent(node, (k, e) -> new Entry(e.node(), Optional.of(item)));
        return done;
    }

    /** Retracts an item; false if it did not exist. */
    public boolean retract(String owner, String node, String itemId) {
        boolean done = store.retract(owner, node, itemId);
        if (done) {
            cache.get(owner).computeIfPresent(node, (k, e) -> e.last().map(l -> l.id().equals(itemId)).orElse(false)
                    ? new Entry(e.node(), store.items(owner, node, 1).stream().findFirst()) : e);
        }
        return done;
    }

    /** Removes all items of a node (XEP-0060 §8.5); false if there is no such node. */
    public boolean purge(String owner, String node) {
        if (node(owner, node).isEmpty()) return false;
        store.purge(owner, node);
        cache.get(owner).computeIfPresent(node, (k, e) -> new Entry(e.node(), Optional.empty()));
        return true;
    }

    /** The node's newest items, newest first. */
    public List<PepItem> items(String owner, String node, int max) {
        return store.items(owner, node, max);
    }

    /** The node's items with these ids, newest first. */
    public List<PepItem> items(String owner, String node, Collection<String> ids) {
        return store.items(owner, node, ids);
    }
}
