package org.parley.presence.roster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.parley.presence.roster.SubscriptionState.*;

/** RFC 6121 Appendix A, row by row: nine states × eight stanzas. */
class SubscriptionStateTest {

    enum Stanza {
        OUTBOUND_SUBSCRIBE("A.2.1 outbound subscribe", SubscriptionState::outboundSubscribe),
        OUTBOUND_UNSUBSCRIBE("A.2.2 outbound unsubscribe", SubscriptionState::outboundUnsubscribe),
        OUTBOUND_SUBSCRIBED("A.2.3 outbound subscribed", SubscriptionState::outboundSubscribed),
        OUTBOUND_UNSUBSCRIBED("A.2.4 outbound unsubscribed", SubscriptionState::outboundUnsubscribed),
        INBOUND_SUBSCRIBE("A.3.1 inbound subscribe", SubscriptionState::inboundSubscribe),
        INBOUND_UNSUBSCRIBE("A.3.2 inbound unsubscribe", SubscriptionState::inboundUnsubscribe),
        INBOUND_SUBSCRIBED("A.3.3 inbound subscribed", SubscriptionState::inboundSubscribed),
        INBOUND_UNSUBSCRIBED("A.3.4 inbound unsubscribed", SubscriptionState::inboundUnsubscribed);

        final String table;
        final Function<SubscriptionState, SubscriptionState.Transition> apply;

        Stanza(String table, Function<SubscriptionState, SubscriptionState.Transition> apply) {
            this.table = table;
            this.apply = apply;
        }

        boolean outbound() {
            return name().startsWith("OUTBOUND");
        }
    }

    private static final Map<SubscriptionState, String> RFC_NAME = Map.of(
            NONE, "\"None\"",
            NONE_PENDING_OUT, "\"None + Pending Out\"",
            NONE_PENDING_IN, "\"None + Pending In\"",
            NONE_PENDING_OUT_IN, "\"None + Pending Out/In\"",
            TO, "\"To\"",
            TO_PENDING_IN, "\"To + Pending In\"",
            FROM, "\"From\"",
            FROM_PENDING_OUT, "\"From + Pending Out\"",
            BOTH, "\"Both\"");

    private static final boolean YES = true;
    private static final boolean NO = false;

