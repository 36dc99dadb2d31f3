package org.parley.server.c2s;

import org.parley.server.csi.ClientStateIndication;
import org.parley.server.sm.SmNonzas;
import org.parley.xmpp.core.Namespaces;

import java.util.List;

/** The {@code <stream:features/>} a client is offered at each stage (RFC 6120 §4.3.2). */
public final class StreamFeatures {
    private StreamFeatures() {
    }

    /**
     * The features element.
     *
     * @param tlsActive         whether the connection is already encrypted
     * @param tlsRequired       whether TLS is mandatory before authentication (then nothing else is offered)
     * @param authenticated     whether SASL has succeeded
     * @param mechanisms        the SASL mechanisms to offer
     * @param registration      whether in-band registration (XEP-0077) is offered
     * @param moduleFeatures    features modules offer after authentication (XML elements)
     */
    public static String of(boolean tlsActive, boolean tlsRequired, boolean authenticated,
                            List<String> mechanisms, boolean registration, List<String> moduleFeatures) {
        StringBuilder xml = new StringBuilder("<stream:features>");
        if (authenticated) {
            xml.append("<bind xmlns='").append(Namespaces.BIND).append("'/>");
            // RFC 6121 §A (legacy session establishment): advertised as optional for old clients.
            xml.append("<session xmlns='").append(Namespaces.SESSION).append("'><optional/></session>");
            // XEP-0198 §2 and XEP-0352 §2: offered after authentication (enabled after binding, resumed instead of it).
            xml.append(SmNonzas.FEATURE).append(ClientStateIndication.FEATURE);
            moduleFeatures.forEach(xml::append);
        } else if (!tlsActive && tlsRequired) {
            // RFC 6120 §5.3.1: mandatory-to-negotiate TLS is the only feature offered.
            xml.append("<starttls xmlns='").append(Namespaces.TLS).append("'><required/></starttls>");
        } else {
            if (!tlsActive) xml.append("<starttls xmlns='").append(Namespaces.TLS).append("'/>");
            xml.append("<mechanisms xmlns='").append(Namespaces.SASL).append("'>");
            for (String m : mechanisms) xml.append("<mechanism>").append(m).append("</mechanism>");
            xml.append("</mechanisms>");
            if (registration) xml.append("<register xmlns='").append(Namespaces.REGISTER_FEATURE).append("'/>");
        }
        return xml.append("</stream:features>").toString();
    }
}
