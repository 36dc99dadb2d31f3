package org.parley.server.sm;

import org.parley.server.routing.Stanzas;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * What becomes of a stanza the client never acknowledged when its session ends for good (XEP-0198 §5: resumption
 * timed out, the stream was closed with stanzas in flight, the session was replaced or the server shuts down).
 * A message the server accepted is never dropped (DESIGN.md "Delivery"): it is routed again, and because its
 * session has left the session table the delivery rules (RFC 6121 §8.5.3.2.1) take it to another resource of the
 * user or to offline storage. Pure.
 */
public final class UnackedFate {
    /** XEP-0203 delayed delivery. */
    public static final String DELAY = "urn:xmpp:delay";
    private static final String CARBONS = "urn:xmpp:carbons:2";

    /** The fate of one stanza. */
    public sealed interface Fate {
        /** Route this copy of the message again. */
        record Reroute(Message message) implements Fate {
        }

        /** Route this error reply to the sender of a request that will never be answered. */
        record Bounce(Packet errorReply) implements Fate {
        }

        /** Forget it, for this reason. */
        record Drop(String reason) implements Fate {
        }
    }

    private UnackedFate() {
    }

    /**
     * @param stanza the unacknowledged stanza
     * @param sentAt when the server first sent it (stamped as XEP-0203 {@code <delay/>} on a message without one)
     * @param domain the served domain (the delay's 'from')
     */
    public static Fate of(Packet stanza, Instant sentAt, String domain) {
        if (stanza instanceof Message message) return ofMessage(message, sentAt, domain);
        if (stanza instanceof IQ iq && iq.isRequest()) {
            // RFC 6120 §8.2.3: a request gets a response; the client that would have answered is gone.
            return new Fate.Bounce(Stanzas.bounce(iq, PacketError.Condition.service_unavailable));
        }
        return new Fate.Drop(stanza instanceof IQ ? "an IQ response to a gone client" : "presence is state, not history");
    }

    private static Fate ofMessage(Message message, Instant sentAt, String domain) {
        if (Stanzas.isError(message)) return new Fate.Drop("an error message");
        if (message.getChildElement("received", CARBONS) != null || message.getChildElement("sent", CARBONS) != null) {
            // XEP-0280: a carbon copy; its original reached (or was stored for) the resource it was meant for.
            return new Fate.Drop("a carbon copy");
        }
        Message copy = message.createCopy();
        if (copy.getChildElement("delay", DELAY) == null) {
            copy.addChildElement("delay", DELAY).addAttribute("from", domain)
                    .addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(sentAt));
        }
        return new Fate.Reroute(copy);
    }
}