    /** Existing state, stanza, new state ("no state change" = the same state), route/deliver. */
    static Stream<Arguments> appendixA() {
        return Stream.of(
                // A.2.1 Subscribe (outbound): always routed
                row(NONE, Stanza.OUTBOUND_SUBSCRIBE, NONE_PENDING_OUT, YES),
                row(NONE_PENDING_OUT, Stanza.OUTBOUND_SUBSCRIBE, NONE_PENDING_OUT, YES),
                row(NONE_PENDING_IN, Stanza.OUTBOUND_SUBSCRIBE, NONE_PENDING_OUT_IN, YES),
                row(NONE_PENDING_OUT_IN, Stanza.OUTBOUND_SUBSCRIBE, NONE_PENDING_OUT_IN, YES),
                row(TO, Stanza.OUTBOUND_SUBSCRIBE, TO, YES),
                row(TO_PENDING_IN, Stanza.OUTBOUND_SUBSCRIBE, TO_PENDING_IN, YES),
                row(FROM, Stanza.OUTBOUND_SUBSCRIBE, FROM_PENDING_OUT, YES),
                row(FROM_PENDING_OUT, Stanza.OUTBOUND_SUBSCRIBE, FROM_PENDING_OUT, YES),
                row(BOTH, Stanza.OUTBOUND_SUBSCRIBE, BOTH, YES),
                // A.2.2 Unsubscribe (outbound): always routed
                row(NONE, Stanza.OUTBOUND_UNSUBSCRIBE, NONE, YES),
                row(NONE_PENDING_OUT, Stanza.OUTBOUND_UNSUBSCRIBE, NONE, YES),
                row(NONE_PENDING_IN, Stanza.OUTBOUND_UNSUBSCRIBE, NONE_PENDING_IN, YES),
                row(NONE_PENDING_OUT_IN, Stanza.OUTBOUND_UNSUBSCRIBE, NONE_PENDING_IN, YES),
                row(TO, Stanza.OUTBOUND_UNSUBSCRIBE, NONE, YES),
                row(TO_PENDING_IN, Stanza.OUTBOUND_UNSUBSCRIBE, NONE_PENDING_IN, YES),
                row(FROM, Stanza.OUTBOUND_UNSUBSCRIBE, FROM, YES),
                row(FROM_PENDING_OUT, Stanza.OUTBOUND_UNSUBSCRIBE, FROM, YES),
                row(BOTH, Stanza.OUTBOUND_UNSUBSCRIBE, FROM, YES),
                // A.2.3 Subscribed (outbound)
                row(NONE, Stanza.OUTBOUND_SUBSCRIBED, NONE, NO),
                row(NONE_PENDING_OUT, Stanza.OUTBOUND_SUBSCRIBED, NONE_PENDING_OUT, NO),
                row(NONE_PENDING_IN, Stanza.OUTBOUND_SUBSCRIBED, FROM, YES),
                row(NONE_PENDING_OUT_IN, Stanza.OUTBOUND_SUBSCRIBED, FROM_PENDING_OUT, YES),
                row(TO, Stanza.OUTBOUND_SUBSCRIBED, TO, NO),
                row(TO_PENDING_IN, Stanza.OUTBOUND_SUBSCRIBED, BOTH, YES),
                row(FROM, Stanza.OUTBOUND_SUBSCRIBED, FROM, NO),
                row(FROM_PENDING_OUT, Stanza.OUTBOUND_SUBSCRIBED, FROM_PENDING_OUT, NO),
                row(BOTH, Stanza.OUTBOUND_SUBSCRIBED, BOTH, NO),
                // A.2.4 Unsubscribed (outbound)
                row(NONE, Stanza.OUTBOUND_UNSUBSCRIBED, NONE, NO),
                row(NONE_PENDING_OUT, Stanza.OUTBOUND_UNSUBSCRIBED, NONE_PENDING_OUT, NO),
                row(NONE_PENDING_IN, Stanza.OUTBOUND_UNSUBSCRIBED, NONE, YES),
                row(NONE_PENDING_OUT_IN, Stanza.OUTBOUND_UNSUBSCRIBED, NONE_PENDING_OUT, YES),
                row(TO, Stanza.OUTBOUND_UNSUBSCRIBED, TO, NO),
                row(TO_PENDING_IN, Stanza.OUTBOUND_UNSUBSCRIBED, TO, YES),
                row(FROM, Stanza.OUTBOUND_UNSUBSCRIBED, NONE, YES),
                row(FROM_PENDING_OUT, Stanza.OUTBOUND_UNSUBSCRIBED, NONE_PENDING_OUT, YES),
                row(BOTH, Stanza.OUTBOUND_UNSUBSCRIBED, TO, YES),
                // A.3.1 Subscribe (inbound); the three "From" rows are the auto-reply rows
                row(NONE, Stanza.INBOUND_SUBSCRIBE, NONE_PENDING_IN, YES),
                row(NONE_PENDING_OUT, Stanza.INBOUND_SUBSCRIBE, NONE_PENDING_OUT_IN, YES),
                row(NONE_PENDING_IN, Stanza.INBOUND_SUBSCRIBE, NONE_PENDING_IN, NO),
                row(NONE_PENDING_OUT_IN, Stanza.INBOUND_SUBSCRIBE, NONE_PENDING_OUT_IN, NO),
                row(TO, Stanza.INBOUND_SUBSCRIBE, TO_PENDING_IN, YES),
                row(TO_PENDING_IN, Stanza.INBOUND_SUBSCRIBE, TO_PENDING_IN, NO),
                row(FROM, Stanza.INBOUND_SUBSCRIBE, FROM, NO),
                row(FROM_PENDING_OUT, Stanza.INBOUND_SUBSCRIBE, FROM_PENDING_OUT, NO),
                row(BOTH, Stanza.INBOUND_SUBSCRIBE, BOTH, NO),
                // A.3.2 Unsubscribe (inbound)
                row(NONE, Stanza.INBOUND_UNSUBSCRIBE, NONE, NO),
                row(NONE_PENDING_OUT, Stanza.INBOUND_UNSUBSCRIBE, NONE_PENDING_OUT, NO),
                row(NONE_PENDING_IN, Stanza.INBOUND_UNSUBSCRIBE, NONE, YES),
                row(NONE_PENDING_OUT_IN, Stanza.INBOUND_UNSUBSCRIBE, NONE_PENDING_OUT, YES),
                row(TO, Stanza.INBOUND_UNSUBSCRIBE, TO, NO),
                row(TO_PENDING_IN, Stanza.INBOUND_UNSUBSCRIBE, TO, YES),
                row(FROM, Stanza.INBOUND_UNSUBSCRIBE, NONE, YES),
                row(FROM_PENDING_OUT, Stanza.INBOUND_UNSUBSCRIBE, NONE_PENDING_OUT, YES),
                row(BOTH, Stanza.INBOUND_UNSUBSCRIBE, TO, YES),
                // A.3.3 Subscribed (inbound)
                row(NONE, Stanza.INBOUND_SUBSCRIBED, NONE, NO),
                row(NONE_PENDING_OUT, Stanza.INBOUND_SUBSCRIBED, TO, YES),
                row(NONE_PENDING_IN, Stanza.INBOUND_SUBSCRIBED, NONE_PENDING_IN, NO),
                row(NONE_PENDING_OUT_IN, Stanza.INBOUND_SUBSCRIBED, TO_PENDING_IN, YES),
                row(TO, Stanza.INBOUND_SUBSCRIBED, TO, NO),
                row(TO_PENDING_IN, Stanza.INBOUND_SUBSCRIBED, TO_PENDING_IN, NO),
                row(FROM, Stanza.INBOUND_SUBSCRIBED, FROM, NO),
                row(FROM_PENDING_OUT, Stanza.INBOUND_SUBSCRIBED, BOTH, YES),
                row(BOTH, Stanza.INBOUND_SUBSCRIBED, BOTH, NO),
                // A.3.4 Unsubscribed (inbound)
                row(NONE, Stanza.INBOUND_UNSUBSCRIBED, NONE, NO),
                row(NONE_PENDING_OUT, Stanza.INBOUND_UNSUBSCRIBED, NONE, YES),
                row(NONE_PENDING_IN, Stanza.INBOUND_UNSUBSCRIBED, NONE_PENDING_IN, NO),
                row(NONE_PENDING_OUT_IN, Stanza.INBOUND_UNSUBSCRIBED, NONE_PENDING_IN, YES),
                row(TO, Stanza.INBOUND_UNSUBSCRIBED, NONE, YES),
                row(TO_PENDING_IN, Stanza.INBOUND_UNSUBSCRIBED, NONE_PENDING_IN, YES),
                row(FROM, Stanza.INBOUND_UNSUBSCRIBED, FROM, NO),
                row(FROM_PENDING_OUT, Stanza.INBOUND_UNSUBSCRIBED, FROM, YES),
                row(BOTH, Stanza.INBOUND_UNSUBSCRIBED, FROM, YES));
    }

