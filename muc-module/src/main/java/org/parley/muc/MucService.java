package org.parley.muc;

import org.dom4j.Element;
import org.parley.archive.ArchiveModule;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.ServiceHandler;
import org.parley.xmpp.core.module.SessionListener;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.StanzaRouter;
import org.parley.xmpp.core.module.UserQueues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The MUC service (XEP-0045 §4-§10) behind its hosted domain: takes every stanza to the service, a room or an
 * occupant, and runs it in the room's serial queue (keyed by the room's bare JID) on a virtual thread, never on the
 * event loop that delivered it. Stanzas to the service domain itself run in the service's own queue.
 */
public final class MucService implements ServiceHandler, SessionListener {
    private static final Logger log = LoggerFactory.getLogger(MucService.class);

    private final Rooms rooms;
    private final UserQueues queues;
    private final Broadcast broadcast;
    private final OccupantPresenceHandler presences;
    private final RoomMessageHandler messages;
    private final RoomAdminHandler admin;
    private final RoomOwnerHandler owner;
    private final MucDisco disco;
    private final RoomRegistrationHandler registration;
    private final IqRelay relay;
    private final RoomArchiveHandler archive;
    private final ModerationHandler moderation;

    /**
     * @param rooms    the service's rooms
     * @param policies the rules applied (usually {@link Policies#standard()})
     * @param router   routes what rooms send
     * @param queues   one serial queue per room (keyed by its bare JID) and one for the service domain
     * @param clock    the time for history and delays
     */
    public MucService(Rooms rooms, Policies policies, StanzaRouter router, UserQueues queues, Clock clock) {
        this.rooms = rooms;
        this.queues = queues;
        this.broadcast = new Broadcast(router);
        RoomLog log = new RoomLog(rooms, clock);
        this.presences = new OccupantPresenceHandler(rooms, policies, broadcast, clock);
        this.admin = new RoomAdminHandler(rooms, policies, broadcast);
        this.messages = new RoomMessageHandler(rooms, policies, broadcast, log, new VoiceRequests(broadcast, admin));
        this.archive = new RoomArchiveHandler(rooms);
        this.moderation = new ModerationHandler(rooms, log, broadcast);
        this.owner = new RoomOwnerHandler(rooms, broadcast, admin);
        this.disco = new MucDisco(rooms);
        this.registration = new RoomRegistrationHandler(rooms, policies);
        this.relay = new IqRelay(clock);
    }

    /** The service's rooms. */
    public Rooms rooms() {
        return rooms;
    }

    @Override
    public void handle(Packet stanza) {
        JID to = stanza.getTo();
        String queue = to.getNode() == null ? to.getDomain() : to.toBareJID();
        queues.run(queue, () -> process(stanza));
    }

    /** Handles {@code stanza} in its queue (blocking allowed); public for tests that run it in place. */
    public void process(Packet stanza) {
        try {
            if (stanza.getTo().getNode() == null) {
                toService(stanza);
            } else if (stanza instanceof Presence p) {
                presences.handle(p);
            } else if (stanza instanceof Message m) {
                messages.handle(m, presences);
            } else if (stanza instanceof IQ iq) {
                toRoom(iq);
            }
        } catch (RuntimeException e) {
            log.error("MUC failed on {}", stanza.toXML(), e);
            if (!MucStanzas.isError(stanza)) {
                broadcast.send(MucStanzas.error(stanza, new StanzaErrorException(PacketError.Condition.internal_server_error)));
            }
        }
    }

    /** XEP-0045 §6.1-§6.3: disco of the service; nothing else is served at the domain itself. */
    private void toService(Packet stanza) {
        if (!(stanza instanceof IQ iq) || !iq.isRequest()) return;
        answer(iq, outbox -> {
            String ns = iq.getChildElement() == null ? "" : iq.getChildElement().getNamespaceURI();
            if (iq.getType() == IQ.Type.get && MucDisco.DISCO_INFO.equals(ns)) return disco.serviceInfo(iq);
            if (iq.getType() == IQ.Type.get && MucDisco.DISCO_ITEMS.equals(ns)) return disco.serviceItems(iq);
            if (iq.getType() == IQ.Type.get && MucNamespaces.PING.equals(ns)) return IQ.createResultIQ(iq);
            throw new StanzaErrorException(PacketError.Condition.service_unavailable);
        });
    }

