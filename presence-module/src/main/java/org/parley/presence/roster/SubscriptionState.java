package org.parley.presence.roster;

import java.util.Objects;

/**
 * The nine subscription states of RFC 6121 Appendix A.1, seen from the user's side of one roster item, with the
 * pure transitions of Appendix A.2 (the user's own outbound subscription stanzas) and Appendix A.3 (inbound ones
 * from the contact).
 *
 * <p>A contact that is not in the roster at all is in state {@link #NONE}. Transitions only compute the next state
 * and whether the stanza goes on; storing the item, roster pushes, pre-approval (§3.4), auto-replies and the
 * presence stanzas that accompany a change are the caller's business.
 */
public enum SubscriptionState {
    /** "None": neither is subscribed and nothing is pending; subscription='none'. */
    NONE(Subscription.NONE, false, false),
    /** "None + Pending Out": the user asked the contact; subscription='none' ask='subscribe'. */
    NONE_PENDING_OUT(Subscription.NONE, true, false),
    /** "None + Pending In": the contact asked the user; not shown in the roster item. */
    NONE_PENDING_IN(Subscription.NONE, false, true),
    /** "None + Pending Out/In": both asked, neither answered; subscription='none' ask='subscribe'. */
    NONE_PENDING_OUT_IN(Subscription.NONE, true, true),
    /** "To": the user is subscribed to the contact; subscription='to'. */
    TO(Subscription.TO, false, false),
    /** "To + Pending In": "To", and the contact asked the user; subscription='to'. */
    TO_PENDING_IN(Subscription.TO, false, true),
    /** "From": the contact is subscribed to the user; subscription='from'. */
    FROM(Subscription.FROM, false, false),
    /** "From + Pending Out": "From", and the user asked the contact; subscription='from' ask='subscribe'. */
    FROM_PENDING_OUT(Subscription.FROM, true, false),
    /** "Both": each is subscribed to the other; subscription='both'. */
    BOTH(Subscription.BOTH, false, false);

    /**
     * The outcome of one subscription stanza.
     *
     * @param next         the new state; the same state when nothing changed
     * @param stateChanged whether {@code next} differs from the state the stanza arrived in
     * @param deliver      outbound: whether the stanza is routed on to the contact; inbound: whether it is
     *                     delivered to the user's resources (the "Route?" / "Deliver?" columns of Appendix A)
     */
    public record Transition(SubscriptionState next, boolean stateChanged, boolean deliver) {
        public Transition {
            Objects.requireNonNull(next, "next");
        }
    }

    private final Subscription subscription;
    private final boolean pendingOut;
    private final boolean pendingIn;

    SubscriptionState(Subscription subscription, boolean pendingOut, boolean pendingIn) {
        this.subscription = subscription;
        this.pendingOut = pendingOut;
        this.pendingIn = pendingIn;
    }

    /**
     * The state with these three facts.
     *
     * @throws IllegalArgumentException if they name none of the nine states, e.g. 'both' with a pending request
     */
    public static SubscriptionState of(Subscription subscription, boolean pendingOut, boolean pendingIn) {
        Objects.requireNonNull(subscription, "subscription");
        for (SubscriptionState state : values()) {
            if (state.subscription == subscription && state.pendingOut == pendingOut && state.pendingIn == pendingIn) {
                return state;
            }
        }
        throw new IllegalArgumentException("not a subscription state of RFC 6121 Appendix A.1: subscription='"
                + subscription.attributeValue() + "' pendingOut=" + pendingOut + " pendingIn=" + pendingIn);
    }

    /** The item's {@code subscription} attribute (RFC 6121 §2.1.2.5). */
    public Subscription subscription() {
        return subscription;
    }

    /** Whether the user's request to the contact awaits an answer: the item's ask='subscribe' (RFC 6121 §2.1.2.2). */
    public boolean pendingOut() {
        return pendingOut;
    }

    /** Whether the contact's request to the user awaits an answer (never shown in the roster item). */
    public boolean pendingIn() {
        return pendingIn;
    }

    /**
     * The user sends "subscribe" to the contact: RFC 6121 §3.1.2, Appendix A.2.1. Always routed; the contact's
     * server answers for itself if the user is already subscribed.
     */
    public Transition outboundSubscribe() {
        // A.2: "the user's server MUST without exception route all outbound presence stanzas of type "subscribe"
        // or "unsubscribe" to the contact so that the user is able to resynchronize his or her subscription"
        if (userSubscribed() || pendingOut) {
            return stay(true);
        }
        return moveTo(of(subscription, true, pendingIn), true);
    }

    /** The user sends "unsubscribe" to the contact: RFC 6121 §3.3.2, Appendix A.2.2. Always routed. */
    public Transition outboundUnsubscribe() {
        // A.2: "the user's server MUST without exception route all outbound presence stanzas of type "subscribe"
        // or "unsubscribe" to the contact"; it ends "To" and withdraws a pending request.
        return moveTo(of(withoutTo(subscription), false, pendingIn), true);
    }

