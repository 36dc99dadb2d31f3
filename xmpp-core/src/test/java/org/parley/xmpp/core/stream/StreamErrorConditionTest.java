package org.parley.xmpp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamErrorConditionTest {

    @Test
    void hasTheElementNamesOfRfc6120Section4_9_3() {
        assertThat(Arrays.stream(StreamErrorCondition.values()).map(StreamErrorCondition::elementName)).containsExactly(
                "bad-format", "bad-namespace-prefix", "conflict", "connection-timeout", "host-gone", "host-unknown",
                "improper-addressing", "internal-server-error", "invalid-from", "invalid-namespace", "invalid-xml",
                "not-authorized", "not-well-formed", "policy-violation", "remote-connection-failed", "reset",
                "resource-constraint", "restricted-xml", "see-other-host", "system-shutdown", "undefined-condition",
                "unsupported-encoding", "unsupported-feature", "unsupported-stanza-type", "unsupported-version");
    }

    @Test
    void anExceptionCarriesItsConditionAndText() {
        XmppStreamException e = new XmppStreamException(StreamErrorCondition.HOST_UNKNOWN, "no such host");
        assertThat(e.condition()).isEqualTo(StreamErrorCondition.HOST_UNKNOWN);
        assertThat(e).hasMessage("no such host");
    }
}