    private void toRoom(IQ iq) {
        if (!iq.isRequest()) {
            if (iq.getTo().getResource() != null) relay.back(iq).ifPresent(broadcast::send);
            return;
        }
        answer(iq, outbox -> {
            Element child = iq.getChildElement();
            String ns = child == null ? "" : child.getNamespaceURI();
            if (iq.getTo().getResource() != null) return toOccupant(iq, ns);
            Room room = rooms.get(iq.getTo().getNode())
                    .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.item_not_found, "no such room"));
            boolean get = iq.getType() == IQ.Type.get;
            if (get && MucDisco.DISCO_INFO.equals(ns)) return disco.roomInfo(room, iq);
            if (get && MucDisco.DISCO_ITEMS.equals(ns)) return disco.roomItems(room, iq);
            if (MucNamespaces.ADMIN.equals(ns)) return admin.handle(room, iq);
            if (MucNamespaces.OWNER.equals(ns)) return owner.handle(room, iq);
            if (RoomRegistrationHandler.REGISTER.equals(ns)) return registration.handle(room, iq);
            if (ArchiveModule.NAMESPACE.equals(ns)) return archive.handle(room, iq, outbox);
            if (RoomLog.MODERATE.equals(ns) || ModerationHandler.FASTEN.equals(ns)) return moderation.handle(room, iq);
            if (get && MucNamespaces.PING.equals(ns)) return IQ.createResultIQ(iq);
            throw new StanzaErrorException(PacketError.Condition.service_unavailable);
        });
    }

    /**
     * An IQ to an occupant JID: XEP-0410 §3, a client pinging its own occupant JID learns whether it is still joined;
     * any other request from an occupant is relayed to the target occupant ({@link IqRelay}).
     */
    private IQ toOccupant(IQ iq, String ns) throws StanzaErrorException {
        Room room = rooms.get(iq.getTo().getNode())
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.not_acceptable, "no such room"));
        Occupant sender = room.byRealJid(iq.getFrom()).orElse(null);
        if (sender == null) {
            // §6.6: "If a non-occupant attempts to send a disco request to an address of the form room@service/nick,
            // a MUC service MUST return a <bad-request/> error"; XEP-0410 §3: a ping by a non-occupant gets
            // <not-acceptable/>.
            boolean disco = MucDisco.DISCO_INFO.equals(ns) || MucDisco.DISCO_ITEMS.equals(ns);
            throw new StanzaErrorException(disco ? PacketError.Condition.bad_request : PacketError.Condition.not_acceptable,
                    "you are not in this room");
        }
        if (iq.getType() == IQ.Type.get && MucNamespaces.PING.equals(ns) && sender.nick().equals(iq.getTo().getResource())) {
            return IQ.createResultIQ(iq);
        }
        Occupant target = room.byNick(iq.getTo().getResource())
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.item_not_found, "no such occupant"));
        broadcast.send(relay.forward(room, iq, sender, target));
        return null; // the answer comes from the target, through the relay
    }

    private interface IqWork {
        IQ run(Outbox outbox) throws StanzaErrorException;
    }

    /**
     * Runs {@code work} and sends its reply or error; what it sends through the outbox (e.g. archive results) goes
     * out before the reply, in order, and its after-reply actions run once the reply was sent (not after an error).
     */
    private void answer(IQ request, IqWork work) {
        List<Runnable> after = new ArrayList<>();
        Outbox outbox = new Outbox() {
            @Override
            public void send(Packet stanza) {
                broadcast.send(stanza);
            }

            @Override
            public void afterReply(Runnable action) {
                after.add(action);
            }
        };
        try {
            IQ reply = work.run(outbox);
            if (reply != null) broadcast.send(reply);
            after.forEach(Runnable::run);
        } catch (StanzaErrorException e) {
            broadcast.send(MucStanzas.error(request, e));
        }
    }

    /** A client's session ended: it leaves every room it was in (presence may never come). */
    @Override
    public void unbound(JID fullJid) {
        for (JID roomJid : rooms.roomsOf(fullJid)) {
            queues.run(roomJid.toBareJID(), () -> rooms.get(roomJid.getNode())
                    .ifPresent(room -> presences.sessionEnded(room, fullJid)));
        }
    }
}
