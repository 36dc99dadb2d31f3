package org.parley.server.csi;

/** The XEP-0352 namespace and stream feature; the nonzas are {@code <active/>} and {@code <inactive/>} (§3). */
public final class ClientStateIndication {
    /** The CSI namespace (XEP-0352 §2). */
    public static final String NAMESPACE = "urn:xmpp:csi:0";
    /** The stream feature (XEP-0352 §2). */
    public static final String FEATURE = "<csi xmlns='" + NAMESPACE + "'/>";

    private ClientStateIndication() {
    }
}
