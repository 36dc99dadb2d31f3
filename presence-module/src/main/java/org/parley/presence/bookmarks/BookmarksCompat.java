package org.parley.presence.bookmarks;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.presence.StoredXml;
import org.parley.presence.pep.AccessModel;
import org.parley.presence.pep.NodeConfig;
import org.parley.presence.pep.PepItem;
import org.parley.presence.pep.PepListener;
import org.parley.presence.pep.PepModule;
import org.parley.presence.pep.PepService;
import org.parley.presence.pep.SendLastPublished;
import org.parley.presence.privatexml.PrivateXmlListener;
import org.parley.presence.privatexml.PrivateXmlModule;
import org.parley.presence.store.PrivateXmlStore;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.XmppModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * XEP-0402 §5.3 compatibility ({@code urn:xmpp:bookmarks:1#compat}): when a client publishes or retracts a PEP
 * bookmark, the XEP-0048 list in private XML is rewritten from all of them (§5.3.1), keeping its URL bookmarks,
 * which XEP-0402 does not hold; when a client stores a XEP-0048 list, each changed room is published and each
 * missing one retracted (§5.3.2), keeping the XEP-0402 extensions of rooms that stay. Runs in the user's queue.
 */
public final class BookmarksCompat implements XmppModule, PepListener, PrivateXmlListener {
    /** The account feature (XEP-0402 §6). */
    public static final String FEATURE = Bookmark.NODE + "#compat";
    /** XEP-0402 §3: how the node is configured when the server creates it (private, all items, none on login). */
    public static final NodeConfig NODE_CONFIG = new NodeConfig(AccessModel.WHITELIST, NodeConfig.MAX_ITEMS, true,
            SendLastPublished.NEVER);

    private static final Logger log = LoggerFactory.getLogger(BookmarksCompat.class);

    private final PrivateXmlStore privateXml;
    private final PepModule pep;
    private final PrivateXmlModule privateXmlModule;
    private PepService service;

    /**
     * @param privateXml       where the XEP-0048 list is kept
     * @param pep              the PEP module (started before this one)
     * @param privateXmlModule the private XML module
     */
    public BookmarksCompat(PrivateXmlStore privateXml, PepModule pep, PrivateXmlModule privateXmlModule) {
        this.privateXml = privateXml;
        this.pep = pep;
        this.privateXmlModule = privateXmlModule;
    }

    @Override
    public String name() {
        return "bookmarks-compat";
    }

    @Override
    public void start(ModuleContext context) {
        service = pep.service();
        pep.addAccountFeature(FEATURE);
        pep.addListener(this);
        privateXmlModule.addListener(this);
    }

    @Override
    public void published(String owner, String node, PepItem item, Consumer<Message> send) {
        if (Bookmark.NODE.equals(node)) rewriteLegacy(owner);
    }

    @Override
    public void retracted(String owner, String node, String itemId, Consumer<Message> send) {
        if (Bookmark.NODE.equals(node)) rewriteLegacy(owner);
    }

    @Override
    public void purged(String owner, String node, Consumer<Message> send) {
        if (Bookmark.NODE.equals(node)) rewriteLegacy(owner);
    }

    @Override
    public void deleted(String owner, String node, Consumer<Message> send) {
        if (Bookmark.NODE.equals(node)) rewriteLegacy(owner);
    }

    /** XEP-0402 §5.3.2: a replaced XEP-0048 list updates the PEP items, notifying only for changed ones. */
    @Override
    public void stored(String user, Element element, Consumer<Packet> send) {
        if (!Bookmark.LEGACY.equals(element.getNamespaceURI()) || !"storage".equals(element.getName())) return;
        Map<String, Bookmark> wanted = new LinkedHashMap<>();
        for (Element conference : element.elements("conference")) {
            Bookmark.ofLegacy(conference).ifPresent(b -> wanted.put(b.jid(), b));
        }
        Map<String, Bookmark> current = pepBookmarks(user);
        for (Bookmark bookmark : wanted.values()) {
            Bookmark before = current.get(bookmark.jid());
            if (bookmark.sameAs(before)) continue;
            service.publish(user, Bookmark.NODE, bookmark.jid(), bookmark.withExtensionsOf(before).toPep(),
                    NODE_CONFIG, send::accept);
        }
        for (String gone : current.keySet()) {
            if (wanted.containsKey(gone)) continue;
            try {
                service.retract(user, Bookmark.NODE, gone, send::accept);
            } catch (StanzaErrorException e) {
                log.debug("Bookmark {} of {} was already gone", gone, user);
            }
        }
    }

    /** XEP-0402 §5.3.1: the XEP-0048 list becomes all PEP bookmarks, oldest first, then the stored URL bookmarks. */
    private void rewriteLegacy(String user) {
        Element storage = DocumentHelper.createElement(QName.get("storage", Bookmark.LEGACY));
        for (Bookmark bookmark : pepBookmarks(user).values()) bookmark.addLegacyTo(storage);
        for (Element url : legacy(user).map(s -> s.elements("url")).orElse(List.of())) storage.add(url.createCopy());
        privateXml.put(user, Bookmark.LEGACY, StoredXml.write(storage));
    }

    /** The PEP bookmarks by room JID, oldest first. */
    private Map<String, Bookmark> pepBookmarks(String user) {
        List<PepItem> items = new ArrayList<>(service.items(user, Bookmark.NODE));
        Collections.reverse(items);
        Map<String, Bookmark> bookmarks = new LinkedHashMap<>();
        for (PepItem item : items) {
            Bookmark.ofPep(item.id(), PepService.payload(item)).ifPresent(b -> bookmarks.put(b.jid(), b));
        }
        return bookmarks;
    }

    private Optional<Element> legacy(String user) {
        Optional<String> xml = privateXml.get(user, Bookmark.LEGACY);
        if (xml.isEmpty()) return Optional.empty();
        try {
            return Optional.of(StoredXml.read(xml.get()));
        } catch (StanzaErrorException e) {
            log.warn("Unreadable XEP-0048 bookmarks of {}", user);
            return Optional.empty();
        }
    }
}
