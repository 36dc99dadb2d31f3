package org.parley.server.session;

import org.xmpp.packet.JID;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The single-node {@link SessionTable}: a concurrent map from bare JID to the entries of its resources. */
public final class LocalSessionTable implements SessionTable {
    private final Map<String, Map<String, SessionEntry>> byBare = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public Optional<SessionEntry> put(SessionEntry entry) {
        AtomicReference<SessionEntry> previous = new AtomicReference<>();
        byBare.compute(entry.fullJid().toBareJID(), (bare, resources) -> {
            Map<String, SessionEntry> map = resources == null ? new ConcurrentHashMap<>() : resources;
            previous.set(map.put(entry.fullJid().getResource(), entry));
            return map;
        });
        if (previous.get() == null) size.incrementAndGet();
        return Optional.ofNullable(previous.get());
    }

    @Override
    public boolean update(SessionEntry entry) {
        Map<String, SessionEntry> resources = byBare.get(entry.fullJid().toBareJID());
        if (resources == null) return false;
        return resources.computeIfPresent(entry.fullJid().getResource(),
                (r, current) -> current.streamId().equals(entry.streamId()) ? entry : current) == entry;
    }

    @Override
    public boolean remove(JID fullJid, String streamId) {
        boolean[] removed = {false};
        byBare.computeIfPresent(fullJid.toBareJID(), (bare, resources) -> {
            SessionEntry current = resources.get(fullJid.getResource());
            if (current != null && current.streamId().equals(streamId)) {
                resources.remove(fullJid.getResource());
                removed[0] = true;
            }
            return resources.isEmpty() ? null : resources;
        });
        if (removed[0]) size.decrementAndGet();
        return removed[0];
    }

    @Override
    public Optional<SessionEntry> get(JID fullJid) {
        if (fullJid.getResource() == null) return Optional.empty();
        Map<String, SessionEntry> resources = byBare.get(fullJid.toBareJID());
        return resources == null ? Optional.empty() : Optional.ofNullable(resources.get(fullJid.getResource()));
    }

    @Override
    public List<SessionEntry> sessionsOf(JID bareJid) {
        Map<String, SessionEntry> resources = byBare.get(bareJid.toBareJID());
        return resources == null ? List.of() : List.copyOf(resources.values());
    }

    @Override
    public int size() {
        return size.get();
    }
}
