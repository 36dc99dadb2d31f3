package org.parley.server.modules.ping;

import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.XmppModule;
import org.xmpp.packet.IQ;

import java.util.Set;

/**
 * XMPP Ping (XEP-0199 §4.2): the server answers pings to itself and to an account's bare JID. Pings the server
 * sends to idle clients are the transport's keepalive (see {@code C2sStreamHandler}).
 */
public final class PingModule implements XmppModule, IqHandler {
    @Override
    public String name() {
        return "ping";
    }

    @Override
    public void start(ModuleContext context) {
        context.addFeature(Namespaces.PING);
        context.register(this);
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.server(IQ.Type.get, "ping", Namespaces.PING),
                IqKey.account(IQ.Type.get, "ping", Namespaces.PING));
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) {
        // XEP-0199 §4.2: "the server MUST return an IQ-result (if it supports the protocol)".
        return IQ.createResultIQ(request);
    }
}
