package org.parley.server.modules.carbons;

import org.parley.server.routing.Decision;
import org.parley.server.routing.RoutingRules;
import org.parley.server.session.SessionEntry;
import org.parley.server.session.SessionTable;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.SessionListener;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.StanzaRouter;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.XmppModule;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message Carbons (XEP-0280): a resource enables or disables carbons (§4, §5); then it gets a {@code <received/>}
 * copy of each eligible message delivered to another resource of its user (§6) and a {@code <sent/>} copy of each
 * eligible message another resource of its user sends (§7), at the {@link InterceptorStage#CARBONS} stage. A
 * resource's choice lasts for its session. Only reads the session table: never blocks.
 */
public final class CarbonsModule implements XmppModule, IqHandler, StanzaInterceptor, SessionListener {
    private static final String FORWARD = "urn:xmpp:forward:0";

    private final SessionTable table;
    private final Set<JID> enabled = ConcurrentHashMap.newKeySet();
    private StanzaRouter router;
    private String domain;

    /** @param table the session table (which resources exist, and which get a message) */
    public CarbonsModule(SessionTable table) {
        this.table = table;
    }

    @Override
    public String name() {
        return "carbons";
    }

    @Override
    public void start(ModuleContext context) {
        router = context.router();
        domain = context.domain();
        // XEP-0280 §3: "the server MUST ... include the 'urn:xmpp:carbons:2' feature".
        context.addFeature(CarbonRules.NAMESPACE);
        context.register(this);
        context.addInterceptor(InterceptorStage.CARBONS, this);
        context.addSessionListener(this);
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.server(IQ.Type.set, "enable", CarbonRules.NAMESPACE),
                IqKey.server(IQ.Type.set, "disable", CarbonRules.NAMESPACE),
                IqKey.account(IQ.Type.set, "enable", CarbonRules.NAMESPACE),
                IqKey.account(IQ.Type.set, "disable", CarbonRules.NAMESPACE));
    }

    /** XEP-0280 §4 / §5: enable or disable carbons for the requesting resource. */
    @Override
    public IQ handle(IQ request, Outbox outbox) {
        JID from = request.getFrom();
        if ("enable".equals(request.getChildElement().getName())) enabled.add(from);
        else enabled.remove(from);
        return IQ.createResultIQ(request);
    }

    /** Whether {@code fullJid} has carbons enabled (for tests and diagnostics). */
    public boolean isEnabled(JID fullJid) {
        return enabled.contains(fullJid);
    }

    @Override
    public void unbound(JID fullJid) {
        enabled.remove(fullJid);
    }

    /** XEP-0280 §7: the sender's other carbons-enabled resources get a {@code <sent/>} copy. */
    @Override
    public CompletionStage<Verdict> outbound(Packet stanza) {
        if (stanza instanceof Message message && message.getFrom() != null && message.getFrom().getResource() != null
                && CarbonRules.eligible(message)) {
            JID sender = message.getFrom();
            JID to = message.getTo();
            for (JID resource : enabledResourcesOf(sender.asBareJID())) {
                if (resource.equals(sender) || resource.equals(to)) continue;
                router.deliver(resource, copy("sent", message, resource));
            }
        }
        return Verdict.proceed();
    }

    /**
     * XEP-0280 §6: a message to a local user is copied, as {@code <received/>}, to each of the user's carbons-enabled
     * resources that the delivery rules do not give it to (a message stored offline has nobody to copy to).
     */
    @Override
    public CompletionStage<Verdict> inbound(Packet stanza) {
        if (!(stanza instanceof Message message) || message.getTo() == null || !CarbonRules.eligible(message)) {
            return Verdict.proceed();
        }
        List<JID> copiesTo = enabledResourcesOf(message.getTo().asBareJID());
        if (copiesTo.isEmpty()) return Verdict.proceed();
        if (!(RoutingRules.decide(message, domain, table) instanceof Decision.Deliver deliver)) return Verdict.proceed();
        for (JID resource : copiesTo) {
            if (!deliver.sessions().contains(resource)) router.deliver(resource, copy("received", message, resource));
        }
        return Verdict.proceed();
    }

    private List<JID> enabledResourcesOf(JID bareJid) {
        return table.sessionsOf(bareJid).stream().filter(SessionEntry::available).map(SessionEntry::fullJid)
                .filter(enabled::contains).toList();
    }

    /** §6 / §7: from the user's bare JID, wrapping the original in a XEP-0297 {@code <forwarded/>}. */
    private static Message copy(String direction, Message original, JID to) {
        Message carbon = new Message();
        carbon.setType(original.getType());
        carbon.setFrom(to.asBareJID());
        carbon.setTo(to);
        carbon.getElement().addElement(direction, CarbonRules.NAMESPACE).addElement("forwarded", FORWARD)
                .add(original.getElement().createCopy());
        return carbon;
    }
}
