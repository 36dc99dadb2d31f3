package org.parley.presence.lastactivity;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.presence.PresenceFixture;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.SubscriptionState;
import org.parley.presence.store.LastActivityStore.LastActivity;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.presence.Stanzas.assertStanzaError;
import static org.parley.presence.Stanzas.iq;

/** Last Activity (XEP-0012): server uptime (§5) and an account's last logout (§4). */
class LastActivityHandlerTest {
    private static final JID ROMEO = new JID("romeo@example.net");

    private PresenceFixture fixture;
    private LastActivityHandler handler;
    private Instant created;
    private final RecordingOutbox outbox = new RecordingOutbox();

    @BeforeEach
    void setUp() {
        fixture = new PresenceFixture();
        fixture.accounts("juliet");
        created = Instant.now();
        handler = new LastActivityHandler(fixture.rosters, fixture.lastActivity, fixture.tracker);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theServerAnswersWithItsUptime() throws Exception {
        Element query = query(iq("""
                <iq from='romeo@example.net/orchard' to='example.com' type='get' id='last2'>
                  <query xmlns='jabber:iq:last'/>
                </iq>"""));

        long upperBound = Duration.between(created, Instant.now()).toSeconds() + 1;
        assertThat(Long.parseLong(query.attributeValue("seconds"))).isBetween(0L, upperBound);
        assertThat(query.getText()).isEmpty();
    }

    @Test
    void aUserMayAskForItsOwnLastActivity() throws Exception {
        fixture.lastActivity.save("juliet", new LastActivity(Instant.now().minusSeconds(600), "Gone to Mantua"));

        Element query = query(iq("""
                <iq from='juliet@example.com/balcony' type='get' id='last1'><query xmlns='jabber:iq:last'/></iq>"""));

        assertThat(Long.parseLong(query.attributeValue("seconds"))).isBetween(600L, 605L);
        assertThat(query.getText()).isEqualTo("Gone to Mantua");
    }

    @Test
    void aSubscriberGetsTheSecondsSinceTheLastLogoutAndTheLastStatus() throws Exception {
        fixture.rosters.save("juliet", RosterItem.of(ROMEO, null, List.of()).withState(SubscriptionState.FROM));
        fixture.lastActivity.save("juliet", new LastActivity(Instant.now().minusSeconds(903), "Heading home"));

        Element query = query(lastOfJulietFrom("romeo@example.net/orchard"));

        assertThat(Long.parseLong(query.attributeValue("seconds"))).isBetween(903L, 908L);
        assertThat(query.getText()).isEqualTo("Heading home");
    }

    @Test
    void anEntityNotSubscribedToTheUserIsForbidden() {
        // Juliet is subscribed to Romeo ('to'), not Romeo to Juliet: he may not learn when she left.
        fixture.rosters.save("juliet", RosterItem.of(ROMEO, null, List.of()).withState(SubscriptionState.TO));
        fixture.lastActivity.save("juliet", new LastActivity(Instant.now().minusSeconds(903), "Heading home"));

        assertStanzaError(() -> handler.handle(lastOfJulietFrom("romeo@example.net/orchard"), outbox), "forbidden");
        assertStanzaError(() -> handler.handle(lastOfJulietFrom("tybalt@example.com/street"), outbox), "forbidden");
    }

    @Test
    void aUserWithAnAvailableResourceWasActiveZeroSecondsAgo() throws Exception {
        fixture.rosters.save("juliet", RosterItem.of(ROMEO, null, List.of()).withState(SubscriptionState.BOTH));
        fixture.lastActivity.save("juliet", new LastActivity(Instant.now().minusSeconds(903), "Heading home"));
        fixture.tracker.available(new JID("juliet@example.com/balcony"), new Presence());

        Element query = query(lastOfJulietFrom("romeo@example.net/orchard"));

        assertThat(query.attributeValue("seconds")).isEqualTo("0");
        assertThat(query.getText()).isEmpty();
    }

    @Test
    void aUserWhoNeverLoggedOutHasNoLastActivity() {
        fixture.rosters.save("juliet", RosterItem.of(ROMEO, null, List.of()).withState(SubscriptionState.BOTH));

        assertStanzaError(() -> handler.handle(lastOfJulietFrom("romeo@example.net/orchard"), outbox),
                "service-unavailable");
    }

    private Element query(IQ request) throws Exception {
        IQ result = handler.handle(request, outbox);
        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(result.getID()).isEqualTo(request.getID());
        assertThat(outbox.sent()).isEmpty();
        return result.getChildElement();
    }

    private static IQ lastOfJulietFrom(String from) {
        return iq("<iq from='" + from + "' to='juliet@example.com' type='get' id='last1'>"
                + "<query xmlns='jabber:iq:last'/></iq>");
    }
}
