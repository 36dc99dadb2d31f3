package org.parley.server.routing;

import org.parley.server.session.ClientSession;
import org.parley.xmpp.core.stream.SplicedStanza;
import org.xmpp.packet.Packet;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * One fan-out in progress ({@link Router#fanOut}): the serialisation its copies share, and the event loops it handed
 * copies to. A hand-over is queued on the session's loop without waking it; each loop is woken once when the fan-out
 * has handed over every copy it could at once (a 100-occupant room on a few loops wakes each loop once, not once per
 * occupant), and a copy handed over later (an interceptor that answered late) wakes its loop at once. Thread-safe.
 */
final class FanOut {
    private static final Runnable WAKE_UP = () -> {
    };

    private final SplicedStanza shared;
    private final Set<Executor> loops = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean done;

    FanOut(SplicedStanza shared) {
        this.shared = shared;
    }

    /** The serialisation the copies share. */
    SplicedStanza shared() {
        return shared;
    }

    /** Hands {@code stanza}, a copy of this fan-out, to {@code session}; its loop is woken now or by {@link #wakeUp}. */
    void handOver(ClientSession session, Packet stanza) {
        session.deliver(stanza, shared);
        Executor loop = session.loop();
        synchronized (this) {
            if (!done) {
                loops.add(loop);
                return;
            }
        }
        loop.execute(WAKE_UP);
    }

    /** Every copy routed at once has been handed over: wakes each loop once; later hand-overs wake their own. */
    void wakeUp() {
        List<Executor> toWake;
        synchronized (this) {
            done = true;
            toWake = List.copyOf(loops);
            loops.clear();
        }
        toWake.forEach(loop -> loop.execute(WAKE_UP));
    }
}
