package org.parley.xmpp.core.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import org.dom4j.Attribute;
import org.dom4j.Element;
import org.dom4j.Node;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One stanza serialised once for many recipients that differ only in their {@code to} (a groupchat message reflected
 * to every occupant, XEP-0045 §7.4): the UTF-8 of {@link XmlWriter#write} of the stanza without {@code to}, cut where
 * its start tag closes, so each recipient's write puts its own {@code to='…'} there. {@link #toXml(String)} equals
 * {@link XmlWriter#toXml} of the stanza with that {@code to} as its last attribute (where Tinder's {@code setTo} puts
 * it on a stanza that had none), byte for byte. Immutable once made, so one instance serves every event loop.
 */
public final class SplicedStanza {
    private final Element template;
    private final byte[] head;
    private final byte[] tail;

    private SplicedStanza(Element template, byte[] head, byte[] tail) {
        this.template = template;
        this.head = head;
        this.tail = tail;
    }

    /**
     * Serialises {@code template} once.
     *
     * @param template        the stanza without {@code to}; the caller must not change it afterwards (it is read by
     *                        {@link #fits}, possibly on several threads)
     * @param streamNamespace the stream's default namespace, e.g. {@code jabber:client}
     * @throws IllegalArgumentException if {@code template} has a {@code to}
     */
    public static SplicedStanza of(Element template, String streamNamespace) {
        if (template.attribute("to") != null) throw new IllegalArgumentException("the template has a 'to'");
        String xml = XmlWriter.toXml(template, streamNamespace);
        // Attribute values are escaped ('>' as &gt;), so the first '>' closes the start tag.
        int close = xml.indexOf('>');
        int splice = xml.charAt(close - 1) == '/' ? close - 1 : close;
        return new SplicedStanza(template, xml.substring(0, splice).getBytes(StandardCharsets.UTF_8),
                xml.substring(splice).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code addressed} is written exactly as this with its own {@code to}: the template's name, attributes
     * in the same order and content, plus a {@code to} as the last attribute. An interceptor that changed a
     * recipient's copy makes it not fit, and that copy is then serialised on its own.
     */
    public boolean fits(Element addressed) {
        int count = template.attributeCount();
        if (addressed.attributeCount() != count + 1) return false;
        Attribute to = addressed.attribute(count);
        if (!to.getQualifiedName().equals("to") || !to.getNamespaceURI().isEmpty()) return false;
        return sameName(template, addressed) && sameAttributes(template, addressed, count) && sameContent(template, addressed);
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

    private static boolean sameName(Element a, Element b) {
        return a.getName().equals(b.getName()) && a.getNamespaceURI().equals(b.getNamespaceURI())
                && a.getNamespacePrefix().equals(b.getNamespacePrefix());
    }

    private static boolean sameAttributes(Element a, Element b, int count) {
        for (int i = 0; i < count; i++) {
            Attribute x = a.attribute(i);
            Attribute y = b.attribute(i);
            if (!x.getQualifiedName().equals(y.getQualifiedName()) || !x.getNamespaceURI().equals(y.getNamespaceURI())
                    || !x.getValue().equals(y.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameContent(Element a, Element b) {
        int count = a.nodeCount();
        if (b.nodeCount() != count) return false;
        for (int i = 0; i < count; i++) {
            Node x = a.node(i);
            Node y = b.node(i);
            if (x.getNodeType() != y.getNodeType()) return false;
            if (x instanceof Element ex) {
                Element ey = (Element) y;
                if (!sameName(ex, ey) || ex.attributeCount() != ey.attributeCount()
                        || !sameAttributes(ex, ey, ex.attributeCount()) || !sameContent(ex, ey)) {
                    return false;
                }
            } else if (!Objects.equals(x.getName(), y.getName()) || !Objects.equals(x.getText(), y.getText())) {
                return false;
            }
        }
        return true;
    }
}