    /**
     * The user sends "subscribed" to the contact: RFC 6121 §3.1.5, Appendix A.2.3. Without a pending inbound
     * request nothing changes and nothing is routed; in "None", "None + Pending Out" and "To" the caller records a
     * pre-approval instead (§3.4).
     */
    public Transition outboundSubscribed() {
        // A.2: "The user's server SHOULD NOT route a presence stanza of type "subscribed" or "unsubscribed" to the
        // contact if the stanza does not result in a subscription state change from the user's perspective, and
        // MUST NOT make a state change." §3.4: "If the contact is in the user's roster with a state of "Both",
        // "From", or "From + Pending Out", the user's server MUST silently ignore the stanza."
        if (!pendingIn) {
            return stay(false);
        }
        // A.2: "If the stanza results in a subscription state change, the user's server MUST route the stanza to
        // the contact and MUST make the appropriate state change."
        return moveTo(of(withFrom(subscription), pendingOut, false), true);
    }

    /**
     * The user sends "unsubscribed" to the contact, denying a request or cancelling the contact's subscription:
     * RFC 6121 §3.2.2, Appendix A.2.4. In "None", "None + Pending Out" and "To" nothing changes and nothing is
     * routed (cancelling a pre-approval, §3.4, is the caller's business).
     */
    public Transition outboundUnsubscribed() {
        // A.2: "SHOULD NOT route ... if the stanza does not result in a subscription state change ... and MUST NOT
        // make a state change."
        if (!contactSubscribed() && !pendingIn) {
            return stay(false);
        }
        return moveTo(of(withoutFrom(subscription), pendingOut, false), true);
    }

    /**
     * The contact sends "subscribe" to the user: RFC 6121 §3.1.3, Appendix A.3.1. When the contact is already
     * subscribed ("From", "From + Pending Out", "Both") nothing changes, the request is not delivered, and the
     * caller MUST auto-reply "subscribed" on the user's behalf; auto-approving a pre-approved request (§3.4) is
     * likewise the caller's.
     */
    public Transition inboundSubscribe() {
        // §3.1.3: "If the contact exists and the user already has a subscription to the contact's presence, then
        // the contact's server MUST auto-reply on behalf of the contact by sending a presence stanza of type
        // "subscribed" from the contact's bare JID to the user's bare JID." (roles swapped: here we are that server)
        if (contactSubscribed()) {
            return stay(false);
        }
        // A.3: the server "SHOULD NOT deliver the new request if there is a pending inbound subscription request,
        // since the previous subscription request will have been recorded."
        if (pendingIn) {
            return stay(false);
        }
        return moveTo(of(subscription, pendingOut, true), true);
    }

    /**
     * The contact sends "subscribed" to the user, approving the user's request: RFC 6121 §3.1.6, Appendix A.3.3.
     * Ignored unless the user's request is pending.
     */
    public Transition inboundSubscribed() {
        // §3.1.6: otherwise "the user's server MUST silently ignore the subscription approval notification by not
        // delivering it to the user, not modifying the user's roster, and not generating a roster push"
        if (!pendingOut) {
            return stay(false);
        }
        return moveTo(of(withTo(subscription), false, pendingIn), true);
    }

    /**
     * The contact sends "unsubscribe" to the user, ending its subscription or withdrawing its request:
     * RFC 6121 §3.3.3, Appendix A.3.2. Ignored in "None", "None + Pending Out" and "To". When "From" ends the
     * caller also sends the contact unavailable presence from the user's resources (§3.3.3).
     */
    public Transition inboundUnsubscribe() {
        // A.3: "If no subscription state change results, the user's server MUST NOT deliver the stanza and MUST NOT
        // change the subscription state."
        if (!contactSubscribed() && !pendingIn) {
            return stay(false);
        }
        return moveTo(of(withoutFrom(subscription), pendingOut, false), true);
    }

    /**
     * The contact sends "unsubscribed" to the user, denying the user's request or cancelling the user's
     * subscription: RFC 6121 §3.2.3, Appendix A.3.4. Ignored in "None", "None + Pending In" and "From". When "To"
     * ends the caller also delivers unavailable presence from the contact's resources (§3.2.3).
     */
    public Transition inboundUnsubscribed() {
        // A.3: the user's server "MUST NOT deliver the stanza to the user and MUST NOT change the subscription
        // state if the stanza does not result in a subscription state change from the user's perspective."
        if (!userSubscribed() && !pendingOut) {
            return stay(false);
        }
        return moveTo(of(withoutTo(subscription), false, pendingIn), true);
    }

    private boolean userSubscribed() {
        return subscription == Subscription.TO || subscription == Subscription.BOTH;
    }

    private boolean contactSubscribed() {
        return subscription == Subscription.FROM || subscription == Subscription.BOTH;
    }

    private Transition stay(boolean deliver) {
        return new Transition(this, false, deliver);
    }

    private Transition moveTo(SubscriptionState next, boolean deliver) {
        return new Transition(next, next != this, deliver);
    }

    private static Subscription withTo(Subscription s) {
        return s == Subscription.FROM || s == Subscription.BOTH ? Subscription.BOTH : Subscription.TO;
    }

    private static Subscription withoutTo(Subscription s) {
        return s == Subscription.FROM || s == Subscription.BOTH ? Subscription.FROM : Subscription.NONE;
    }

    private static Subscription withFrom(Subscription s) {
        return s == Subscription.TO || s == Subscription.BOTH ? Subscription.BOTH : Subscription.FROM;
    }

    private static Subscription withoutFrom(Subscription s) {
        return s == Subscription.TO || s == Subscription.BOTH ? Subscription.TO : Subscription.NONE;
    }
}
