package org.parley.server.modules.register;

import org.dom4j.Element;
import org.parley.server.account.Accounts;
import org.parley.server.account.InvalidAccountException;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.XmppModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.Set;
import java.util.function.Consumer;

/**
 * In-Band Registration (XEP-0077): account creation before authentication (§3.1, when enabled), and for a logged-in
 * user the registration state (§3.1 "already registered"), password change (§3.3) and account removal (§3.2).
 */
public final class RegisterModule implements XmppModule, IqHandler {
    private static final Logger log = LoggerFactory.getLogger(RegisterModule.class);

    private final Accounts accounts;
    private final boolean creationEnabled;
    private final Consumer<JID> closeSessions;

    /**
     * @param accounts        account operations
     * @param creationEnabled whether new accounts may be created in-band
     * @param closeSessions   ends every session of a removed account (given its bare JID)
     */
    public RegisterModule(Accounts accounts, boolean creationEnabled, Consumer<JID> closeSessions) {
        this.accounts = accounts;
        this.creationEnabled = creationEnabled;
        this.closeSessions = closeSessions;
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public void start(ModuleContext context) {
        context.addFeature(Namespaces.REGISTER);
        context.register(this);
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.server(IQ.Type.get, "query", Namespaces.REGISTER),
                IqKey.server(IQ.Type.set, "query", Namespaces.REGISTER),
                IqKey.account(IQ.Type.get, "query", Namespaces.REGISTER),
                IqKey.account(IQ.Type.set, "query", Namespaces.REGISTER));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        JID from = request.getFrom();
        if (from != null && request.getTo() != null && request.getTo().getNode() != null
                && !request.getTo().toBareJID().equals(from.toBareJID())) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "not your account");
        }
        return request.getType() == IQ.Type.get ? form(request, from) : submit(request, from, outbox);
    }

    /** XEP-0077 §3.1: the fields to fill in, or {@code <registered/>} for a logged-in user. */
    private IQ form(IQ request, JID from) throws StanzaErrorException {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", Namespaces.REGISTER);
        if (from != null) {
            query.addElement("registered");
            query.addElement("username").setText(from.getNode());
            query.addElement("password");
            return result;
        }
        if (!creationEnabled) throw new StanzaErrorException(PacketError.Condition.not_allowed, "registration is disabled");
        query.addElement("instructions").setText("Choose a username and password to register with this server.");
        query.addElement("username");
        query.addElement("password");
        return result;
    }

    private IQ submit(IQ request, JID from, Outbox outbox) throws StanzaErrorException {
        Element query = request.getChildElement();
        if (query.element("remove") != null) return remove(request, from, outbox);
        String username = query.elementText("username");
        String password = query.elementText("password");
        // XEP-0077 §3.1: a submission without the required fields gets <not-acceptable/>.
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, "username and password are required");
        }
        try {
            if (from != null) return changePassword(request, from, username, password);
            if (!creationEnabled) throw new StanzaErrorException(PacketError.Condition.not_allowed, "registration is disabled");
            // XEP-0077 §3.1: "If the desired username is already taken, the server MUST return <conflict/>".
            if (!accounts.create(username, password)) {
                throw new StanzaErrorException(PacketError.Condition.conflict, "username is taken");
            }
            log.info("Registered account {} in-band", username);
            return IQ.createResultIQ(request);
        } catch (InvalidAccountException e) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, e.getMessage());
        }
    }

    /** XEP-0077 §3.3: a logged-in user changes its own password. */
    private IQ changePassword(IQ request, JID from, String username, String password)
            throws StanzaErrorException, InvalidAccountException {
        if (!Accounts.normalizeUsername(username).equals(from.getNode())) {
            throw new StanzaErrorException(PacketError.Condition.not_authorized, "you can only change your own password");
        }
        if (!accounts.changePassword(from.getNode(), password)) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, "no such account");
        }
        log.info("Password of {} changed in-band", from.getNode());
        return IQ.createResultIQ(request);
    }

    /** XEP-0077 §3.2: a logged-in user cancels its registration; its sessions are then closed. */
    private IQ remove(IQ request, JID from, Outbox outbox) throws StanzaErrorException {
        if (from == null) throw new StanzaErrorException(PacketError.Condition.not_authorized, "log in to cancel a registration");
        try {
            accounts.delete(from.getNode());
        } catch (InvalidAccountException e) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, e.getMessage());
        }
        log.info("Account {} cancelled in-band", from.getNode());
        outbox.afterReply(() -> closeSessions.accept(from.asBareJID()));
        return IQ.createResultIQ(request);
    }
}
