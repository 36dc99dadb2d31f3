package org.parley.server.modules.version;

import org.dom4j.Element;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.XmppModule;
import org.xmpp.packet.IQ;

import java.util.Set;

/** Software Version (XEP-0092): the server's name and version (the operating system is not disclosed). */
public final class VersionModule implements XmppModule, IqHandler {
    private final String version;

    /** @param version the version string to report, e.g. {@code 0.1.0} */
    public VersionModule(String version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "version";
    }

    @Override
    public void start(ModuleContext context) {
        context.addFeature(Namespaces.VERSION);
        context.register(this);
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.server(IQ.Type.get, "query", Namespaces.VERSION));
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", Namespaces.VERSION);
        query.addElement("name").setText("Parley");
        query.addElement("version").setText(version);
        return result;
    }
}
