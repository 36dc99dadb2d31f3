package org.parley.xmpp.core.stream;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.COMMENT;
import static javax.xml.stream.XMLStreamConstants.DTD;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.ENTITY_DECLARATION;
import static javax.xml.stream.XMLStreamConstants.ENTITY_REFERENCE;
import static javax.xml.stream.XMLStreamConstants.NOTATION_DECLARATION;
import static javax.xml.stream.XMLStreamConstants.PROCESSING_INSTRUCTION;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.stream.StreamEvent.Stanza;
import org.parley.xmpp.core.stream.StreamEvent.StreamClose;
import org.parley.xmpp.core.stream.StreamEvent.StreamOpen;

/**
 * Reads one XML stream (RFC 6120 §4) from bytes that arrive in pieces split anywhere, without blocking: the stream
 * header becomes a {@link StreamOpen}, each first-level element a {@link Stanza} built straight from the parser's
 * events, and {@code </stream:stream>} a {@link StreamClose}, after which input is ignored. Whitespace between
 * stanzas is dropped.
 *
 * <p>The restrictions of RFC 6120 §11 and the {@link StreamLimits} are enforced while parsing, so a peer cannot
 * make it hold much more than one stanza. After an {@link XmppStreamException} every feed throws it again. Not
 * thread-safe; a stream restart (§4.3.3) takes a new reader.
 */
public final class XmppStreamReader {
    /** Bytes of the prolog kept to recognise a document type declaration, which legitimately never appears. */
    private static final int PROLOG_KEPT = 1024;
    private static final DocumentFactory DOCUMENTS = DocumentFactory.getInstance();

    private final StreamLimits limits;
    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> parser;
    private final Utf8Validator utf8 = new Utf8Validator();
    /** The unfinished elements of the current stanza, innermost first. */
    private final Deque<Element> open = new ArrayDeque<>();
    /** Character data not yet added to the innermost open element. */
    private final StringBuilder text = new StringBuilder();
    /** The first bytes before the stream header, as Latin-1; null once the stream is open. */
    private StringBuilder prolog = new StringBuilder();
    /** Bytes fed so far. */
    private long fed;
    /** Where the current stanza began: the byte offset just past the last event outside any stanza. */
    private long unitStart;
    private boolean opened;
    private boolean closed;
    private XmppStreamException failure;

    /** A reader for a new stream, holding the peer to {@code limits}. */
    public XmppStreamReader(StreamLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        InputFactoryImpl factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Entity references are reported as events rather than replaced, so they can be refused (§11.1).
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        this.parser = factory.createAsyncForByteArray();
    }

    /** Feeds all readable bytes of {@code buf}, advancing its reader index; see {@link #feed(byte[], int, int)}. */
    public List<StreamEvent> feed(ByteBuf buf) throws XmppStreamException {
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.skipBytes(bytes.length);
        return feed(bytes, 0, bytes.length);
    }

