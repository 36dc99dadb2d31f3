package org.parley.server.sm;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbound counter and queue of XEP-0198 §4: acknowledgements drop stanzas, 'h' wraps at 2^32. */
class UnackedStanzasTest {
    private static Message message(String body) {
        Message m = new Message();
        m.setBody(body);
        return m;
    }

    @Test
    void stanzasStayUntilTheClientAcknowledgesThemInOrder() {
        UnackedStanzas queue = new UnackedStanzas();
        for (int i = 1; i <= 4; i++) queue.sent(message("m" + i), Instant.EPOCH);

        assertThat(queue.acknowledge(2)).isEqualTo(new UnackedStanzas.Ack.Acknowledged(2));

        assertThat(queue.pending()).extracting(u -> ((Message) u.stanza()).getBody()).containsExactly("m3", "m4");
        assertThat(queue.sentCount()).isEqualTo(4);
    }

    @Test
    void theSameAcknowledgementTwiceDropsNothingMore() {
        UnackedStanzas queue = new UnackedStanzas();
        queue.sent(message("m1"), Instant.EPOCH);
        queue.sent(message("m2"), Instant.EPOCH);
        queue.acknowledge(1);

        assertThat(queue.acknowledge(1)).isEqualTo(new UnackedStanzas.Ack.Acknowledged(0));
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void anAcknowledgementOfMoreThanWasSentIsHandledCountTooHighAndChangesNothing() {
        // XEP-0198 §4: an 'h' larger than the number of stanzas sent is an error (<handled-count-too-high/>).
        UnackedStanzas queue = new UnackedStanzas();
        queue.sent(message("m1"), Instant.EPOCH);
        queue.sent(message("m2"), Instant.EPOCH);

        assertThat(queue.acknowledge(3)).isEqualTo(new UnackedStanzas.Ack.TooHigh(3, 2));
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void anAcknowledgementGoingBackwardsIsAlsoTooHigh() {
        UnackedStanzas queue = new UnackedStanzas();
        for (int i = 0; i < 3; i++) queue.sent(message("m"), Instant.EPOCH);
        queue.acknowledge(2);

        // Modulo 2^32, going back from 2 to 1 means acknowledging 2^32 - 1 more stanzas.
        assertThat(queue.acknowledge(1)).isInstanceOf(UnackedStanzas.Ack.TooHigh.class);
    }

    @Test
    void theCountersWrapToZeroAfterTwoToTheThirtySecondMinusOne() {
        // XEP-0198 §4: 'h' is an unsigned 32-bit counter that starts again at zero.
        UnackedStanzas queue = new UnackedStanzas(SmCounter.MAX - 1);
        for (int i = 1; i <= 4; i++) queue.sent(message("m" + i), Instant.EPOCH);
        assertThat(queue.sentCount()).isEqualTo(2);

        assertThat(queue.acknowledge(SmCounter.MAX)).isEqualTo(new UnackedStanzas.Ack.Acknowledged(1));
        assertThat(queue.acknowledge(1)).isEqualTo(new UnackedStanzas.Ack.Acknowledged(2));
        assertThat(queue.pending()).extracting(u -> ((Message) u.stanza()).getBody()).containsExactly("m4");
        assertThat(queue.acknowledge(3)).isEqualTo(new UnackedStanzas.Ack.TooHigh(3, 2));
    }

    @Test
    void counterHelpersWrapAndParseUnsignedInts() {
        assertThat(SmCounter.increment(SmCounter.MAX)).isZero();
        assertThat(SmCounter.increment(41)).isEqualTo(42);
        assertThat(SmCounter.distance(SmCounter.MAX, 1)).isEqualTo(2);
        assertThat(SmCounter.parse("4294967295")).isEqualTo(SmCounter.MAX);
        assertThat(SmCounter.parse("4294967296")).isEqualTo(-1);
        assertThat(SmCounter.parse("-1")).isEqualTo(-1);
        assertThat(SmCounter.parse("1e3")).isEqualTo(-1);
        assertThat(SmCounter.parse(null)).isEqualTo(-1);
        assertThat(SmCounter.parse("")).isEqualTo(-1);
    }
}
