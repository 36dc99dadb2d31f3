package org.parley.muc;

import org.dom4j.Element;
import org.parley.xmpp.core.module.StanzaRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends what a room says to its occupants (XEP-0045 §7.2.3 presence broadcast, §7.4 message reflection), addressed
 * to each occupant's real full JID, through the router (the recipient's interceptors, e.g. blocking, still apply):
 * presence differs per receiver (status 110, real JIDs by role), a groupchat message is one fan-out.
 *
 * <p>Each call returns once what it sent has passed its recipients' interceptors and was handed on, so that the room's
 * next stanza cannot overtake it at any recipient while an interceptor works off the room's thread (RFC 6120 §10.1:
 * one sender's stanzas stay in order). It waits on the room's virtual thread, never on an event loop, at most
 * {@link #ROUTED_WAIT}; then it logs and goes on.
 */
public final class Broadcast {
    /** How long a stanza may take to pass its recipients' interceptors before the room goes on. */
    static final Duration ROUTED_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Broadcast.class);

    private final StanzaRouter router;

    /** @param router routes what the room sends (each recipient's interceptors apply); fans groupchat out */
    public Broadcast(StanzaRouter router) {
        this.router = router;
    }

    /** Sends one stanza (its {@code from} and {@code to} set). */
    public void send(Packet stanza) {
        awaitRouted(router.route(stanza), stanza.getFrom());
    }

    /**
     * The presence of {@code subject} to every occupant (and to {@code subject} itself with status 110).
     *
     * @param type     null (available) or unavailable
     * @param statuses status codes for everyone
     * @param item     adds to each {@code <item/>} (actor, reason, nick) or null
     * @param x        adds to each {@code <x/>} (e.g. {@code <destroy/>}) or null
     */
    public void presence(Room room, Occupant subject, Presence.Type type, List<Integer> statuses,
                         Consumer<Element> item, Consumer<Element> x) {
        presence(room, subject, type, statuses, item, x, new int[0]);
    }

    /**
     * As {@link #presence(Room, Occupant, Presence.Type, List, Consumer, Consumer)}, with status codes that only
     * {@code subject}'s own sessions get (e.g. 210, XEP-0045 §7.6).
     */
    public void presence(Room room, Occupant subject, Presence.Type type, List<Integer> statuses,
                         Consumer<Element> item, Consumer<Element> x, int... selfStatuses) {
        List<Occupant> receivers = new ArrayList<>(room.occupants());
        if (receivers.stream().noneMatch(o -> o.realJid().equals(subject.realJid()))) receivers.add(subject);
        for (Occupant receiver : receivers) {
            boolean self = receiver.realJid().equals(subject.realJid());
            List<Integer> codes = new ArrayList<>();
            if (self) codes.add(110);
            codes.addAll(statuses);
            if (self) for (int code : selfStatuses) codes.add(code);
            Presence p = MucStanzas.occupantPresence(room, subject, self ? subject : receiver, type, codes);
            if (item != null) item.accept(MucStanzas.item(p));
            if (x != null) x.accept(p.getChildElement("x", MucNamespaces.USER));
            send(p);
        }
    }

    /**
     * Removes every session in {@code sessions} (one nick) and tells everyone once, each removed session with 110.
     *
     * @param gone the sessions as they leave (their role none, affiliation as it now is)
     */
    public void removed(Room room, List<Occupant> gone, List<Integer> statuses, Consumer<Element> item) {
        if (gone.isEmpty()) return;
        gone.forEach(o -> room.removeSession(o.realJid()));
        presence(room, gone.get(0), Presence.Type.unavailable, statuses, item, null);
        for (Occupant other : gone.subList(1, gone.size())) {
            List<Integer> codes = new ArrayList<>(List.of(110));
            codes.addAll(statuses);
            Presence p = MucStanzas.occupantPresence(room, other, other, Presence.Type.unavailable, codes);
            if (item != null) item.accept(MucStanzas.item(p));
            send(p);
        }
    }

    /**
     * A groupchat message (from the room or an occupant JID, no {@code to}) to every occupant: one fan-out through
     * the router, which serialises it once for all of them ({@link StanzaRouter#fanOut}).
     */
    public void message(Room room, Message message) {
        awaitRouted(router.fanOut(message, room.occupants().stream().map(Occupant::realJid).toList()), room.jid());
    }

    private static void awaitRouted(CompletionStage<Void> routed, JID from) {
        try {
            routed.toCompletableFuture().get(ROUTED_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("A stanza from {} was not routed within {}; going on", from, ROUTED_WAIT);
        } catch (ExecutionException e) {
            log.warn("Routing a stanza from {} failed", from, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
