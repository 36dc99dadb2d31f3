package org.parley.xmpp.core.stream;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dom4j.Attribute;
import org.dom4j.CDATA;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.Node;
import org.dom4j.QName;
import org.dom4j.Text;
import org.parley.xmpp.core.Namespaces;

/**
 * Writes stanzas, stream headers and stream errors (RFC 6120 §4) as XML that is always well-formed: text and
 * attribute values are escaped, characters XML 1.0 does not allow (§11.1 and XML 1.0 §2.2), unpaired surrogates
 * included, are dropped, and so are comments and processing instructions. Elements are written in the
 * stream's default namespace, declaring only what differs from the parent.
 */
public final class XmlWriter {
    /** The closing tag of a stream (RFC 6120 §4.4). */
    public static final String STREAM_CLOSE = "</stream:stream>";
    private static final String XML_NAMESPACE = Namespace.XML_NAMESPACE.getURI();
    /** Prefixes every stanza is written under: {@code stream} is declared by the stream header. */
    private static final Map<String, String> STREAM_SCOPE = Map.of("xml", XML_NAMESPACE, "stream", Namespaces.STREAM);

    private XmlWriter() {
    }

    /** {@code element} as a first-level element of a stream whose default namespace is {@code streamNamespace}. */
    public static String toXml(Element element, String streamNamespace) {
        StringBuilder out = new StringBuilder();
        write(element, out, streamNamespace);
        return out.toString();
    }

    /**
     * Appends {@code element} to {@code out} as a first-level element of a stream whose default namespace is
     * {@code streamNamespace} (e.g. {@code jabber:client}). An element in that namespace or in none gets no
     * {@code xmlns}; a child declares its namespace only where it differs from its parent's, and a child in no
     * namespace under a parent in the stream namespace is taken to be in it (Tinder builds children so).
     */
    public static void write(Element element, StringBuilder out, String streamNamespace) {
        writeElement(element, out, streamNamespace, streamNamespace, STREAM_SCOPE);
    }

    /**
     * The stream header a receiving entity sends (RFC 6120 §4.7), XML declaration included; {@code from},
     * {@code to} and {@code lang} may be null to leave them out.
     */
    public static String streamHeader(String namespace, String from, String id, String lang, String to) {
        StringBuilder out = new StringBuilder("<?xml version='1.0'?><stream:stream");
        attribute(out, "xmlns", namespace);
        attribute(out, "xmlns:stream", Namespaces.STREAM);
        attribute(out, "from", from);
        attribute(out, "to", to);
        attribute(out, "id", id);
        attribute(out, "version", "1.0");
        attribute(out, "xml:lang", lang);
        return out.append('>').toString();
    }

    /** A {@code <stream:error/>} (RFC 6120 §4.9.2) with the condition and, unless null, a {@code <text/>}. */
    public static String streamError(StreamErrorCondition condition, String text) {
        return streamError(condition, text, null);
    }

    /**
     * A {@code <stream:error/>} with an application-specific condition (RFC 6120 §4.9.4) after the defined one and
     * the text, e.g. XEP-0198's {@code <handled-count-too-high/>}.
     *
     * @param applicationCondition the element as XML (trusted, not escaped), or null
     */
    public static String streamError(StreamErrorCondition condition, String text, String applicationCondition) {
        StringBuilder out = new StringBuilder("<stream:error><").append(condition.elementName());
        attribute(out, "xmlns", Namespaces.STREAM_ERRORS);
        out.append("/>");
        if (text != null) {
            out.append("<text");
            attribute(out, "xmlns", Namespaces.STREAM_ERRORS);
            out.append('>');
            escape(out, text, false);
            out.append("</text>");
        }
        if (applicationCondition != null) out.append(applicationCondition);
        return out.append("</stream:error>").toString();
    }

    private static void writeElement(Element element, StringBuilder out, String streamNamespace,
                                     String parentNamespace, Map<String, String> scope) {
        QName qname = element.getQName();
        String uri = qname.getNamespaceURI();
        Map<String, String> declared = new LinkedHashMap<>();
        String namespace = parentNamespace;
        String tag = qname.getName();
        if (qname.getNamespacePrefix().isEmpty() || uri.isEmpty()) {
            namespace = uri.isEmpty() && parentNamespace.equals(streamNamespace) ? streamNamespace : uri;
        } else {
            tag = prefixFor(qname.getNamespacePrefix(), uri, scope, declared) + ":" + tag;
        }
        out.append('<').append(tag);
        if (!namespace.equals(parentNamespace)) attribute(out, "xmlns", namespace);
        int declarations = out.length();
        for (Attribute attribute : element.attributes()) {
            QName name = attribute.getQName();
            if (name.getQualifiedName().equals("xmlns") || name.getNamespacePrefix().equals("xmlns")) continue;
            String prefix = name.getNamespaceURI().isEmpty() ? ""
                    : prefixFor(name.getNamespacePrefix(), name.getNamespaceURI(), scope, declared) + ":";
            attribute(out, prefix + name.getName(), attribute.getValue());
        }
        StringBuilder xmlns = new StringBuilder();
        declared.forEach((prefix, value) -> attribute(xmlns, "xmlns:" + prefix, value));
        out.insert(declarations, xmlns);
        Map<String, String> childScope = scope;
        if (!declared.isEmpty()) {
            childScope = new HashMap<>(scope);
            childScope.putAll(declared);
        }
        out.append('>');
        int content = out.length();
        for (Node node : element.content()) {
            switch (node) {
                case Element child -> writeElement(child, out, streamNamespace, namespace, childScope);
                case Text text -> escape(out, text.getText(), false);
                case CDATA text -> escape(out, text.getText(), false);
                default -> {
                    // comments, processing instructions, entities: restricted XML (RFC 6120 §11.1)
                }
            }
        }
        if (out.length() == content) {
            out.setLength(content - 1);
            out.append("/>");
        } else {
            out.append("</").append(tag).append('>');
        }
    }

    /**
     * The prefix to write {@code uri} under: {@code wanted} if it is bound to {@code uri} or can be bound here,
     * else a fresh one; a new binding is added to {@code declared}.
     */
    private static String prefixFor(String wanted, String uri, Map<String, String> scope, Map<String, String> declared) {
        if (uri.equals(XML_NAMESPACE)) return "xml";
        String prefix = wanted;
        for (int n = 1; ; n++) {
            if (!prefix.isEmpty() && !prefix.equals("xml") && !prefix.equals("xmlns")) {
                if (uri.equals(declared.getOrDefault(prefix, scope.get(prefix)))) return prefix;
                if (!declared.containsKey(prefix)) {
                    declared.put(prefix, uri);
                    return prefix;
                }
            }
            prefix = "ns" + n;
        }
    }

    /** Appends {@code  name='value'} with the value escaped; nothing if {@code value} is null. */
    static void attribute(StringBuilder out, String name, String value) {
        if (value == null) return;
        out.append(' ').append(name).append("='");
        escape(out, value, true);
        out.append('\'');
    }

    private static void escape(StringBuilder out, String text, boolean attribute) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                // Parsers normalise line ends, and whitespace in attribute values, unless written as references.
                case '\r' -> out.append("&#13;");
                case '\t', '\n' -> {
                    if (attribute) out.append("&#").append(c).append(';');
                    else out.append((char) c);
                }
                default -> {
                    if (isXmlChar(c)) out.appendCodePoint(c);
                }
            }
        }
    }

    /** XML 1.0 §2.2: {@code #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]}. */
    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }
}
