package org.parley.xmpp.core.module;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.PacketError;

import static org.assertj.core.api.Assertions.assertThat;

class StanzaErrorExceptionTest {
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    @Test
    void policyViolationIsSentAsTheRfc6120ConditionInTheStanzasNamespace() {
        PacketError error = StanzaErrorException.policyViolation("too many").toPacketError();

        Element condition = error.getElement().element("policy-violation");
        assertThat(condition).isNotNull();
        assertThat(condition.getNamespaceURI()).isEqualTo(STANZAS);
        assertThat(error.getElement().element("not-acceptable")).isNull();
        assertThat(error.getType()).isEqualTo(PacketError.Type.modify);
        assertThat(error.getText()).isEqualTo("too many");
    }

    @Test
    void anApplicationConditionAndAnotherTypeAreCarried() {
        PacketError error = new StanzaErrorException(PacketError.Condition.not_acceptable, null, "blocked",
                "urn:xmpp:blocking:errors").withType(PacketError.Type.cancel).toPacketError();

        assertThat(error.getType()).isEqualTo(PacketError.Type.cancel);
        assertThat(error.getApplicationConditionName()).isEqualTo("blocked");
        assertThat(error.getApplicationConditionNamespaceURI()).isEqualTo("urn:xmpp:blocking:errors");
        assertThat(error.getCondition()).isEqualTo(PacketError.Condition.not_acceptable);
    }
}
