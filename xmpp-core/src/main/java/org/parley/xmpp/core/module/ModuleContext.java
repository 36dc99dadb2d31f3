package org.parley.xmpp.core.module;

import org.xmpp.packet.JID;

import java.util.Set;

/**
 * What a module may do at start: register IQ handlers, disco features and identities. It also gives read access
 * to what all modules registered, for the disco module (XEP-0030), so the list of supported features is kept in
 * one place only.
 */
public interface ModuleContext {
    /** The domain this server serves, e.g. {@code localhost}. */
    String domain();

    /** The server's own JID (its domain). */
    default JID serverJid() {
        return new JID(null, domain(), null, true);
    }

    /**
     * Registers {@code handler} for all its keys.
     *
     * @throws IllegalStateException if a key is taken or the server has started
     */
    void register(IqHandler handler);

    /** Advertises a disco feature (a namespace) of the server. */
    void addFeature(String feature);

    /** Advertises a disco identity of the server. */
    void addIdentity(DiscoIdentity identity);

    /**
     * Adds a node to the server's disco tree.
     *
     * @throws IllegalStateException if the node name is taken or the server has started
     */
    void addDiscoNode(DiscoNode node);

    /** The disco node with this name, if registered. */
    java.util.Optional<DiscoNode> discoNode(String node);

    /**
     * Adds an interceptor at {@code stage}.
     *
     * @throws IllegalStateException if the server has started
     */
    void addInterceptor(InterceptorStage stage, StanzaInterceptor interceptor);

    /**
     * Advertises a stream feature offered after authentication, e.g.
     * {@code <ver xmlns='urn:xmpp:features:rosterver'/>} (RFC 6121 §2.6.1).
     *
     * @param featureXml one complete element, as XML
     */
    void addStreamFeature(String featureXml);

    /** Adds a listener for bound, available and ended sessions. */
    void addSessionListener(SessionListener listener);

    /**
     * Adds a node to every account's own disco tree (XEP-0030 §3.2), served to the account's owner.
     *
     * @throws IllegalStateException if the node name is taken or the server has started
     */
    default void addAccountDiscoNode(AccountDiscoNode node) {
        throw new UnsupportedOperationException("account disco nodes are not supported by this context");
    }

    /** The account disco node with this name, if a module serves one. */
    default java.util.Optional<AccountDiscoNode> accountDiscoNode(String node) {
        return java.util.Optional.empty();
    }

    /**
     * Makes {@code storage} the server's offline message storage (XEP-0160).
     *
     * @throws IllegalStateException if another module provides it already or the server has started
     */
    default void setOfflineStorage(OfflineStorage storage) {
        throw new UnsupportedOperationException("offline storage is not supported by this context");
    }

    /**
     * Serves a subdomain (e.g. {@code conference.localhost}): every stanza addressed to it or to one of its JIDs
     * goes to the service's handler instead of being bounced as for a remote domain (RFC 6120 §10.4), and the
     * server's disco#items lists it (XEP-0030 §4.1).
     *
     * @throws IllegalStateException if the domain is the server's own, is served already, or the server has started
     */
    default void addService(HostedService service) {
        throw new UnsupportedOperationException("hosted services are not supported by this context");
    }

    /** The hosted services registered so far, in registration order. */
    default java.util.List<HostedService> services() {
        return java.util.List.of();
    }

    /** How to send stanzas. */
    StanzaRouter router();

    /** Who is bound where. */
    SessionView sessions();

    /** All features registered so far (a live, read-only view, sorted). */
    Set<String> features();

    /** All identities registered so far (a live, read-only view). */
    Set<DiscoIdentity> identities();
}
