package org.parley.presence;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stanza fixtures written as the specifications' examples are, and the check of a handler's stanza error. */
public final class Stanzas {
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private Stanzas() {
    }

    /** The IQ {@code xml} describes, as a handler receives it (addresses already stamped). */
    public static IQ iq(String xml) {
        try {
            return new IQ(DocumentHelper.parseText(xml).getRootElement());
        } catch (DocumentException e) {
            throw new IllegalArgumentException("bad fixture: " + xml, e);
        }
    }

    /**
     * Asserts that {@code call} raises a stanza error whose defined condition, as serialised, is {@code condition}
     * (e.g. {@code policy-violation}, which Tinder's enum lacks); returns the error element.
     */
    public static Element assertStanzaError(HandlerCall call, String condition) {
        Element[] error = new Element[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StanzaErrorException.class, e -> {
            assertThat(e.conditionName()).isEqualTo(condition);
            error[0] = e.toPacketError().getElement();
        });
        assertThat(error[0].elements()).anySatisfy(child -> {
            assertThat(child.getName()).isEqualTo(condition);
            assertThat(child.getNamespaceURI()).isEqualTo(STANZAS);
        });
        return error[0];
    }

    /** A call to a handler that may raise a stanza error. */
    @FunctionalInterface
    public interface HandlerCall {
        void run() throws StanzaErrorException;
    }
}
