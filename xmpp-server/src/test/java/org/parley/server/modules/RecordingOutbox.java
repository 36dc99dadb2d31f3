package org.parley.server.modules;

import org.parley.xmpp.core.module.Outbox;
import org.xmpp.packet.Packet;

import java.util.ArrayList;
import java.util.List;

/** An {@link Outbox} that records what a handler asked for (STYLE.md §14), for handler tests without sockets. */
public final class RecordingOutbox implements Outbox {
    private final List<Packet> sent = new ArrayList<>();
    private final List<Runnable> afterReply = new ArrayList<>();

    @Override
    public void send(Packet stanza) {
        sent.add(stanza);
    }

    @Override
    public void afterReply(Runnable action) {
        afterReply.add(action);
    }

    /** The stanzas queued for routing, in order. */
    public List<Packet> sent() {
        return sent;
    }

    /** The actions queued to run after the reply, in order (not run). */
    public List<Runnable> afterReply() {
        return afterReply;
    }

    /** Runs the queued after-reply actions, as the dispatcher does once the reply is sent. */
    public void runAfterReply() {
        afterReply.forEach(Runnable::run);
    }
}
