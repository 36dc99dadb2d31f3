package org.parley.server.c2s;

import org.dom4j.Element;
import org.parley.server.routing.Stanzas;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Resource binding (RFC 6120 §7.6-§7.7): the client's resource after resourceprep, or one the server makes up. */
final class ResourceBinder {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** Either the bound JID or the error reply to send. */
    record Outcome(JID jid, IQ error) {
    }

    private ResourceBinder() {
    }

    static Outcome bind(IQ request, String username, String domain) {
        Element resourceElement = request.getChildElement().element("resource");
        String requested = resourceElement == null ? "" : resourceElement.getTextTrim();
        String resource;
        if (requested.isEmpty()) {
            // RFC 6120 §7.6: "the server MUST generate a resourcepart on the client's behalf".
            resource = "parley-" + randomId(12);
        } else {
            try {
                resource = JID.resourceprep(requested);
            } catch (IllegalArgumentException e) {
                resource = null;
            }
            // RFC 6120 §7.7.2.1: a resourcepart that cannot be processed gets <bad-request/>.
            if (resource == null || resource.isEmpty() || resource.getBytes(StandardCharsets.UTF_8).length > 1023) {
                return new Outcome(null, Stanzas.iqError(request,
                        new StanzaErrorException(PacketError.Condition.bad_request, "invalid resource")));
            }
        }
        return new Outcome(new JID(username, domain, resource, true), null);
    }

    private static String randomId(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(id);
    }
}