    private static Arguments row(SubscriptionState existing, Stanza stanza, SubscriptionState next, boolean deliver) {
        String newState = next == existing ? "no state change" : RFC_NAME.get(next);
        String column = stanza.outbound() ? "route? " : "deliver? ";
        String name = stanza.table + ": " + RFC_NAME.get(existing) + " | " + column + (deliver ? "yes" : "no")
                + " | " + newState;
        return argumentSet(name, existing, stanza, next, deliver);
    }

    @ParameterizedTest
    @MethodSource("appendixA")
    void eachStanzaInEachStateFollowsItsAppendixARow(SubscriptionState existing, Stanza stanza,
                                                     SubscriptionState next, boolean deliver) {
        SubscriptionState.Transition transition = stanza.apply.apply(existing);

        assertThat(transition.next()).isEqualTo(next);
        assertThat(transition.deliver()).isEqualTo(deliver);
        assertThat(transition.stateChanged()).isEqualTo(next != existing);
    }

    @Test
    void theTableCoversEveryStateWithEveryStanzaOnce() {
        Set<String> cells = appendixA()
                .map(a -> a.get()[0] + "/" + a.get()[1])
                .collect(Collectors.toSet());

        assertThat(appendixA()).hasSize(72);
        assertThat(cells).hasSize(SubscriptionState.values().length * Stanza.values().length);
    }

