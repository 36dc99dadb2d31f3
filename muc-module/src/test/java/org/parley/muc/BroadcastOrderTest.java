package org.parley.muc;

import org.parley.xmpp.core.module.testing.QuietRouter;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * RFC 6120 §10.1 for a room as the sender: what the room sent (a groupchat message's fan-out, a presence) has passed
 * its recipients' interceptors before the room sends its next stanza, so an interceptor that answers late for one
 * occupant cannot let the next stanza overtake the one before.
 */
class BroadcastOrderTest {
    @Test
    void theNextGroupchatMessageWaitsUntilEveryCopyOfThePreviousOneWasRouted() {
        MucFixture fixture = new MucFixture();
        fixture.createInstant("crone", "firstwitch");
        fixture.join("hag", "thirdwitch");
        Room room = fixture.rooms.get(MucFixture.ROOM.getNode()).orElseThrow();
        CompletableFuture<Void> firstRouted = new CompletableFuture<>();
        List<String> fannedOut = new CopyOnWriteArrayList<>();
        Broadcast broadcast = new Broadcast(new FanOutRecorder(fannedOut, firstRouted));

        // The room's queue: one message after the other, on a virtual thread.
        Thread.ofVirtual().start(() -> {
            broadcast.message(room, groupchat("first"));
            broadcast.message(room, groupchat("second"));
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> fannedOut.equals(List.of("first")));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> fannedOut.size() == 1);
        firstRouted.complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> fannedOut.equals(List.of("first", "second")));
    }

    @Test
    void aGroupchatMessageWaitsUntilThePresenceTheRoomSentBeforeItWasRouted() {
        MucFixture fixture = new MucFixture();
        fixture.createInstant("crone", "firstwitch");
        Room room = fixture.rooms.get(MucFixture.ROOM.getNode()).orElseThrow();
        CompletableFuture<Void> presenceRouted = new CompletableFuture<>();
        List<String> sent = new CopyOnWriteArrayList<>();
        Broadcast broadcast = new Broadcast(new FanOutRecorder(sent, CompletableFuture.completedFuture(null)) {
            @Override
            public CompletionStage<Void> route(Packet stanza) {
                sent.add("presence");
                return presenceRouted;
            }
        });
        Presence presence = new Presence();
        presence.setFrom(MucFixture.occupant("firstwitch"));
        presence.setTo(MucFixture.user("hag"));

        Thread.ofVirtual().start(() -> {
            broadcast.send(presence);
            broadcast.message(room, groupchat("after the presence"));
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> sent.equals(List.of("presence")));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        presenceRouted.complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.equals(List.of("presence", "after the presence")));
    }

    private static Message groupchat(String body) {
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(MucFixture.occupant("thirdwitch"));
        m.setBody(body);
        return m;
    }

    /** Records the bodies fanned out; the first fan-out completes when the test says so. */
    private static class FanOutRecorder extends QuietRouter {
        private final List<String> bodies;
        private final CompletableFuture<Void> first;

        FanOutRecorder(List<String> bodies, CompletableFuture<Void> first) {
            this.bodies = bodies;
            this.first = first;
        }

        @Override
        public CompletionStage<Void> fanOut(Packet stanza, Collection<JID> recipients) {
            bodies.add(((Message) stanza).getBody());
            return bodies.size() == 1 ? first : CompletableFuture.completedFuture(null);
        }
    }
}