    /**
     * Feeds the next {@code length} bytes of the stream and returns the events they complete, possibly none.
     *
     * @throws XmppStreamException with the condition to send in {@code <stream:error/>} (RFC 6120 §4.9.3):
     *                             {@code not-well-formed}, {@code restricted-xml}, {@code policy-violation}…
     */
    public List<StreamEvent> feed(byte[] data, int offset, int length) throws XmppStreamException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (failure != null) throw failure;
        if (closed || length == 0) return List.of();
        try {
            // Aalto 1.3 adds the array offset to its byte positions, which the limits rely on: feed from index 0.
            return parse(offset == 0 ? data : Arrays.copyOfRange(data, offset, offset + length), length);
        } catch (XmppStreamException e) {
            failure = e;
            throw e;
        }
    }

    private List<StreamEvent> parse(byte[] data, int length) throws XmppStreamException {
        if (!utf8.accept(data, 0, length)) {
            // RFC 6120 §11.6: implementations "MUST NOT attempt to use any other encoding" than UTF-8.
            throw new XmppStreamException(StreamErrorCondition.NOT_WELL_FORMED, "invalid UTF-8");
        }
        if (!opened && prolog.length() < PROLOG_KEPT) {
            prolog.append(new String(data, 0, Math.min(length, PROLOG_KEPT - prolog.length()), ISO_8859_1));
        }
        List<StreamEvent> events = new ArrayList<>();
        try {
            parser.getInputFeeder().feedInput(data, 0, length);
            fed += length;
            while (!closed) {
                int event = parser.next();
                if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) break;
                long end = parser.getLocationInfo().getEndingByteOffset();
                checkSize(end);
                handle(event, events);
                if (open.isEmpty()) unitStart = end;
            }
        } catch (XMLStreamException e) {
            throw new XmppStreamException(opened ? StreamErrorCondition.NOT_WELL_FORMED : prologError(e), e.getMessage());
        }
        // A stanza that never ends (one endless text node or start tag) is caught here, between events.
        if (!closed) checkSize(fed);
        return events;
    }

    private void handle(int event, List<StreamEvent> events) throws XMLStreamException, XmppStreamException {
        switch (event) {
            case START_DOCUMENT -> checkDeclaration();
            case START_ELEMENT -> startElement(events);
            case END_ELEMENT -> endElement(events);
            case CHARACTERS, CDATA, SPACE -> characters();
            // RFC 6120 §11.1: on comments, processing instructions, DTDs or entity references other than the
            // predefined ones the receiver "MUST close the stream with a stream error, which SHOULD be <restricted-xml/>".
            case COMMENT, PROCESSING_INSTRUCTION, DTD, ENTITY_REFERENCE, ENTITY_DECLARATION, NOTATION_DECLARATION ->
                    throw new XmppStreamException(StreamErrorCondition.RESTRICTED_XML,
                            "comments, processing instructions, DTDs and entity references are not allowed");
            default -> {
            }
        }
    }

    private void checkDeclaration() throws XmppStreamException {
        String encoding = parser.getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_ENCODING, "UTF-8 only, not " + encoding);
        }
        String version = parser.getVersion();
        if (version != null && !version.equals("1.0")) {
            // RFC 6120 §11.8: XMPP is an application of XML 1.0.
            throw new XmppStreamException(StreamErrorCondition.BAD_FORMAT, "XML 1.0 only, not " + version);
        }
    }

    private void startElement(List<StreamEvent> events) throws XmppStreamException {
        if (parser.getAttributeCount() + parser.getNamespaceCount() > limits.maxAttributes()) {
            throw policyViolation("more than " + limits.maxAttributes() + " attributes on <" + parser.getLocalName() + ">");
        }
        if (!opened) {
            events.add(streamOpen());
            opened = true;
            prolog = null;
            return;
        }
        if (open.size() >= limits.maxDepth()) {
            throw policyViolation("elements nested deeper than " + limits.maxDepth());
        }
        flushText();
        Element element = DOCUMENTS.createElement(qname(parser.getName()));
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            element.addAttribute(qname(parser.getAttributeName(i)), parser.getAttributeValue(i));
        }
        if (!open.isEmpty()) open.peek().add(element);
        open.push(element);
    }

    private StreamOpen streamOpen() throws XmppStreamException {
        javax.xml.namespace.QName name = parser.getName();
        if (!name.getLocalPart().equals("stream") || !name.getNamespaceURI().equals(Namespaces.STREAM)) {
            throw new XmppStreamException(StreamErrorCondition.INVALID_NAMESPACE,
                    "the stream must open with <stream:stream xmlns:stream='" + Namespaces.STREAM + "'>");
        }
        if (!name.getPrefix().equals("stream")) {
            throw new XmppStreamException(StreamErrorCondition.BAD_NAMESPACE_PREFIX, "the stream prefix must be 'stream'");
        }
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            javax.xml.namespace.QName attribute = parser.getAttributeName(i);
            String prefix = attribute.getPrefix();
            attributes.put(prefix.isEmpty() ? attribute.getLocalPart() : prefix + ":" + attribute.getLocalPart(),
                    parser.getAttributeValue(i));
        }
        return new StreamOpen(Objects.requireNonNullElse(parser.getNamespaceURI(""), ""), attributes);
    }

    private void endElement(List<StreamEvent> events) {
        if (open.isEmpty()) {
            closed = true;
            events.add(new StreamClose());
            return;
        }
        flushText();
        Element element = open.pop();
        if (open.isEmpty()) events.add(new Stanza(element));
    }

    private void characters() throws XmppStreamException {
        if (!open.isEmpty()) {
            text.append(parser.getTextCharacters(), parser.getTextStart(), parser.getTextLength());
        } else if (!parser.isWhiteSpace()) {
            throw new XmppStreamException(StreamErrorCondition.BAD_FORMAT, "character data outside a stanza");
        }
    }

    private void flushText() {
        if (text.isEmpty()) return;
        open.element().addText(text.toString());
        text.setLength(0);
    }

    private void checkSize(long position) throws XmppStreamException {
        if (position - unitStart > limits.maxStanzaBytes()) {
            throw policyViolation("stanza larger than " + limits.maxStanzaBytes() + " bytes");
        }
    }

    /**
     * The condition for a parse error before the stream header is complete, where Aalto's message is the only
     * clue: its async scanner refuses an internal DTD subset outright instead of reporting a DTD event.
     */
    private StreamErrorCondition prologError(XMLStreamException e) {
        String message = Objects.requireNonNullElse(e.getMessage(), "");
        if (prolog.indexOf("<!DOCTYPE") >= 0) return StreamErrorCondition.RESTRICTED_XML;
        if (message.startsWith("Unsupported encoding")) return StreamErrorCondition.UNSUPPORTED_ENCODING;
        if (message.startsWith("Unbound namespace prefix")) return StreamErrorCondition.BAD_NAMESPACE_PREFIX;
        return StreamErrorCondition.NOT_WELL_FORMED;
    }

    /** A dom4j name built directly, bypassing dom4j's global caches, which peer-chosen names would grow forever. */
    private static QName qname(javax.xml.namespace.QName name) {
        return new QName(name.getLocalPart(), new Namespace(name.getPrefix(), name.getNamespaceURI()));
    }

    private static XmppStreamException policyViolation(String text) {
        return new XmppStreamException(StreamErrorCondition.POLICY_VIOLATION, text);
    }
}
