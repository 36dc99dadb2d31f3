package org.parley.server.modules;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IQ fixtures written as the XEPs' examples are, and the check of a handler's stanza error. */
public final class Iqs {
    private Iqs() {
    }

    /** The IQ {@code xml} describes, as a handler receives it (addresses already stamped). */
    public static IQ iq(String xml) {
        try {
            return new IQ(DocumentHelper.parseText(xml).getRootElement());
        } catch (DocumentException e) {
            throw new IllegalArgumentException("bad fixture: " + xml, e);
        }
    }

    /** Asserts that {@code call} raises a stanza error with {@code condition}. */
    public static void assertStanzaError(ThrowingHandlerCall call, PacketError.Condition condition) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(StanzaErrorException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.condition()).isEqualTo(condition));
    }

    /** A call to a handler that may raise a stanza error. */
    @FunctionalInterface
    public interface ThrowingHandlerCall {
        void run() throws StanzaErrorException;
    }
}
