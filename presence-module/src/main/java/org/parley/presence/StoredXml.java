package org.parley.presence;

import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.stream.XmlWriter;
import org.xmpp.packet.PacketError;

import java.io.StringReader;

/**
 * How client payloads are kept in text columns (vCards XEP-0054, private XML XEP-0049): serialised with their own
 * {@code xmlns}, read back as a detached element.
 */
public final class StoredXml {
    private StoredXml() {
    }

    /**
     * The element as XML text, always with its own {@code xmlns} (it is written against {@code jabber:client}, so
     * only an element in that namespace, which callers refuse, would lose it).
     */
    public static String write(Element element) {
        return XmlWriter.toXml(element, "jabber:client");
    }

    /**
     * The element stored as {@code xml}, detached so it can be added to a reply.
     *
     * @throws StanzaErrorException {@code <internal-server-error/>} if the stored text is not readable XML
     */
    public static Element read(String xml) throws StanzaErrorException {
        try {
            // SAXReader.createDefault() refuses DTDs and external entities (the text is our own serialisation).
            Element element = SAXReader.createDefault().read(new StringReader(xml)).getRootElement();
            element.detach();
            return element;
        } catch (DocumentException e) {
            throw new StanzaErrorException(PacketError.Condition.internal_server_error, "stored data is unreadable");
        }
    }
}
