package org.parley.archive;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.Message;

import java.util.Set;

/**
 * Which messages belong in a user archive (XEP-0313 §5.1.1: "a server SHOULD include in a user archive all of the
 * messages a user sends or receives of type 'normal' or 'chat' that contain a &lt;body&gt; element. A server MAY
 * include additional non-conversation messages"). Kept besides a body: a subject, delivery receipts (XEP-0184),
 * chat markers (XEP-0333), end-to-end encrypted messages without a body (XEP-0384 OMEMO with a payload, XEP-0373),
 * retractions (XEP-0424), reactions (XEP-0444), room invitations (XEP-0249, XEP-0045 §7.8.2) and call
 * proposals (XEP-0353), which a client syncing from the archive needs to show the conversation as it was. Not kept: chat states alone (XEP-0085), headlines, errors, groupchat (the room archives it), anything the
 * sender marked {@code <no-store/>} or {@code <no-permanent-store/>} (XEP-0334 §4), and the server's own wrappers
 * (archive results, carbons), which carry their message inside, not as a body.
 */
public final class Archivable {
    /** XEP-0334 message processing hints. */
    public static final String HINTS = "urn:xmpp:hints";
    private static final QName NO_STORE = QName.get("no-store", HINTS);
    private static final QName NO_PERMANENT_STORE = QName.get("no-permanent-store", HINTS);
    private static final QName STORE = QName.get("store", HINTS);
    /** Payloads kept without a body, as {@code {namespace}name}. */
    private static final Set<String> PAYLOADS = Set.of(
            "{urn:xmpp:receipts}received",
            "{urn:xmpp:chat-markers:0}received", "{urn:xmpp:chat-markers:0}displayed",
            "{urn:xmpp:chat-markers:0}acknowledged",
            "{urn:xmpp:openpgp:0}openpgp",
            "{urn:xmpp:message-retract:1}retract", "{urn:xmpp:reactions:0}reactions",
            "{jabber:x:conference}x", "{http://jabber.org/protocol/muc#user}x",
            "{urn:xmpp:jingle-message:0}propose", "{urn:xmpp:jingle-message:0}retract",
            "{urn:xmpp:jingle-message:0}accept", "{urn:xmpp:jingle-message:0}reject",
            "{urn:xmpp:jingle-message:0}proceed", "{urn:xmpp:jingle-message:0}finish");

    private Archivable() {
    }

    /**
     * An OMEMO message with a payload (XEP-0384): kept even without a fallback body. An "empty" OMEMO message (no
     * payload: key transport, session repair) is kept only when its sender asks with {@code <store/>}, as XEP-0384
     * tells senders to when it matters to offline devices.
     */
    private static boolean isEncryptedMessage(Element child) {
        if (!child.getName().equals("encrypted")) return false;
        String ns = child.getNamespaceURI();
        if (!ns.equals("eu.siacs.conversations.axolotl") && !ns.equals("urn:xmpp:omemo:2")) return false;
        return child.element("payload") != null;
    }

    /** Whether {@code message} goes into the archives of its sender and recipient. */
    public static boolean isArchivable(Message message) {
        String type = message.getElement().attributeValue("type");
        if (type != null && !type.equals("chat") && !type.equals("normal")) return false;
        return hasContent(message);
    }

    /**
     * Whether {@code message}, whatever its type, holds something worth keeping (a body, a subject, or one of the
     * payloads above) and no hint against storing it: also what a room archives of its groupchat messages (XEP-0313
     * §5.1.2: "All messages sent to the room that contain a &lt;body&gt; element SHOULD be stored, as should subject
     * change stanzas").
     */
    public static boolean hasContent(Message message) {
        Element root = message.getElement();
        // XEP-0334 §4.2/§4.3: "no-permanent-store" and "no-store" ask entities not to archive the message.
        if (root.element(NO_PERMANENT_STORE) != null || root.element(NO_STORE) != null) return false;
        // XEP-0334 §4.4: a message with the "store" hint "SHOULD be stored by the entity".
        if (root.element(STORE) != null) return true;
        for (Element child : root.elements()) {
            String ns = child.getNamespaceURI();
            boolean clientNamespace = ns == null || ns.isEmpty() || ns.equals("jabber:client");
            if (clientNamespace && (child.getName().equals("body") || child.getName().equals("subject"))
                    && !child.getText().isBlank()) {
                return true;
            }
            if (PAYLOADS.contains("{" + ns + "}" + child.getName())) return true;
            if (isEncryptedMessage(child)) return true;
        }
        return false;
    }
}
