package org.parley.presence.pep;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

import java.util.List;

/** Namespaces, features and the stanza errors of Publish-Subscribe (XEP-0060 §7, §8, §6.5) as PEP uses them. */
public final class PubSub {
    /** The pubsub namespace (XEP-0060 §7). */
    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub";
    /** The owner namespace (XEP-0060 §8). */
    public static final String OWNER = NAMESPACE + "#owner";
    /** The event namespace of notifications (XEP-0060 §7.1.2.1). */
    public static final String EVENT = NAMESPACE + "#event";
    /** The namespace of pubsub-specific error conditions (XEP-0060 §7.1.3). */
    public static final String ERRORS = NAMESPACE + "#errors";
    /** The suffix of the caps feature by which a client asks for a node's notifications (XEP-0163 §4.2). */
    public static final String NOTIFY = "+notify";

    /** What a PEP service advertises (XEP-0163 §8). */
    public static final List<String> FEATURES = List.of(NAMESPACE, NAMESPACE + "#access-open",
            NAMESPACE + "#access-presence", NAMESPACE + "#access-whitelist", NAMESPACE + "#auto-create",
            NAMESPACE + "#auto-subscribe", NAMESPACE + "#config-node", NAMESPACE + "#create-and-configure",
            NAMESPACE + "#create-nodes", NAMESPACE + "#delete-nodes", NAMESPACE + "#filtered-notifications",
            NAMESPACE + "#last-published", NAMESPACE + "#persistent-items", NAMESPACE + "#publish",
            NAMESPACE + "#publish-options", NAMESPACE + "#purge-nodes", NAMESPACE + "#retract-items", NAMESPACE + "#retrieve-items");

    private PubSub() {
    }

    /** {@code <conflict/>} + {@code <precondition-not-met/>} (XEP-0060 §7.1.5). */
    public static StanzaErrorException preconditionNotMet(String text) {
        return new StanzaErrorException(PacketError.Condition.conflict, text, "precondition-not-met", ERRORS);
    }

    /** {@code <not-authorized/>} + {@code <presence-subscription-required/>} (XEP-0060 §6.5.3, §6.1.3.2). */
    public static StanzaErrorException presenceSubscriptionRequired() {
        return new StanzaErrorException(PacketError.Condition.not_authorized, null, "presence-subscription-required",
                ERRORS);
    }

    /** {@code <not-allowed/>} + {@code <closed-node/>} (XEP-0060 §6.5.5: not on the whitelist). */
    public static StanzaErrorException closedNode() {
        return new StanzaErrorException(PacketError.Condition.not_allowed, null, "closed-node", ERRORS);
    }

    /** {@code <item-not-found/>}: no such node or item (XEP-0060 §6.5.9, §7.2.3.5). */
    public static StanzaErrorException itemNotFound() {
        return new StanzaErrorException(PacketError.Condition.item_not_found);
    }

    /** {@code <forbidden/>}: only the owner publishes and manages (XEP-0060 §7.1.3.1, §8.2.3.3). */
    public static StanzaErrorException forbidden() {
        return new StanzaErrorException(PacketError.Condition.forbidden);
    }

    /** {@code <bad-request/>} with a pubsub condition, e.g. {@code nodeid-required} (XEP-0060 §7.1.3.3). */
    public static StanzaErrorException badRequest(String condition) {
        return new StanzaErrorException(PacketError.Condition.bad_request, null, condition, ERRORS);
    }

    /** {@code <feature-not-implemented/>} + {@code <unsupported/>} (XEP-0060 §6.1.3.1 and others). */
    public static StanzaErrorException unsupported(String text) {
        return new StanzaErrorException(PacketError.Condition.feature_not_implemented, text, "unsupported", ERRORS);
    }
}
