package org.parley.presence.avatar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.presence.StoredXml;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.pep.PepItem;
import org.parley.presence.pep.PepListener;
import org.parley.presence.pep.PepModule;
import org.parley.presence.pep.PepService;
import org.parley.presence.pep.NodeConfig;
import org.parley.presence.store.VCardStore;
import org.parley.presence.vcard.VCardListener;
import org.parley.presence.vcard.VCardModule;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.XmppModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * User Avatar to vCard-Based Avatars Conversion (XEP-0398): avatars published over PEP (XEP-0084) are copied into
 * the vCard (§3.1), vCard photos are published over PEP (§3.2), and the avatar's hash is added to each available
 * presence a client sends (§4), so clients of either kind, and MUC occupants, see the same avatar.
 *
 * <p>Runs in the user's queue (the PEP and vCard modules call it there); the presence stage only reads a cache
 * of hashes and loads a missing one in the user's queue.
 */
public final class AvatarConversion implements XmppModule, PepListener, VCardListener, StanzaInterceptor {
    /** The disco feature on the account (XEP-0398 §2). */
    public static final String FEATURE = "urn:xmpp:pep-vcard-conversion:0";
    /** The PEP node of the image data (XEP-0084 §4.1). */
    public static final String DATA = "urn:xmpp:avatar:data";
    /** The PEP node of the avatar metadata (XEP-0084 §4.2). */
    public static final String METADATA = "urn:xmpp:avatar:metadata";
    /** The presence extension that carries the hash (XEP-0153 §4.1). */
    public static final String UPDATE = "vcard-temp:x:update";

    private static final Logger log = LoggerFactory.getLogger(AvatarConversion.class);

    private final VCardStore vcards;
    private final int maxVcardChars;
    private final PepModule pep;
    private final VCardModule vcardModule;
    private final UserQueues queues;
    /** Per user: the avatar hash, "" for no avatar, empty when unknown (a photo by URL only: leave presence be). */
    private final Cache<String, Optional<String>> hashes = Caffeine.newBuilder().maximumSize(100_000).build();
    private PepService service;

    /**
     * @param vcards        where vCards live
     * @param maxVcardChars the largest vCard kept, in characters of XML (a larger converted one is not stored)
     * @param pep           the PEP module (started before this one)
     * @param vcardModule   the vCard module
     * @param queues        the per-user queues
     */
    public AvatarConversion(VCardStore vcards, int maxVcardChars, PepModule pep, VCardModule vcardModule,
                            UserQueues queues) {
        this.vcards = vcards;
        this.maxVcardChars = maxVcardChars;
        this.pep = pep;
        this.vcardModule = vcardModule;
        this.queues = queues;
    }

    @Override
    public String name() {
        return "avatar-conversion";
    }

    @Override
    public void start(ModuleContext context) {
        service = pep.service();
        // XEP-0398 §2: "The service MUST include a ... feature of 'urn:xmpp:pep-vcard-conversion:0' on the account."
        pep.addAccountFeature(FEATURE);
        pep.addListener(this);
        vcardModule.addListener(this);
        context.addInterceptor(InterceptorStage.AVATAR, this);
    }

    /** XEP-0398 §3.1: an avatar published over PEP goes into the vCard. */
    @Override
    public void published(String owner, String node, PepItem item, Consumer<Message> send) {
        if (!METADATA.equals(node)) return;
        Element metadata = PepService.payload(item);
        if (metadata == null) return;
        if (metadata.elements("info").isEmpty()) {
            // XEP-0084 §4.5: empty metadata means the user disabled the avatar.
            removePhoto(owner);
            return;
        }
        // XEP-0398 §3.1: "MUST pick the info element that does not point to an exernal URL".
        Element info = metadata.elements("info").stream().filter(i -> i.attributeValue("url") == null)
                .findFirst().orElse(null);
        if (info == null || info.attributeValue("id") == null) return;
        String id = info.attributeValue("id");
        Optional<byte[]> image = service.item(owner, DATA, id).map(PepService::payload).flatMap(AvatarConversion::decode);
        if (image.isEmpty()) {
            log.debug("No avatar data {} published by {}; vCard unchanged", id, owner);
            return;
        }
        // XEP-0398 §3.1: "Services SHOULD verify that the SHA-1 hash of the image matches the id."
        if (!VCardPhoto.sha1(image.get()).equals(id)) {
            log.info("Avatar data of {} does not match its id {}; vCard unchanged", owner, id);
            return;
        }
        String type = info.attributeValue("type", "image/png");
        Element vCard = loadVCard(owner).orElse(null);
        if (VCardPhoto.of(vCard).map(VCardPhoto::sha1).filter(id::equals).isPresent()) {
            hashes.put(owner, Optional.of(id));
            return;
        }
        storeVCard(owner, new VCardPhoto(type, image.get()).into(vCard), Optional.of(id));
    }

    /** XEP-0084 §4.5 by deletion: a deleted or purged metadata node leaves no avatar. */
    @Override
    public void deleted(String owner, String node, Consumer<Message> send) {
        if (METADATA.equals(node)) removePhoto(owner);
    }

