package org.parley.server.modules.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.dom4j.Element;
import org.parley.server.account.Accounts;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.DiscoIdentity;
import org.parley.xmpp.core.module.DiscoItem;
import org.parley.xmpp.core.module.DiscoNode;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.XmppModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Service administration (XEP-0133) over ad-hoc commands (XEP-0050): add-user, delete-user and
 * change-user-password, for the administrators named in the configuration. A command is either executed to get
 * its form and then completed with the filled-in form (two stages, §3.4), or completed at once with a form.
 */
public final class AdminCommandsModule implements XmppModule, IqHandler {
    private static final Logger log = LoggerFactory.getLogger(AdminCommandsModule.class);

    private final Accounts accounts;
    private final Set<JID> admins;
    private final Consumer<JID> closeSessions;
    private final Cache<String, Stage> sessions = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(10_000).build();
    private String domain;

    /** A started two-stage command: who started it and which command. */
    private record Stage(JID admin, AdminCommand command) {
    }

    /**
     * @param accounts account operations
     * @param admins        bare JIDs allowed to run the commands
     * @param closeSessions ends every session of a deleted account (given its bare JID)
     */
    public AdminCommandsModule(Accounts accounts, Set<JID> admins, Consumer<JID> closeSessions) {
        this.accounts = accounts;
        this.admins = Set.copyOf(admins);
        this.closeSessions = closeSessions;
    }

    @Override
    public String name() {
        return "admin-commands";
    }

    @Override
    public void start(ModuleContext context) {
        this.domain = context.domain();
        context.addFeature(Namespaces.COMMANDS);
        context.register(this);
        context.addDiscoNode(new CommandList(context.serverJid()));
        for (AdminCommand command : AdminCommand.values()) {
            context.addDiscoNode(new CommandNode(command));
        }
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.server(IQ.Type.set, "command", Namespaces.COMMANDS));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        Element command = request.getChildElement();
        AdminCommand which = AdminCommand.forNode(command.attributeValue("node"));
        if (which == null) throw new StanzaErrorException(PacketError.Condition.item_not_found, "no such command");
        JID requester = request.getFrom().asBareJID();
        // XEP-0133 §3: only administrators may run these commands; others get <forbidden/>.
        if (!admins.contains(requester)) throw new StanzaErrorException(PacketError.Condition.forbidden);
        String action = command.attributeValue("action", "execute");
        String sessionId = command.attributeValue("sessionid");
        if (sessionId != null) {
            Stage stage = sessions.getIfPresent(sessionId);
            // XEP-0050 §6: an unknown or expired session gets <bad-request/> with <bad-sessionid/>.
            if (stage == null || !stage.admin().equals(requester) || stage.command() != which) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "unknown or expired session",
                        "bad-sessionid", Namespaces.COMMANDS);
            }
        }
        if (action.equals("cancel")) {
            if (sessionId != null) sessions.invalidate(sessionId);
            return reply(request, which, sessionId, "canceled");
        }
        Element x = command.element("x");
        if (x == null || !Namespaces.DATA_FORMS.equals(x.getNamespaceURI())) {
            if (!action.equals("execute")) throw new StanzaErrorException(PacketError.Condition.bad_request, "a form is required");
            String id = UUID.randomUUID().toString();
            sessions.put(id, new Stage(requester, which));
            IQ result = reply(request, which, id, "executing");
            Element c = result.getChildElement();
            c.addElement("actions").addAttribute("execute", "complete").addElement("complete");
            c.add(which.form().getElement().createCopy());
            return result;
        }
        DataForm form = new DataForm(x.createCopy());
        List<JID> deleted = new ArrayList<>();
        String note = which.execute(form, accounts, domain, deleted::add);
        // A deleted account's sessions end after the administrator has the result (as XEP-0077 §3.2 does).
        if (!deleted.isEmpty()) outbox.afterReply(() -> deleted.forEach(closeSessions));
        if (sessionId != null) sessions.invalidate(sessionId);
        log.info("{} ran {}: {}", requester, which.node(), note);
        IQ result = reply(request, which, sessionId == null ? UUID.randomUUID().toString() : sessionId, "completed");
        result.getChildElement().addElement("note").addAttribute("type", "info").setText(note);
        return result;
    }

    private static IQ reply(IQ request, AdminCommand which, String sessionId, String status) {
        IQ result = IQ.createResultIQ(request);
        Element c = result.setChildElement("command", Namespaces.COMMANDS);
        c.addAttribute("node", which.node());
        if (sessionId != null) c.addAttribute("sessionid", sessionId);
        c.addAttribute("status", status);
        return result;
    }

    /** XEP-0050 §2.2: the list of commands (disco#items on the commands node), for administrators only. */
    private final class CommandList implements DiscoNode {
        private final JID server;

        CommandList(JID server) {
            this.server = server;
        }

        @Override
        public String node() {
            return Namespaces.COMMANDS;
        }

        @Override
        public List<DiscoIdentity> identities() {
            return List.of(new DiscoIdentity("automation", "command-list", "Commands"));
        }

        @Override
        public Set<String> features() {
            return Set.of();
        }

        @Override
        public List<DiscoItem> items(JID requester) {
            if (requester == null || !admins.contains(requester.asBareJID())) return List.of();
            return Arrays.stream(AdminCommand.values()).map(c -> new DiscoItem(server, c.node(), c.title())).toList();
        }
    }

    /** XEP-0050 §2.3: disco#info of one command node. */
    private record CommandNode(AdminCommand command) implements DiscoNode {
        @Override
        public String node() {
            return command.node();
        }

        @Override
        public List<DiscoIdentity> identities() {
            return List.of(new DiscoIdentity("automation", "command-node", command.title()));
        }

        @Override
        public Set<String> features() {
            return Set.of(Namespaces.COMMANDS, Namespaces.DATA_FORMS);
        }

        @Override
        public List<DiscoItem> items(JID requester) {
            return List.of();
        }
    }
}
