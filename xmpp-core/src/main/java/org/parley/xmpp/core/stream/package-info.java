/**
 * The XML stream of RFC 6120 §4: {@link org.parley.xmpp.core.stream.XmppStreamReader} turns bytes from the
 * network into a stream header, stanzas (dom4j elements) and the closing tag, enforcing the restrictions of §11
 * (no DTDs, comments, processing instructions or entity references; UTF-8 only) and the {@link
 * org.parley.xmpp.core.stream.StreamLimits}; {@link org.parley.xmpp.core.stream.XmlWriter} writes stanzas, stream
 * headers and stream errors (§4.9) back as well-formed XML. Nothing here knows about sockets.
 */
package org.parley.xmpp.core.stream;
