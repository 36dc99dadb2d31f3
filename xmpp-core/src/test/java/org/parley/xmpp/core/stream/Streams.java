package org.parley.xmpp.core.stream;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.parley.xmpp.core.stream.StreamEvent.Stanza;
import org.parley.xmpp.core.stream.StreamEvent.StreamClose;
import org.parley.xmpp.core.stream.StreamEvent.StreamOpen;

/** Fixtures and helpers shared by the stream tests. */
final class Streams {
    static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='example.com' version='1.0'>";

    private Streams() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Feeds {@code data} to a new reader in pieces of {@code chunk} bytes and collects the events. */
    static List<StreamEvent> read(StreamLimits limits, byte[] data, int chunk) throws XmppStreamException {
        XmppStreamReader reader = new XmppStreamReader(limits);
        List<StreamEvent> events = new ArrayList<>();
        for (int at = 0; at < data.length; at += chunk) {
            events.addAll(reader.feed(data, at, Math.min(chunk, data.length - at)));
        }
        return events;
    }

    static List<StreamEvent> read(String document) throws XmppStreamException {
        byte[] data = utf8(document);
        return read(StreamLimits.defaults(), data, data.length);
    }

    /** Feeds {@code data} split into two pieces at {@code split}. */
    static List<StreamEvent> readSplit(StreamLimits limits, byte[] data, int split) throws XmppStreamException {
        XmppStreamReader reader = new XmppStreamReader(limits);
        List<StreamEvent> events = new ArrayList<>(reader.feed(data, 0, split));
        events.addAll(reader.feed(data, split, data.length - split));
        return events;
    }

    /** The stream error that reading {@code data} in pieces of {@code chunk} bytes ends with, or null. */
    static XmppStreamException failure(StreamLimits limits, byte[] data, int chunk) {
        return catchThrowableOfType(XmppStreamException.class, () -> read(limits, data, chunk));
    }

    static XmppStreamException failure(String document) {
        byte[] data = utf8(document);
        return failure(StreamLimits.defaults(), data, data.length);
    }

    /** Events as comparable text: stanzas serialised by {@link XmlWriter}, header attributes sorted. */
    static List<String> render(List<StreamEvent> events) {
        String namespace = "";
        List<String> rendered = new ArrayList<>();
        for (StreamEvent event : events) {
            switch (event) {
                case StreamOpen open -> {
                    namespace = open.namespace();
                    rendered.add("open " + namespace + " " + new TreeMap<>(open.attributes()));
                }
                case Stanza stanza -> rendered.add(XmlWriter.toXml(stanza.element(), namespace));
                case StreamClose close -> rendered.add("close");
            }
        }
        return rendered;
    }
}
