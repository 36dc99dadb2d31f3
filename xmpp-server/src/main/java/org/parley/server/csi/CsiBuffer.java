package org.parley.server.csi;

import org.xmpp.packet.Packet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One session's client state (XEP-0352 §3: active until the client says {@code <inactive/>}) and the stanzas held
 * meanwhile ({@link CsiRules}). A held stanza replaced by a newer one with the same key leaves its place: the newer
 * one is held last. Anything that goes out at once takes everything held with it, first and in order, so no stanza
 * overtakes one the server accepted before it. Not thread-safe: owned by the session's event loop.
 */
public final class CsiBuffer {
    private final Map<String, Packet> held = new LinkedHashMap<>();
    private boolean inactive;

    /**
     * A stanza for the client.
     *
     * @return what to send now, in order (empty while the stanza is held)
     */
    public List<Packet> offer(Packet stanza) {
        if (!inactive) return List.of(stanza);
        Optional<String> key = CsiRules.holdKey(stanza);
        if (key.isPresent()) {
            held.remove(key.get());
            held.put(key.get(), stanza);
            return List.of();
        }
        List<Packet> out = drain();
        out.add(stanza);
        return out;
    }

    /** XEP-0352 §3: {@code <inactive/>}. */
    public void inactive() {
        inactive = true;
    }

    /**
     * XEP-0352 §3: {@code <active/>}.
     *
     * @return the held stanzas, to send now in order
     */
    public List<Packet> active() {
        inactive = false;
        return drain();
    }

    /** Whether the client said it is inactive. */
    public boolean isInactive() {
        return inactive;
    }

    /** How many stanzas are held. */
    public int heldCount() {
        return held.size();
    }

    /** Removes and returns the held stanzas, in order. */
    public List<Packet> drain() {
        List<Packet> out = new ArrayList<>(held.values());
        held.clear();
        return out;
    }
}
