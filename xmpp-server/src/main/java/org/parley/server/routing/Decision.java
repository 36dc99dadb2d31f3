package org.parley.server.routing;

import org.parley.xmpp.core.module.IqTarget;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.List;

/** What the router does with one stanza: the outcome of {@link RoutingRules#decide}. */
public sealed interface Decision {
    /** Write the stanza to these bound sessions (full JIDs). */
    record Deliver(List<JID> sessions) implements Decision {
        public Deliver {
            sessions = List.copyOf(sessions);
        }
    }

    /** Hand an IQ request to the server's handler for this target. */
    record HandleIq(IqTarget target) implements Decision {
    }

    /** Return this error to the sender (never done for stanzas of type error). */
    record Bounce(PacketError.Condition condition, String rule) implements Decision {
    }

    /**
     * A message for a user with no resource to take it: store it offline if the server can, else bounce with
     * {@code <service-unavailable/>} (RFC 6121 §8.5.2.2.1, XEP-0160).
     */
    record StoreOffline(String rule) implements Decision {
    }

    /** Hand the stanza to the module serving this hosted service domain (XEP-0045 §4, RFC 6120 §10.4). */
    record ToService(String domain) implements Decision {
    }

    /** Drop without reply, as the cited rule says. */
    record Ignore(String rule) implements Decision {
    }

    /** Presence from a client with no {@code to}: update its session and broadcast (RFC 6121 §4.2.2, §4.4.2). */
    record OwnPresence() implements Decision {
    }
}
