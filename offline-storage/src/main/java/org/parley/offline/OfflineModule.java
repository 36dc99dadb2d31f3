package org.parley.offline;

import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.OfflineStorage;
import org.parley.xmpp.core.module.SessionListener;
import org.parley.xmpp.core.module.SessionView;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.StanzaRouter;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.xmpp.core.module.XmppModule;
import org.parley.xmpp.core.stream.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Offline message storage (XEP-0160): the router hands over chat and normal messages for users with no available
 * resource (RFC 6121 §8.5.2.2.1); they are kept in the recipient's queue, in order, and delivered with
 * {@code <delay/>} when the recipient next becomes available with a non-negative priority. While that delivery
 * runs, the router holds new messages for the user behind it ({@link #holdDelivery}), and a message handed over
 * for storage when the user is online again goes back to the router in its place, so the user sees everything in
 * the order the server accepted it. A client may instead count, read and remove its messages itself
 * before its initial presence (XEP-0013, {@link FlexibleOffline}). All work for one user runs in that user's queue.
 */
public final class OfflineModule implements XmppModule, OfflineStorage, SessionListener {
    /** The disco feature of offline storage (XEP-0160 §5). */
    public static final String FEATURE = "msgoffline";
    private static final String DELAY = "urn:xmpp:delay";
    /** How many stored messages are read and delivered at a time. */
    private static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(OfflineModule.class);

    private final OfflineStore store;
    private final int maxMessagesPerUser;
    private final Predicate<String> accountExists;
    private final UserQueues queues;
    /** Users whose stored messages are being delivered (or about to be): their new messages wait for it. */
    private final Set<String> delivering = ConcurrentHashMap.newKeySet();
    /** Per user: messages handed over for storage not yet stored, and messages held behind them (see holdDelivery). */
    private final Map<String, AtomicInteger> inQueue = new ConcurrentHashMap<>();
    private StanzaRouter router;
    private SessionView sessions;
    private String domain;
    private FlexibleOffline flexible;

    /**
     * @param store              where messages wait
     * @param maxMessagesPerUser the most messages kept per user (0: none)
     * @param accountExists      whether a local username has an account (blocking)
     * @param queues             the per-user queues
     */
    public OfflineModule(OfflineStore store, int maxMessagesPerUser, Predicate<String> accountExists, UserQueues queues) {
        this.store = store;
        this.maxMessagesPerUser = maxMessagesPerUser;
        this.accountExists = accountExists;
        this.queues = queues;
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public void start(ModuleContext context) {
        router = context.router();
        sessions = context.sessions();
        domain = context.domain();
        context.addFeature(FEATURE);
        // XEP-0013 §2.1: flexible retrieval, advertised by the server and served on the account's offline node.
        flexible = new FlexibleOffline(store, maxMessagesPerUser, queues, this::stanza, domain);
        context.addFeature(FlexibleOffline.NAMESPACE);
        context.register(flexible);
        context.addAccountDiscoNode(flexible);
        context.setOfflineStorage(this);
        context.addSessionListener(this);
    }

    /** RFC 6121 §8.5.2.2.1: "the server SHOULD store the message", in the recipient's queue (order kept). */
    @Override
    public CompletionStage<Outcome> store(Message message) {
        String user = message.getTo().getNode();
        Message copy = message.createCopy();
        AtomicInteger waiting = inQueue.computeIfAbsent(user, u -> new AtomicInteger());
        waiting.incrementAndGet();
        return queues.submit(user, () -> {
            try {
                return storeNow(user, copy);
            } finally {
                waiting.decrementAndGet();
            }
        });
    }

    private Outcome storeNow(String user, Message message) {
        // RFC 6121 §8.5.1: to an account that does not exist, "the server MUST return a <service-unavailable/>".
        if (!accountExists.test(user)) return refused(new StanzaErrorException(PacketError.Condition.service_unavailable));
        // The user came online after the router chose storage. If its stored messages are still to go out (that
        // delivery is queued behind this task), this one is stored too and goes out with them, in order; else it
        // goes back to the delivery rules now, in its place in the user's queue.
        if (!delivering.contains(user) && hasEligibleResource(message.getTo().asBareJID())) return new Outcome.Online();
        if (!Storable.isStorable(message)) {
            log.debug("Not kept for offline {} (no content worth keeping): {}", user, message.getID());
            return new Outcome.Taken();
        }
        if (maxMessagesPerUser == 0) return refused(new StanzaErrorException(PacketError.Condition.service_unavailable));
        if (store.count(user) >= maxMessagesPerUser) {
            // XEP-0160 §4: a full store refuses; <resource-constraint/> (type wait) tells the sender to retry later.
            return refused(new StanzaErrorException(PacketError.Condition.resource_constraint,
                    "the recipient's offline storage is full").withType(PacketError.Type.wait));
        }
        store.store(user, message.getFrom().toString(), Instant.now(), XmlWriter.toXml(message.getElement(), "jabber:client"));
        return new Outcome.Taken();
    }

    private static Outcome refused(StanzaErrorException error) {
        return new Outcome.Refused(error);
    }

    /** RFC 6121 §8.5.2.1.1: an available resource of non-negative priority takes messages to the bare JID. */
    private boolean hasEligibleResource(JID bareJid) {
        return sessions.resourcesOf(bareJid).stream().anyMatch(r -> r.available() && r.priority() >= 0);
    }

    /** XEP-0160 §3: at initial presence with a non-negative priority, the stored messages are delivered. */
    @Override
    public void available(JID fullJid, int priority) {
        // RFC 6121 §4.7.2.3 / §8.5.2.1.1: a negative priority takes no messages addressed to the bare JID.
        if (priority < 0 || fullJid.getNode() == null) return;
        // XEP-0013 §2.1: a client that retrieves its messages itself does not get them pushed.
        if (flexible.isFlexible(fullJid)) return;
        String user = fullJid.getNode();
        delivering.add(user);
        queues.run(user, () -> {
            try {
                deliver(user, fullJid);
            } finally {
                delivering.remove(user);
            }
        });
    }

    /**
     * While {@code username}'s stored messages are going out, or messages for the user are still queued for
     * storage or held, a new message waits in the user's queue behind them (run there, in order), so it cannot
     * overtake older ones.
     */
    @Override
    public boolean holdDelivery(String username, Runnable deliver) {
        AtomicInteger waiting = inQueue.computeIfAbsent(username, u -> new AtomicInteger());
        if (!delivering.contains(username) && waiting.get() == 0) return false;
        waiting.incrementAndGet();
        queues.run(username, () -> {
            try {
                deliver.run();
            } finally {
                waiting.decrementAndGet();
            }
        });
        return true;
    }

    private void deliver(String user, JID fullJid) {
        int delivered = 0;
        while (true) {
            List<OfflineMessage> batch = store.oldest(user, BATCH);
            if (batch.isEmpty()) break;
            List<Long> done = new ArrayList<>();
            for (OfflineMessage stored : batch) {
                // Stop (keeping the rest) if the resource went away meanwhile; the next login gets them.
                if (!stillBound(fullJid)) {
                    store.delete(user, done);
                    log.info("{} left during offline delivery; {} messages kept", fullJid, store.count(user));
                    return;
                }
                Optional<Message> message = parse(stored);
                message.ifPresent(m -> router.deliver(fullJid, m));
                done.add(stored.id());
            }
            store.delete(user, done);
            delivered += done.size();
        }
        if (delivered > 0) log.debug("Delivered {} offline messages to {}", delivered, fullJid);
    }

    private boolean stillBound(JID fullJid) {
        return sessions.resourcesOf(fullJid.asBareJID()).stream().anyMatch(r -> r.fullJid().equals(fullJid));
    }

    @Override
    public void unbound(JID fullJid) {
        flexible.forget(fullJid);
    }

    /** A stored message as XEP-0013 hands it out: with its node in {@code <offline><item/></offline>}. */
    private Message stanza(OfflineMessage stored, JID to) {
        Message message = parse(stored).orElseGet(Message::new);
        // Addressed to the requesting resource: to the bare JID it would be stored again (no available resource).
        message.setTo(to);
        message.getElement().addElement("offline", FlexibleOffline.NAMESPACE).addElement("item")
                .addAttribute("node", Long.toString(stored.id()));
        return message;
    }

    /** The stored message with XEP-0203 {@code <delay/>} from the server, stamped when it was stored. */
    private Optional<Message> parse(OfflineMessage stored) {
        try {
            Element element = SAXReader.createDefault().read(new StringReader(stored.stanzaXml())).getRootElement();
            element.detach();
            Message message = new Message(element, true);
            message.getElement().addElement("delay", DELAY).addAttribute("from", domain)
                    .addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(stored.storedAt()))
                    .setText("Offline Storage");
            return Optional.of(message);
        } catch (DocumentException e) {
            log.error("Unreadable offline message {} of {}; dropped", stored.id(), stored.sender(), e);
            return Optional.empty();
        }
    }
}
