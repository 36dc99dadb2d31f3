package org.parley.server.c2s;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.sasl.SaslFailure;
import org.parley.xmpp.core.sasl.SaslMechanisms;
import org.parley.xmpp.core.sasl.SaslServerMechanism;
import org.parley.xmpp.core.sasl.SaslStep;
import org.parley.xmpp.core.stream.XmlWriter;

import java.util.Base64;

/**
 * The SASL exchange of one stream (RFC 6120 §6.4): {@code <auth/>}, {@code <response/>}, {@code <abort/>} in;
 * {@code <challenge/>}, {@code <success/>}, {@code <failure/>} out. Blocking (credential lookup): run it off the
 * event loop, one element at a time.
 */
final class SaslNegotiation {
    /** What the stream does next. */
    enum Result { CONTINUE, SUCCESS, TOO_MANY_FAILURES }

    /**
     * @param result   what happens next
     * @param xml      the element to send
     * @param username the authenticated username, on success
     */
    record Outcome(Result result, String xml, String username) {
    }

    private final SaslMechanisms mechanisms;
    private final int maxFailures;
    private SaslServerMechanism current;
    private boolean awaitingInitialResponse;
    private int failures;

    SaslNegotiation(SaslMechanisms mechanisms, int maxFailures) {
        this.mechanisms = mechanisms;
        this.maxFailures = maxFailures;
    }

    Outcome process(Element element) {
        switch (element.getName()) {
            case "auth" -> {
                String name = element.attributeValue("mechanism");
                current = name == null || !mechanisms.offered().contains(name) ? null
                        : mechanisms.create(name).orElse(null);
                if (current == null) return fail(SaslFailure.INVALID_MECHANISM, "mechanism not offered: " + name);
                String text = element.getText().strip();
                if (text.isEmpty()) {
                    // RFC 6120 §6.4.2: no initial response → an empty challenge asks for it.
                    awaitingInitialResponse = true;
                    return new Outcome(Result.CONTINUE, "<challenge xmlns='" + Namespaces.SASL + "'/>", null);
                }
                byte[] data = decode(text);
                return data == null ? fail(SaslFailure.INCORRECT_ENCODING, "invalid base64")
                        : outcomeOf(current.start(data));
            }
            case "response" -> {
                if (current == null) return fail(SaslFailure.MALFORMED_REQUEST, "no authentication in progress");
                byte[] data = decode(element.getText().strip());
                if (data == null) return fail(SaslFailure.INCORRECT_ENCODING, "invalid base64");
                if (awaitingInitialResponse) {
                    awaitingInitialResponse = false;
                    return outcomeOf(current.start(data));
                }
                return outcomeOf(current.respond(data));
            }
            case "abort" -> {
                current = null;
                // RFC 6120 §6.4.4: abort is answered with <failure><aborted/></failure>.
                return fail(SaslFailure.ABORTED, null);
            }
            default -> {
                return fail(SaslFailure.MALFORMED_REQUEST, "unexpected element " + element.getName());
            }
        }
    }

    private Outcome outcomeOf(SaslStep step) {
        return switch (step) {
            case SaslStep.Challenge c -> new Outcome(Result.CONTINUE, element("challenge", c.data()), null);
            case SaslStep.Success s -> {
                current = null;
                yield new Outcome(Result.SUCCESS, element("success", s.additionalData()), s.username());
            }
            case SaslStep.Failed f -> fail(f.condition(), f.text());
        };
    }

    private Outcome fail(SaslFailure condition, String text) {
        current = null;
        awaitingInitialResponse = false;
        if (condition != SaslFailure.ABORTED) failures++;
        Element failure = DocumentHelper.createElement(QName.get("failure", Namespaces.SASL));
        failure.addElement(condition.elementName());
        if (text != null && !text.isEmpty()) failure.addElement("text").addAttribute(QName.get("lang", Namespace.XML_NAMESPACE), "en").setText(text);
        // RFC 6120 §6.4.5: after a reasonable number of retries the server may close the stream.
        return new Outcome(failures >= maxFailures ? Result.TOO_MANY_FAILURES : Result.CONTINUE,
                XmlWriter.toXml(failure, Namespaces.CLIENT), null);
    }

    private static String element(String name, byte[] data) {
        if (data == null || data.length == 0) return "<" + name + " xmlns='" + Namespaces.SASL + "'/>";
        return "<" + name + " xmlns='" + Namespaces.SASL + "'>" + Base64.getEncoder().encodeToString(data) + "</" + name + ">";
    }

    /** Base64 of the element text; {@code "="} is the empty response (RFC 6120 §6.4.2); null if invalid. */
    private static byte[] decode(String text) {
        if (text.isEmpty() || text.equals("=")) return new byte[0];
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