    @Override
    public void purged(String owner, String node, Consumer<Message> send) {
        deleted(owner, node, send);
    }

    /** XEP-0398 §3.2: a vCard photo is published to the data node, then described in the metadata node. */
    @Override
    public void stored(String user, Element vCard, Consumer<Packet> send) {
        Optional<VCardPhoto> photo = VCardPhoto.of(vCard);
        hashes.put(user, hash(vCard));
        if (photo.isEmpty()) {
            if (!VCardPhoto.present(vCard) && currentAvatarId(user).isPresent()) {
                // XEP-0084 §4.5: the avatar was removed; publish empty metadata.
                service.publish(user, METADATA, null, metadata(), NodeConfig.DEFAULT, send::accept);
            }
            return;
        }
        String id = photo.get().sha1();
        if (currentAvatarId(user).filter(id::equals).isPresent()) return;
        // XEP-0398 §3.2: "The id of that item MUST be the SHA-1 hash of the image as described in XEP-0084."
        Element data = DocumentHelper.createElement(QName.get("data", DATA));
        data.setText(photo.get().base64());
        service.publish(user, DATA, id, data, NodeConfig.DEFAULT, send::accept);
        // "... with one info element ... using the type value from the vCard as a type attribute".
        Element metadata = metadata();
        metadata.addElement("info", METADATA).addAttribute("bytes", Integer.toString(photo.get().bytes().length))
                .addAttribute("id", id).addAttribute("type", photo.get().type());
        service.publish(user, METADATA, id, metadata, NodeConfig.DEFAULT, send::accept);
    }

    /**
     * XEP-0398 §4: "services MUST include the hash on behalf of their users in every available presence that does
     * not contain an empty photo element"; an {@code <x/>} without {@code <photo/>} "MUST be overwritten". A
     * non-empty photo the client put there is kept (overwriting it is only a MAY).
     */
    @Override
    public CompletionStage<Verdict> outbound(Packet stanza) {
        if (!(stanza instanceof Presence presence) || presence.getType() != null || presence.getFrom() == null) {
            return Verdict.proceed();
        }
        Element x = presence.getElement().element(QName.get("x", UPDATE));
        if (x != null && x.element("photo") != null) return Verdict.proceed();
        String user = presence.getFrom().getNode();
        Optional<String> known = hashes.getIfPresent(user);
        if (known != null) {
            known.ifPresent(hash -> addHash(presence, hash));
            return Verdict.proceed();
        }
        return queues.submit(user, () -> hashes.get(user, u -> hash(loadVCard(u).orElse(null))))
                .thenCompose(hash -> {
                    hash.ifPresent(h -> addHash(presence, h));
                    return Verdict.proceed();
                });
    }

    private static void addHash(Presence presence, String hash) {
        Element x = presence.getElement().element(QName.get("x", UPDATE));
        if (x == null) x = presence.getElement().addElement("x", UPDATE);
        Element photo = x.addElement("photo", UPDATE);
        if (!hash.isEmpty()) photo.setText(hash);
    }

    /** The hash to advertise for this vCard: its photo's, "" without a photo, empty if it only links to one. */
    private static Optional<String> hash(Element vCard) {
        Optional<VCardPhoto> photo = VCardPhoto.of(vCard);
        if (photo.isPresent()) return Optional.of(photo.get().sha1());
        return VCardPhoto.present(vCard) ? Optional.empty() : Optional.of("");
    }

    /** The id of the avatar the metadata node now describes, if any. */
    private Optional<String> currentAvatarId(String user) {
        return service.items(user, METADATA).stream().findFirst().map(PepService::payload)
                .flatMap(m -> m.elements("info").stream().findFirst()).map(i -> i.attributeValue("id"));
    }

    private void removePhoto(String owner) {
        Optional<Element> vCard = loadVCard(owner);
        if (vCard.isEmpty() || !VCardPhoto.present(vCard.get())) {
            hashes.put(owner, Optional.of(""));
            return;
        }
        VCardPhoto.remove(vCard.get());
        storeVCard(owner, vCard.get(), Optional.of(""));
    }

    private void storeVCard(String owner, Element vCard, Optional<String> hash) {
        String xml = StoredXml.write(vCard);
        if (xml.length() > maxVcardChars) {
            log.info("Avatar of {} not copied to the vCard: {} characters is over the limit of {}", owner,
                    xml.length(), maxVcardChars);
            return;
        }
        vcards.put(owner, xml);
        hashes.put(owner, hash);
    }

    private Optional<Element> loadVCard(String user) {
        Optional<String> xml = vcards.get(user);
        if (xml.isEmpty()) return Optional.empty();
        try {
            return Optional.of(StoredXml.read(xml.get()));
        } catch (StanzaErrorException e) {
            log.warn("Unreadable vCard of {}", user);
            return Optional.empty();
        }
    }

    private static Element metadata() {
        return DocumentHelper.createElement(QName.get("metadata", METADATA));
    }

    private static Optional<byte[]> decode(Element data) {
        if (data == null) return Optional.empty();
        try {
            return Optional.of(Base64.getMimeDecoder().decode(data.getText().strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
