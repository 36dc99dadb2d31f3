package org.parley.server.csi;

import org.xmpp.packet.Packet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One session's client state (XEP-0352 §3: active until the client says {@code <inactive/>}) and the stanzas held
 * meanwhile ({@link CsiRules}). A held stanza replaced by a newer one with the same key leaves its place: the newer
 * one is held last. Anything that goes out at once takes everything held with it, first and in order, so no stanza
 * overtakes one the server accepted before it. Not thread-safe: owned by the session's event loop.
 *
 * @param <T> what the session queues for its client: a stanza, or a stanza with its shared serialisation
 */
public final class CsiBuffer<T> {
    private final Map<String, T> held = new LinkedHashMap<>();
    private final Function<? super T, Packet> stanzaOf;
    private boolean inactive;

    /** @param stanzaOf the stanza of a queued item, which {@link CsiRules} look at */
    public CsiBuffer(Function<? super T, Packet> stanzaOf) {
        this.stanzaOf = stanzaOf;
    }

    /** A buffer of plain stanzas. */
    public static CsiBuffer<Packet> ofPackets() {
        return new CsiBuffer<>(Function.identity());
    }

    /**
     * A stanza for the client.
     *
     * @return what to send now, in order (empty while the stanza is held)
     */
    public List<T> offer(T stanza) {
        if (!inactive) return List.of(stanza);
        Optional<String> key = CsiRules.holdKey(stanzaOf.apply(stanza));
        if (key.isPresent()) {
            held.remove(key.get());
            held.put(key.get(), stanza);
            return List.of();
        }
        List<T> out = drain();
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
    public List<T> active() {
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
    public List<T> drain() {
        List<T> out = new ArrayList<>(held.values());
        held.clear();
        return out;
    }
}
