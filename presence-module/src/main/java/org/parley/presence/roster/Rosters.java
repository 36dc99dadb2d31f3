package org.parley.presence.roster;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.dom4j.Element;
import org.parley.presence.store.RosterStore;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rosters read through a Caffeine cache and written through to the {@link RosterStore} (the cache is updated on
 * every write). Blocking on a cache miss: call from the user's queue. Also builds roster items and pushes
 * (RFC 6121 §2.1).
 */
public final class Rosters {
    /** The roster namespace (RFC 6121 §2). */
    public static final String NAMESPACE = "jabber:iq:roster";

    private final RosterStore store;
    private final LoadingCache<String, Map<JID, RosterItem>> cache;
    private final AtomicLong pushIds = new AtomicLong();

    /** @param store where rosters live */
    public Rosters(RosterStore store) {
        this.store = store;
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(30))
                .build(user -> {
                    Map<JID, RosterItem> items = new ConcurrentHashMap<>();
                    store.items(user).forEach(i -> items.put(i.jid(), i));
                    return items;
                });
    }

    /** The store behind the cache. */
    public RosterStore store() {
        return store;
    }

    /** All items (visible and hidden) of the user. */
    public List<RosterItem> items(String username) {
        return List.copyOf(cache.get(username).values());
    }

    /** The item for a contact's bare JID. */
    public Optional<RosterItem> item(String username, JID contact) {
        return Optional.ofNullable(cache.get(username).get(contact.asBareJID()));
    }

    /** Saves {@code item} with the next roster version; returns it as stored. */
    public RosterItem save(String username, RosterItem item) {
        RosterItem stored = store.save(username, item);
        cache.get(username).put(stored.jid(), stored);
        return stored;
    }

    /** Removes the contact's item; returns the new roster version, or empty if there was none. */
    public Optional<Long> remove(String username, JID contact) {
        Optional<Long> version = store.remove(username, contact.asBareJID());
        cache.get(username).remove(contact.asBareJID());
        return version;
    }

    /** Forgets the cached roster of a removed account. */
    public void forget(String username) {
        cache.invalidate(username);
    }

    /**
     * The {@code <item/>} element of RFC 6121 §2.1.2 for {@code item} (subscription, ask, approved, name, groups).
     */
    public static void writeItem(Element query, RosterItem item) {
        Element e = query.addElement("item").addAttribute("jid", item.jid().toBareJID())
                .addAttribute("subscription", item.state().subscription().attributeValue());
        if (item.name() != null) e.addAttribute("name", item.name());
        if (item.state().pendingOut()) e.addAttribute("ask", "subscribe");
        if (item.approved()) e.addAttribute("approved", "true");
        for (String group : item.groups()) e.addElement("group").setText(group);
    }

    /**
     * A roster push (RFC 6121 §2.1.6) of one item, or of its removal when {@code item} is null.
     *
     * @param user    the user's bare JID (the push's {@code from})
     * @param to      the interested resource
     * @param contact the contact's bare JID
     * @param item    the item as it is now, or null when removed
     * @param version the roster version after the change
     */
    public IQ push(JID user, JID to, JID contact, RosterItem item, long version) {
        IQ push = new IQ(IQ.Type.set, "push" + pushIds.incrementAndGet());
        push.setFrom(user.asBareJID());
        push.setTo(to);
        Element query = push.setChildElement("query", NAMESPACE);
        query.addAttribute("ver", Long.toString(version));
        if (item == null) {
            query.addElement("item").addAttribute("jid", contact.toBareJID()).addAttribute("subscription", "remove");
        } else {
            writeItem(query, item);
        }
        return push;
    }
}
