package org.parley.xmpp.core.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import org.dom4j.Attribute;
import org.dom4j.Element;
import org.dom4j.Node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One stanza serialised once for many recipients that differ only in their {@code to} (a groupchat message reflected
 * to every occupant, XEP-0045 §7.4): the UTF-8 of {@link XmlWriter#write} of the stanza without {@code to}, cut where
 * its start tag closes, so each recipient's write puts its own {@code to='…'} there. {@link #toXml(String)} equals
 * {@link XmlWriter#toXml} of the stanza with that {@code to} as its last attribute (where Tinder's {@code setTo} puts
 * it on a stanza that had none), byte for byte. Immutable once made, so one instance serves every event loop.
 */
public final class SplicedStanza {
    /** The template as a flat sequence of names, values and counts, which {@link #fits} walks a copy against. */
    private final Object[] shape;
    private final byte[] head;
    private final byte[] tail;

    private SplicedStanza(Object[] shape, byte[] head, byte[] tail) {
        this.shape = shape;
        this.head = head;
        this.tail = tail;
    }

    /**
     * Serialises {@code template} once. Nothing of {@code template} is kept: the caller may change it afterwards.
     *
     * @param template        the stanza without {@code to}
     * @param streamNamespace the stream's default namespace, e.g. {@code jabber:client}
     * @throws IllegalArgumentException if {@code template} has a {@code to}
     */
    public static SplicedStanza of(Element template, String streamNamespace) {
        if (template.attribute("to") != null) throw new IllegalArgumentException("the template has a 'to'");
        String xml = XmlWriter.toXml(template, streamNamespace);
        // Attribute values are escaped ('>' as &gt;), so the first '>' closes the start tag.
        int close = xml.indexOf('>');
        int splice = xml.charAt(close - 1) == '/' ? close - 1 : close;
        List<Object> shape = new ArrayList<>();
        flatten(template, template.attributeCount(), shape);
        return new SplicedStanza(shape.toArray(), xml.substring(0, splice).getBytes(StandardCharsets.UTF_8),
                xml.substring(splice).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code addressed} is written exactly as this with its own {@code to}: the template's name, attributes
     * in the same order and content, plus a {@code to} as the last attribute. An interceptor that changed a
     * recipient's copy makes it not fit, and that copy is then serialised on its own. Only reads {@code addressed}.
     */
    public boolean fits(Element addressed) {
        int count = addressed.attributeCount() - 1;
        if (count < 0) return false;
        Attribute to = addressed.attribute(count);
        if (!to.getQualifiedName().equals("to") || !to.getNamespaceURI().isEmpty()) return false;
        int[] at = {0};
        return matches(addressed, count, at) && at[0] == shape.length;
    }

    /** The stanza addressed to {@code to}, as a string (for tests and logs; writes use {@link #write}). */
    public String toXml(String to) {
        return new String(head, StandardCharsets.UTF_8) + toAttribute(to) + new String(tail, StandardCharsets.UTF_8);
    }

    /** The stanza addressed to {@code to} as UTF-8, in a buffer of {@code alloc} that the caller releases or writes. */
    public ByteBuf write(ByteBufAllocator alloc, String to) {
        String attribute = toAttribute(to);
        ByteBuf out = alloc.buffer(head.length + ByteBufUtil.utf8Bytes(attribute) + tail.length);
        out.writeBytes(head);
        ByteBufUtil.writeUtf8(out, attribute);
        return out.writeBytes(tail);
    }

    private static String toAttribute(String to) {
        StringBuilder out = new StringBuilder(to.length() + 6);
        XmlWriter.attribute(out, "to", to);
        return out.toString();
    }

    /** Appends what {@link XmlWriter} reads of {@code element}: names with namespace and prefix, values, counts. */
    private static void flatten(Element element, int attributes, List<Object> out) {
        out.add(element.getQualifiedName());
        out.add(element.getNamespaceURI());
        out.add(attributes);
        for (int i = 0; i < attributes; i++) {
            Attribute a = element.attribute(i);
            out.add(a.getQualifiedName());
            out.add(a.getNamespaceURI());
            out.add(a.getValue());
        }
        int nodes = element.nodeCount();
        out.add(nodes);
        for (int i = 0; i < nodes; i++) {
            Node node = element.node(i);
            if (node instanceof Element child) {
                flatten(child, child.attributeCount(), out);
            } else {
                out.add(node.getNodeType());
                out.add(Objects.toString(node.getName(), ""));
                out.add(Objects.toString(node.getText(), ""));
            }
        }
    }

    /** Walks {@code element} (its first {@code attributes} attributes) against the shape from {@code at[0]}. */
    private boolean matches(Element element, int attributes, int[] at) {
        if (!next(at, element.getQualifiedName()) || !next(at, element.getNamespaceURI())
                || !next(at, attributes)) {
            return false;
        }
        for (int i = 0; i < attributes; i++) {
            Attribute a = element.attribute(i);
            if (!next(at, a.getQualifiedName()) || !next(at, a.getNamespaceURI()) || !next(at, a.getValue())) return false;
        }
        int nodes = element.nodeCount();
        if (!next(at, nodes)) return false;
        for (int i = 0; i < nodes; i++) {
            Node node = element.node(i);
            boolean same = node instanceof Element child ? matches(child, child.attributeCount(), at)
                    : next(at, node.getNodeType()) && next(at, Objects.toString(node.getName(), ""))
                    && next(at, Objects.toString(node.getText(), ""));
            if (!same) return false;
        }
        return true;
    }

    private boolean next(int[] at, Object value) {
        return at[0] < shape.length && shape[at[0]++].equals(value);
    }
}
