package org.parley.xmpp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.parley.xmpp.core.stream.Streams.HEADER;
import static org.parley.xmpp.core.stream.Streams.concat;
import static org.parley.xmpp.core.stream.Streams.failure;
import static org.parley.xmpp.core.stream.Streams.read;
import static org.parley.xmpp.core.stream.Streams.readSplit;
import static org.parley.xmpp.core.stream.Streams.utf8;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.core.stream.StreamEvent.Stanza;

class StreamLimitsTest {

    @Test
    void defaultsAre256KiBStanzas64Levels64Attributes() {
        assertThat(StreamLimits.defaults()).isEqualTo(new StreamLimits(262_144, 64, 64));
    }

    @Test
    void rejectsLimitsThatAreNotPositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamLimits(0, 1, 1)).withMessageContaining("maxStanzaBytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamLimits(1, -1, 1)).withMessageContaining("maxDepth");
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamLimits(1, 1, 0)).withMessageContaining("maxAttributes");
    }

    @Test
    void aMessageWithA100000CharacterBodyFitsTheDefaults() throws Exception {
        String body = "ü".repeat(50_000) + "a".repeat(50_000);
        byte[] data = utf8(HEADER + "<message><body>" + body + "</body></message>");
        for (int chunk : new int[] {data.length, 4096, 777}) {
            List<StreamEvent> events = read(StreamLimits.defaults(), data, chunk);
            assertThat(((Stanza) events.getLast()).element().elementText("body")).isEqualTo(body);
        }
    }

    @Test
    void aStanzaThatNeverEndsIsAPolicyViolationOnceItPassesTheLimit() throws Exception {
        XmppStreamReader reader = new XmppStreamReader(StreamLimits.defaults());
        reader.feed(utf8(HEADER), 0, utf8(HEADER).length);
        reader.feed(utf8("<message><body>"), 0, 15);
        byte[] chunk = utf8("a".repeat(512));
        long stanzaBytes = 15;
        try {
            while (stanzaBytes < 1_000_000) {
                stanzaBytes += chunk.length;
                reader.feed(chunk, 0, chunk.length);
            }
            fail("no stream error after %d bytes", stanzaBytes);
        } catch (XmppStreamException e) {
            assertThat(e.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
        }
        assertThat(stanzaBytes).isGreaterThan(262_144).isLessThanOrEqualTo(262_144 + chunk.length);
    }

    @Test
    void aStartTagThatNeverEndsIsAPolicyViolation() {
        StreamLimits limits = new StreamLimits(1000, 64, 64);
        byte[] data = concat(utf8(HEADER + "<message to='"), utf8("x".repeat(2000)));
        assertThat(failure(limits, data, 100).condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
        byte[] header = utf8("<stream:stream xmlns='jabber:client' to='" + "x".repeat(2000));
        assertThat(failure(limits, header, 100).condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void countsExactlyTheBytesOfEachStanzaWhereverTheInputIsSplit() throws Exception {
        String stanza = "<message><body>" + "é".repeat(150) + "</body></message>";
        int size = utf8(stanza).length;
        byte[] data = utf8(HEADER + stanza + stanza);
        StreamLimits exact = new StreamLimits(size, 64, 64);
        StreamLimits tooSmall = new StreamLimits(size - 1, 64, 64);
        for (int split = 0; split <= data.length; split++) {
            assertThat(readSplit(exact, data, split)).as("split at %d", split).hasSize(3);
            int at = split;
            XmppStreamException error = catchThrowableOfType(XmppStreamException.class, () -> readSplit(tooSmall, data, at));
            assertThat(error).as("split at %d", split).isNotNull();
            assertThat(error.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
        }
    }

    @Test
    void nestingDeeperThanMaxDepthIsAPolicyViolation() throws Exception {
        StreamLimits limits = new StreamLimits(262_144, 3, 64);
        byte[] three = utf8(HEADER + "<message><a><b/></a></message>");
        assertThat(read(limits, three, 1)).hasSize(2);
        byte[] four = utf8(HEADER + "<message><a><b><c/></b></a></message>");
        assertThat(failure(limits, four, four.length).condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);

        byte[] deep = utf8(HEADER + "<a>".repeat(65));
        assertThat(failure(StreamLimits.defaults(), deep, 7).condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void moreThanMaxAttributesOnAnElementIsAPolicyViolation() throws Exception {
        StreamLimits limits = new StreamLimits(262_144, 64, 5);
        assertThat(read(limits, utf8(HEADER + "<message a='1' b='2' c='3' d='4' e='5'/>"), 3)).hasSize(2);
        byte[] six = utf8(HEADER + "<message a='1' b='2' c='3' d='4' e='5' f='6'/>");
        assertThat(failure(limits, six, six.length).condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
        byte[] declarations = utf8(HEADER + "<message xmlns:p='urn:p' xmlns:q='urn:q' a='1' b='2' c='3' d='4'/>");
        assertThat(failure(limits, declarations, 1).condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void theLimitsApplyToEveryStanzaNotToTheStreamAsAWhole() throws Exception {
        String stanza = "<message><body>" + "x".repeat(500) + "</body></message>";
        byte[] data = utf8(HEADER + stanza.repeat(100));
        assertThat(read(new StreamLimits(600, 64, 64), data, data.length)).hasSize(101);
        assertThat(readSplit(new StreamLimits(600, 64, 64), data, 1234)).hasSize(101);
    }
}
