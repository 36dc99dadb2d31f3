package org.parley.muc;

import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IQ requests between occupants (XEP-0045: an occupant JID stands for its user, e.g. for vCard avatars, without
 * disclosing the real JID): the request goes to the target's real JID from the sender's occupant JID under a new
 * id, and the response comes back to the sender from the target's occupant JID under the original id. Requests
 * unanswered after {@link #TIMEOUT} are forgotten.
 */
public final class IqRelay {
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** A relayed request: who asked (real JID, original id) and whose answer is awaited. */
    private record Pending(JID requester, String id, JID responder, JID responderOccupantJid, Instant at) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;

    public IqRelay(Clock clock) {
        this.clock = clock;
    }

    /** The request to send to {@code target} for {@code request} from {@code sender}. */
    public IQ forward(Room room, IQ request, Occupant sender, Occupant target) {
        purgeOld();
        String id = "muc-relay-" + ids.incrementAndGet();
        pending.put(id, new Pending(request.getFrom(), request.getID(), target.realJid(), target.occupantJid(room.jid()),
                clock.instant()));
        IQ out = request.createCopy();
        out.setID(id);
        out.setFrom(sender.occupantJid(room.jid()));
        out.setTo(target.realJid());
        return out;
    }

    /**
     * The response to hand back for {@code response} (a result or error from a real JID to an occupant JID), or
     * empty when it answers nothing this relay sent (or comes from someone else than the asked occupant).
     */
    public Optional<IQ> back(IQ response) {
        Pending p = pending.get(response.getID());
        if (p == null || !p.responder().equals(response.getFrom())) return Optional.empty();
        pending.remove(response.getID());
        IQ out = response.createCopy();
        out.setID(p.id());
        out.setFrom(p.responderOccupantJid());
        out.setTo(p.requester());
        return Optional.of(out);
    }

    private void purgeOld() {
        Instant oldest = clock.instant().minus(TIMEOUT);
        pending.values().removeIf(p -> p.at().isBefore(oldest));
    }
}
