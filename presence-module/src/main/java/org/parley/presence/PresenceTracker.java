package org.parley.presence;

import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows about its users' presence (RFC 6121 §4): each available resource's last broadcast
 * presence, the JIDs it sent directed presence to (§4.6), and which resources asked for the roster (the
 * "interested resources" of §2.1.6). Thread-safe; per-user changes happen in that user's queue.
 */
public final class PresenceTracker {
    private final Map<String, Map<JID, Presence>> lastPresence = new ConcurrentHashMap<>();
    private final Map<JID, Set<JID>> directed = new ConcurrentHashMap<>();
    private final Map<String, Set<JID>> interested = new ConcurrentHashMap<>();

    /**
     * Records {@code presence} as the resource's current broadcast presence.
     *
     * @return true if the resource was not available before (this is its initial presence, RFC 6121 §4.2)
     */
    public boolean available(JID fullJid, Presence presence) {
        return lastPresence.computeIfAbsent(fullJid.toBareJID(), k -> new ConcurrentHashMap<>())
                .put(fullJid, presence.createCopy()) == null;
    }

    /** Forgets the resource's presence and directed presences; returns who got directed presence from it. */
    public Set<JID> unavailable(JID fullJid) {
        removePresence(fullJid);
        Set<JID> to = directed.remove(fullJid);
        return to == null ? Set.of() : Set.copyOf(to);
    }

    /** The last presence of an available resource. */
    public Optional<Presence> lastPresence(JID fullJid) {
        Map<JID, Presence> resources = lastPresence.get(fullJid.toBareJID());
        return resources == null ? Optional.empty() : Optional.ofNullable(resources.get(fullJid));
    }

    private void removePresence(JID fullJid) {
        lastPresence.computeIfPresent(fullJid.toBareJID(), (k, resources) -> {
            resources.remove(fullJid);
            return resources.isEmpty() ? null : resources;
        });
    }

    /** The available resources of a user with their last presence. */
    public List<Map.Entry<JID, Presence>> availableResources(JID bareJid) {
        Map<JID, Presence> resources = lastPresence.get(bareJid.toBareJID());
        return resources == null ? List.of()
                : resources.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** Remembers that {@code fullJid} sent directed available presence to {@code to} (RFC 6121 §4.6.1). */
    public void directedAvailable(JID fullJid, JID to) {
        directed.computeIfAbsent(fullJid, k -> ConcurrentHashMap.newKeySet()).add(to);
    }

    /** Forgets a directed presence after directed unavailable presence (RFC 6121 §4.6.3). */
    public void directedUnavailable(JID fullJid, JID to) {
        directed.computeIfPresent(fullJid, (k, set) -> {
            set.remove(to);
            return set.isEmpty() ? null : set;
        });
    }

    /** Marks the resource as interested in roster pushes (it requested the roster, RFC 6121 §2.1.6). */
    public void interested(JID fullJid) {
        interested.computeIfAbsent(fullJid.toBareJID(), k -> ConcurrentHashMap.newKeySet()).add(fullJid);
    }

    /** The user's interested resources. */
    public List<JID> interestedResources(JID bareJid) {
        Set<JID> resources = interested.get(bareJid.toBareJID());
        return resources == null ? List.of() : List.copyOf(resources);
    }

    /** Forgets everything about a resource whose session ended. */
    public void ended(JID fullJid) {
        removePresence(fullJid);
        directed.remove(fullJid);
        interested.computeIfPresent(fullJid.toBareJID(), (k, resources) -> {
            resources.remove(fullJid);
            return resources.isEmpty() ? null : resources;
        });
    }
}