    @Test
    void outboundSubscribeAndUnsubscribeMustWithoutExceptionBeRouted() {
        for (SubscriptionState state : SubscriptionState.values()) {
            assertThat(state.outboundSubscribe().deliver()).as("subscribe from %s", state).isTrue();
            assertThat(state.outboundUnsubscribe().deliver()).as("unsubscribe from %s", state).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(SubscriptionState.class)
    void ofAndTheAccessorsRoundTrip(SubscriptionState state) {
        assertThat(SubscriptionState.of(state.subscription(), state.pendingOut(), state.pendingIn())).isSameAs(state);
    }

    @Test
    void theAccessorsMatchAppendixA1() {
        assertThat(NONE_PENDING_OUT_IN.subscription()).isEqualTo(Subscription.NONE);
        assertThat(NONE_PENDING_OUT_IN.pendingOut()).isTrue();
        assertThat(NONE_PENDING_OUT_IN.pendingIn()).isTrue();
        assertThat(TO_PENDING_IN.subscription()).isEqualTo(Subscription.TO);
        assertThat(TO_PENDING_IN.pendingOut()).isFalse();
        assertThat(TO_PENDING_IN.pendingIn()).isTrue();
        assertThat(FROM_PENDING_OUT.subscription()).isEqualTo(Subscription.FROM);
        assertThat(FROM_PENDING_OUT.pendingOut()).isTrue();
        assertThat(FROM_PENDING_OUT.pendingIn()).isFalse();
        assertThat(BOTH.subscription()).isEqualTo(Subscription.BOTH);
        assertThat(BOTH.pendingOut()).isFalse();
        assertThat(BOTH.pendingIn()).isFalse();
    }

    /** Already subscribed to means nothing to ask for; already subscribed from means nothing to be asked. */
    static Stream<Arguments> combinationsThatAreNoState() {
        return Stream.of(
                argumentSet("'to' + pending out", Subscription.TO, true, false),
                argumentSet("'to' + pending out/in", Subscription.TO, true, true),
                argumentSet("'from' + pending in", Subscription.FROM, false, true),
                argumentSet("'from' + pending out/in", Subscription.FROM, true, true),
                argumentSet("'both' + pending out", Subscription.BOTH, true, false),
                argumentSet("'both' + pending in", Subscription.BOTH, false, true),
                argumentSet("'both' + pending out/in", Subscription.BOTH, true, true));
    }

    @ParameterizedTest
    @MethodSource("combinationsThatAreNoState")
    void ofRejectsACombinationThatIsNoneOfTheNine(Subscription subscription, boolean pendingOut, boolean pendingIn) {
        assertThatThrownBy(() -> SubscriptionState.of(subscription, pendingOut, pendingIn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Appendix A.1");
    }

    @Test
    void theNineAndTheSevenRejectedAreAllSixteenCombinations() {
        Set<SubscriptionState> seen = EnumSet.noneOf(SubscriptionState.class);
        int rejected = 0;
        for (Subscription subscription : Subscription.values()) {
            for (boolean out : new boolean[] {false, true}) {
                for (boolean in : new boolean[] {false, true}) {
                    try {
                        seen.add(SubscriptionState.of(subscription, out, in));
                    } catch (IllegalArgumentException e) {
                        rejected++;
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(SubscriptionState.values());
        assertThat(rejected).isEqualTo(7);
    }
}
