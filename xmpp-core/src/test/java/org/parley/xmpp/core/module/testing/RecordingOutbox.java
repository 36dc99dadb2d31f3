package org.parley.xmpp.core.module.testing;

import org.parley.xmpp.core.module.Outbox;
import org.xmpp.packet.Packet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link Outbox} that records what a handler asked for (STYLE.md §14). Thread-safe. */
public final class RecordingOutbox implements Outbox {
    private final List<Packet> sent = new CopyOnWriteArrayList<>();
    private final List<Runnable> afterReply = new CopyOnWriteArrayList<>();

    @Override
    public void send(Packet stanza) {
        sent.add(stanza);
    }

    @Override
    public void afterReply(Runnable action) {
        afterReply.add(action);
    }

    /** The stanzas queued for routing (just before the reply), in order. */
    public List<Packet> sent() {
        return List.copyOf(sent);
    }

    /** The actions queued to run after the reply (not run). */
    public List<Runnable> afterReply() {
        return List.copyOf(afterReply);
    }

    /** Runs the queued after-reply actions, as the dispatcher does once the reply is sent. */
    public void runAfterReply() {
        afterReply.forEach(Runnable::run);
    }
}
