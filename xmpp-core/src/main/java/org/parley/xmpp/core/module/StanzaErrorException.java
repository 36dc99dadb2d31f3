package org.parley.xmpp.core.module;

import org.xmpp.packet.PacketError;

/**
 * A stanza error (RFC 6120 §8.3) a handler raises instead of a result; the caller turns it into an error reply
 * with the request's id and swapped addresses.
 */
public final class StanzaErrorException extends Exception {
    private final PacketError.Condition condition;
    private final String applicationCondition;
    private final String applicationNamespace;
    private String rfc6120Condition;
    private PacketError.Type type;

    /**
     * A stanza error with an application-specific condition element (RFC 6120 §8.3.4).
     *
     * @param condition            the defined condition
     * @param text                 human-readable text, or null
     * @param applicationCondition the application condition's element name, e.g. {@code bad-sessionid}
     * @param applicationNamespace its namespace
     */
    public StanzaErrorException(PacketError.Condition condition, String text, String applicationCondition,
                                String applicationNamespace) {
        super(text == null ? condition.toXMPP() : text, null, false, false);
        this.condition = condition;
        this.applicationCondition = applicationCondition;
        this.applicationNamespace = applicationNamespace;
    }

    /**
     * @param condition the defined condition (RFC 6120 §8.3.3)
     * @param text      human-readable text sent in {@code <text/>}, or null for none
     */
    public StanzaErrorException(PacketError.Condition condition, String text) {
        this(condition, text, null, null);
    }

    /** A stanza error without text. */
    public StanzaErrorException(PacketError.Condition condition) {
        this(condition, null);
    }

    /**
     * {@code <policy-violation/>} (RFC 6120 §8.3.3.12, type modify), which Tinder's condition list predates.
     *
     * @param text human-readable text, or null
     */
    public static StanzaErrorException policyViolation(String text) {
        StanzaErrorException e = new StanzaErrorException(PacketError.Condition.not_acceptable, text);
        e.rfc6120Condition = "policy-violation";
        return e;
    }

    /**
     * This error with another error type than the condition's default (RFC 6120 §8.3.2), e.g. {@code cancel}.
     *
     * @return this exception
     */
    public StanzaErrorException withType(PacketError.Type errorType) {
        this.type = errorType;
        return this;
    }

    /** The defined condition element name as sent, e.g. {@code policy-violation}. */
    public String conditionName() {
        return rfc6120Condition != null ? rfc6120Condition : condition.toXMPP();
    }

    /** The defined condition. */
    public PacketError.Condition condition() {
        return condition;
    }

    /** The text to send, or null. */
    public String text() {
        return getMessage().equals(condition.toXMPP()) ? null : getMessage();
    }

    /** The error element for this exception: the condition's default type and the text, if any. */
    public PacketError toPacketError() {
        PacketError error = new PacketError(condition);
        if (text() != null) error.setText(text(), "en");
        if (applicationCondition != null) error.setApplicationCondition(applicationCondition, applicationNamespace);
        if (type != null) error.setType(type);
        if (rfc6120Condition != null) {
            for (Object child : error.getElement().elements()) {
                org.dom4j.Element e = (org.dom4j.Element) child;
                if (e.getName().equals(condition.toXMPP())) e.setQName(org.dom4j.QName.get(rfc6120Condition, e.getNamespace()));
            }
        }
        return error;
    }
}
