package org.parley.server.c2s;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.schema.Database;
import org.parley.server.account.Accounts;
import org.parley.server.account.JooqAccountStore;
import org.parley.server.config.ParleyConfig;
import org.parley.server.module.IqDispatcher;
import org.parley.server.module.ModuleRegistry;
import org.parley.server.modules.admin.AdminCommandsModule;
import org.parley.server.modules.disco.DiscoModule;
import org.parley.server.modules.ping.PingModule;
import org.parley.server.modules.register.RegisterModule;
import org.parley.server.modules.version.VersionModule;
import org.parley.server.routing.Router;
import org.parley.server.session.LocalSessionTable;
import org.parley.server.session.LocalSessions;
import org.parley.server.tls.TlsContexts;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.sasl.SaslMechanisms;
import org.parley.xmpp.core.sasl.ScramHash;
import org.parley.xmpp.core.stream.StreamEvent;
import org.parley.xmpp.core.stream.StreamLimits;
import org.parley.xmpp.core.stream.XmppStreamException;
import org.parley.xmpp.core.stream.XmppStreamReader;
import org.xmpp.packet.JID;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client stream negotiation (RFC 6120 §4-§7) on an {@link EmbeddedChannel} holding the real pipeline pieces
 * ({@link XmppStreamDecoder} → {@link C2sStreamHandler}) and real services: an H2 account store, the built-in
 * modules, the router and the session table. The server's output is read back with an {@link XmppStreamReader},
 * as a client would, so it is also checked to be a well-formed stream.
 */
class C2sStreamHandlerTest {
    private static final String DOMAIN = "localhost";
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";
    private static final String PASSWORD = "R0m30";

    @TempDir
    static Path dataDir;
    private static SslContext ssl;

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private Database database;
    private Accounts accounts;
    private LocalSessionTable table;
    private LocalSessions locals;
    private ResumableSessions resumables;

    @BeforeAll
    static void selfSignedCertificate() {
        ssl = TlsContexts.serverContext(config(false, 5, 262_144));
    }

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        if (database != null) database.close();
    }

    // ---- stream header and features (RFC 6120 §4.2, §4.3.2) ----

    @Test
    void streamHeaderIsAnsweredWithHeaderAndFeaturesOfferingStartTlsSaslAndRegistration() {
        Client client = connect(config(false, 5, 262_144));

        List<StreamEvent> events = client.openStream();

        assertThat(events).hasSize(2);
        StreamEvent.StreamOpen header = (StreamEvent.StreamOpen) events.get(0);
        assertThat(header.namespace()).isEqualTo(Namespaces.CLIENT);
        assertThat(header.attributes()).containsEntry("from", DOMAIN).containsEntry("version", "1.0").containsKey("id");
        Element features = element(events, "features", Namespaces.STREAM);
        assertThat(childNames(features)).containsExactly(
                "{" + Namespaces.TLS + "}starttls",
                "{" + Namespaces.SASL + "}mechanisms",
                "{" + Namespaces.REGISTER_FEATURE + "}register");
        assertThat(features.element("mechanisms").elements("mechanism")).extracting(Element::getText)
                .containsExactly("SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(client.channel.isOpen()).isTrue();
    }

    @Test
    void requiredStartTlsIsTheOnlyFeatureOfferedOnAPlainStream() {
        // RFC 6120 §5.3.1: mandatory-to-negotiate TLS is offered alone.
        Client client = connect(config(true, 5, 262_144));

        Element features = element(client.openStream(), "features", Namespaces.STREAM);

        assertThat(childNames(features)).containsExactly("{" + Namespaces.TLS + "}starttls");
        assertThat(features.element("starttls").element("required")).isNotNull();
    }

    @Test
    void wrongStreamNamespaceIsInvalidNamespace() {
        // RFC 6120 §4.8.2: the content namespace of a client stream MUST be jabber:client.
        Client client = connect(config(false, 5, 262_144));

        List<StreamEvent> events = client.send("<stream:stream xmlns='jabber:server'"
                + " xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>");

        assertThat(events.get(0)).isInstanceOf(StreamEvent.StreamOpen.class);
        assertStreamErrorAndClosed(client, events, "invalid-namespace");
    }

    @Test
    void toAnotherDomainIsHostUnknown() {
        // RFC 6120 §4.9.3.6: <host-unknown/> for a 'to' the server does not serve.
        Client client = connect(config(false, 5, 262_144));

        List<StreamEvent> events = client.send(HEADER.replace("to='localhost'", "to='verona.example'"));

        assertStreamErrorAndClosed(client, events, "host-unknown");
    }

    @Test
    void missingVersionIsUnsupportedVersion() {
        // RFC 6120 §4.7.5: no version means 0.9, which this server does not support.
        Client client = connect(config(false, 5, 262_144));

        List<StreamEvent> events = client.send(HEADER.replace("to='localhost' version='1.0'>", "to='localhost'>"));

        assertStreamErrorAndClosed(client, events, "unsupported-version");
    }

    @Test
    void malformedXmlIsNotWellFormedAndClosesTheConnection() {
        // RFC 6120 §4.9.3.13 / §11: XML that is not well-formed ends the stream.
        Client client = connect(config(false, 5, 262_144));
        client.openStream();

        List<StreamEvent> events = client.send("<message to='romeo@localhost'><body>hi</message>");

        assertStreamErrorAndClosed(client, events, "not-well-formed");
    }

    @Test
    void oversizedStanzaIsPolicyViolation() {
        // RFC 6120 §13.12: a stanza over the configured limit ends the stream with <policy-violation/>.
        Client client = connect(config(false, 5, 1024));
        client.openStream();

        List<StreamEvent> events = client.send("<message to='romeo@localhost'><body>" + "x".repeat(2000) + "</body></message>");

        assertStreamErrorAndClosed(client, events, "policy-violation");
    }

    @Test
    void stanzaBeforeAuthenticationIsNotAuthorized() {
        // RFC 6120 §4.9.3.12: stanzas sent before the stream is authenticated get <not-authorized/>.
        Client client = connect(config(false, 5, 262_144));
        client.openStream();

        List<StreamEvent> events = client.send("<message to='romeo@localhost'><body>hi</body></message>");

        assertStreamErrorAndClosed(client, events, "not-authorized");
    }

    // ---- STARTTLS (RFC 6120 §5.4) ----

    @Test
    void startTlsIsAnsweredWithProceedAndPutsTlsFirstInThePipeline() {
        Client client = connect(config(true, 5, 262_144));
        client.openStream();

        List<StreamEvent> events = client.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");

        assertThat(events).hasSize(1);
        assertThat(element(events, "proceed", Namespaces.TLS)).isNotNull();
        assertThat(client.channel.pipeline().first()).isInstanceOf(SslHandler.class);
        assertThat(client.channel.isOpen()).isTrue();
    }

    // ---- SASL (RFC 6120 §6) ----

    @Test
    void authBeforeTlsWhenTlsIsRequiredFailsWithEncryptionRequired() {
        // RFC 6120 §6.5.4: <encryption-required/> when TLS must come first.
        createAccount("juliet");
        Client client = connect(config(true, 5, 262_144));
        client.openStream();

        List<StreamEvent> events = client.send(plainAuth("juliet", PASSWORD));

        Element failure = element(events, "failure", Namespaces.SASL);
        assertThat(failure.element("encryption-required")).isNotNull();
        assertThat(events).noneMatch(e -> e instanceof StreamEvent.Stanza s && "success".equals(s.element().getName()));
        assertThat(client.channel.isOpen()).isTrue();
    }

    @Test
    void plainSuccessThenStreamRestartOffersResourceBinding() {
        createAccount("juliet");
        Client client = connect(config(false, 5, 262_144));
        client.openStream();

        List<StreamEvent> auth = client.send(plainAuth("juliet", PASSWORD));
        assertThat(element(auth, "success", Namespaces.SASL)).isNotNull();

        // RFC 6120 §6.4.6: after <success/> the client opens a new stream; the features now offer bind (§7.1).
        List<StreamEvent> restarted = client.openStream();
        assertThat(restarted.get(0)).isInstanceOf(StreamEvent.StreamOpen.class);
        Element features = element(restarted, "features", Namespaces.STREAM);
        assertThat(childNames(features)).contains("{" + Namespaces.BIND + "}bind")
                .doesNotContain("{" + Namespaces.SASL + "}mechanisms", "{" + Namespaces.TLS + "}starttls");
    }

    @Test
    void wrongPasswordFailsWithNotAuthorizedAndTheStreamStaysOpen() {
        createAccount("juliet");
        Client client = connect(config(false, 3, 262_144));
        client.openStream();

        List<StreamEvent> events = client.send(plainAuth("juliet", "wrong"));

        assertThat(element(events, "failure", Namespaces.SASL).element("not-authorized")).isNotNull();
        assertThat(client.channel.isOpen()).isTrue();
        // RFC 6120 §6.4.5: the client may retry.
        assertThat(element(client.send(plainAuth("juliet", PASSWORD)), "success", Namespaces.SASL)).isNotNull();
    }

    @Test
    void maxFailuresWrongPasswordsCloseTheStreamWithPolicyViolation() {
        // RFC 6120 §6.4.5: after a configurable number of retries the server closes the stream.
        createAccount("juliet");
        Client client = connect(config(false, 2, 262_144));
        client.openStream();

        client.send(plainAuth("juliet", "wrong"));
        assertThat(client.channel.isOpen()).isTrue();
        List<StreamEvent> events = client.send(plainAuth("juliet", "still wrong"));

        assertThat(element(events, "failure", Namespaces.SASL).element("not-authorized")).isNotNull();
        assertStreamErrorAndClosed(client, events, "policy-violation");
    }

    // ---- resource binding (RFC 6120 §7) ----

    @Test
    void bindWithARequestedResourceReturnsTheFullJid() {
        Client client = authenticated("juliet");

        List<StreamEvent> events = client.send("<iq type='set' id='bind_1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>balcony</resource></bind></iq>");

        Element iq = element(events, "iq", Namespaces.CLIENT);
        assertThat(iq.attributeValue("type")).isEqualTo("result");
        assertThat(iq.attributeValue("id")).isEqualTo("bind_1");
        assertThat(iq.element("bind").elementText("jid")).isEqualTo("juliet@localhost/balcony");
        JID bound = new JID("juliet@localhost/balcony");
        assertThat(table.get(bound)).hasValueSatisfying(entry -> assertThat(entry.available()).isFalse());
        assertThat(locals.get(bound)).isPresent();
    }

    @Test
    void bindWithoutAResourceGetsOneGeneratedByTheServer() {
        // RFC 6120 §7.6: "the server MUST generate a resourcepart on the client's behalf".
        Client client = authenticated("juliet");

        List<StreamEvent> events = client.send("<iq type='set' id='bind_1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");

        JID jid = new JID(element(events, "iq", Namespaces.CLIENT).element("bind").elementText("jid"));
        assertThat(jid.toBareJID()).isEqualTo("juliet@localhost");
        assertThat(jid.getResource()).isNotBlank();
        assertThat(table.get(jid)).isPresent();
    }

    @Test
    void bindWithAnInvalidResourceIsBadRequest() {
        // RFC 6120 §7.7.2.1: a resourcepart that cannot be processed gets <bad-request/>.
        Client client = authenticated("juliet");

        List<StreamEvent> events = client.send("<iq type='set' id='bind_2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>bal\u007Fcony</resource></bind></iq>");

        Element iq = element(events, "iq", Namespaces.CLIENT);
        assertThat(iq.attributeValue("type")).isEqualTo("error");
        assertThat(iq.attributeValue("id")).isEqualTo("bind_2");
        assertThat(iq.element("error").element("bad-request")).isNotNull();
        assertThat(table.size()).isZero();
        assertThat(client.channel.isOpen()).isTrue();
    }

    @Test
    void anotherIqBeforeBindingIsNotAuthorized() {
        // RFC 6120 §7.2: until a resource is bound the client can send nothing else.
        Client client = authenticated("juliet");

        List<StreamEvent> events = client.send("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");

        assertStreamErrorAndClosed(client, events, "not-authorized");
    }

    @Test
    void aBoundSessionExchangesStanzasThroughTheRouter() {
        Client client = bound("juliet", "balcony");

        List<StreamEvent> events = client.send("<iq type='get' id='ping_1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");

        // XEP-0199 §4.2: the server answers its ping with a result, addressed to the stamped full JID.
        Element iq = element(events, "iq", Namespaces.CLIENT);
        assertThat(iq.attributeValue("type")).isEqualTo("result");
        assertThat(iq.attributeValue("id")).isEqualTo("ping_1");
        assertThat(iq.attributeValue("from")).isEqualTo(DOMAIN);
        assertThat(iq.attributeValue("to")).isEqualTo("juliet@localhost/balcony");
    }

    @Test
    void aMessageToABoundFullJidReachesThatStreamWithTheSenderStamped() {
        Client juliet = bound("juliet", "balcony");
        Client romeo = bound("romeo", "orchard");

        assertThat(juliet.send("<message to='romeo@localhost/orchard' type='chat' id='m1'><body>Wherefore art thou?</body></message>"))
                .isEmpty();

        Element message = element(romeo.read(), "message", Namespaces.CLIENT);
        assertThat(message.attributeValue("from")).isEqualTo("juliet@localhost/balcony");
        assertThat(message.attributeValue("id")).isEqualTo("m1");
        assertThat(message.elementText("body")).isEqualTo("Wherefore art thou?");
    }

    @Test
    void chatToABareJidIsDeliveredOnlyOnceTheRecipientIsAvailable() {
        Client juliet = bound("juliet", "balcony");
        Client romeo = bound("romeo", "orchard");
        String chat = "<message to='romeo@localhost' type='chat' id='m2'><body>Art thou not Romeo?</body></message>";

        // RFC 6121 §8.5.2.2.1: no available resource and no offline storage: <service-unavailable/> to the sender.
        Element bounce = element(juliet.send(chat), "message", Namespaces.CLIENT);
        assertThat(bounce.attributeValue("type")).isEqualTo("error");
        assertThat(bounce.attributeValue("to")).isEqualTo("juliet@localhost/balcony");
        assertThat(bounce.element("error").element("service-unavailable")).isNotNull();
        assertThat(romeo.read()).isEmpty();

        // RFC 6121 §4.2.2: initial presence makes the resource available (and is sent back to it).
        Element ownPresence = element(romeo.send("<presence><priority>1</priority></presence>"), "presence", Namespaces.CLIENT);
        assertThat(ownPresence.attributeValue("from")).isEqualTo("romeo@localhost/orchard");

        assertThat(juliet.send(chat)).isEmpty();
        assertThat(element(romeo.read(), "message", Namespaces.CLIENT).elementText("body")).isEqualTo("Art thou not Romeo?");
    }

    @Test
    void aSpoofedFromOnABoundStreamIsInvalidFrom() {
        Client client = bound("juliet", "balcony");

        List<StreamEvent> events = client.send("<message from='romeo@localhost/orchard' to='juliet@localhost'><body>x</body></message>");

        assertStreamErrorAndClosed(client, events, "invalid-from");
        assertThat(table.size()).isZero();
    }

    @Test
    void closingTheStreamIsAnsweredAndEndsTheSession() {
        // RFC 6120 §4.4: the server answers the closing tag with its own and closes the connection.
        Client client = bound("juliet", "balcony");

        List<StreamEvent> events = client.send("</stream:stream>");

        assertThat(events).last().isInstanceOf(StreamEvent.StreamClose.class);
        assertThat(client.channel.isOpen()).isFalse();
        assertThat(table.size()).isZero();
        assertThat(locals.get(new JID("juliet@localhost/balcony"))).isEmpty();
    }

    @Test
    void bindingAResourceInUseEndsTheOlderSessionWithConflict() {
        // RFC 6120 §7.7.2.2: the server's policy here is to terminate the older session with <conflict/>.
        Client older = bound("juliet", "balcony");
        Client newer = bound("juliet", "balcony");

        List<StreamEvent> events = older.read();

        assertStreamErrorAndClosed(older, events, "conflict");
        JID jid = new JID("juliet@localhost/balcony");
        assertThat(table.size()).isEqualTo(1);
        assertThat(locals.get(jid)).isPresent();
        // The newer session still receives what is routed to the full JID.
        assertThat(element(newer.send("<iq type='get' id='ping_2' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>"),
                "iq", Namespaces.CLIENT).attributeValue("id")).isEqualTo("ping_2");
    }

    @Test
    void legacySessionEstablishmentIsAcknowledged() {
        // RFC 6121 Appendix E: the optional <session/> of old clients gets an empty result.
        Client client = authenticated("juliet");

        Element iq = element(client.send("<iq type='set' id='sess_1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>"),
                "iq", Namespaces.CLIENT);

        assertThat(iq.attributeValue("type")).isEqualTo("result");
        assertThat(iq.attributeValue("id")).isEqualTo("sess_1");
        assertThat(client.channel.isOpen()).isTrue();
    }

    // ---- keepalive (XEP-0199 §4.2: server-to-client pings) ----

    @Test
    void idleBeforeBindingIsConnectionTimeout() {
        Client client = connect(config(false, 5, 262_144));
        client.openStream();

        client.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);

        assertStreamErrorAndClosed(client, client.read(), "connection-timeout");
    }

    @Test
    void idleBoundClientIsPingedAndClosedWhenItDoesNotAnswer() {
        Client client = bound("juliet", "balcony");
        client.channel.freezeTime();

        client.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        Element ping = element(client.read(), "iq", Namespaces.CLIENT);
        assertThat(ping.attributeValue("type")).isEqualTo("get");
        assertThat(ping.attributeValue("to")).isEqualTo("juliet@localhost/balcony");
        assertThat(ping.element("ping").getNamespaceURI()).isEqualTo(Namespaces.PING);

        client.channel.advanceTimeBy(ParleyConfig.defaults().keepalive().pingTimeoutSeconds(), TimeUnit.SECONDS);
        client.channel.runScheduledPendingTasks();

        assertStreamErrorAndClosed(client, client.read(), "connection-timeout");
        assertThat(table.size()).isZero();
    }

    @Test
    void idleBoundClientThatAnswersThePingStaysConnected() {
        Client client = bound("juliet", "balcony");
        client.channel.freezeTime();
        client.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        Element ping = element(client.read(), "iq", Namespaces.CLIENT);

        client.send("<iq type='result' id='" + ping.attributeValue("id") + "' to='localhost'/>");
        client.channel.advanceTimeBy(ParleyConfig.defaults().keepalive().pingTimeoutSeconds(), TimeUnit.SECONDS);
        client.channel.runScheduledPendingTasks();

        assertThat(client.read()).isEmpty();
        assertThat(client.channel.isOpen()).isTrue();
        assertThat(table.size()).isEqualTo(1);
    }

    // ---- in-band registration before authentication (XEP-0077 §3.1) ----

    @Test
    void inBandRegistrationBeforeAuthenticationCreatesTheAccount() {
        Client client = connect(config(false, 5, 262_144));
        client.openStream();

        Element form = element(client.send("<iq type='get' id='reg1'><query xmlns='jabber:iq:register'/></iq>"),
                "iq", Namespaces.CLIENT);
        assertThat(form.attributeValue("type")).isEqualTo("result");
        assertThat(form.element("query").element("username")).isNotNull();
        assertThat(form.element("query").element("password")).isNotNull();

        Element result = element(client.send("<iq type='set' id='reg2'><query xmlns='jabber:iq:register'>"
                + "<username>bill</username><password>Calliope</password></query></iq>"), "iq", Namespaces.CLIENT);

        assertThat(result.attributeValue("type")).isEqualTo("result");
        assertThat(result.attributeValue("id")).isEqualTo("reg2");
        assertThat(accounts.exists("bill")).isTrue();
        assertThat(accounts.store().credentials("bill", ScramHash.SHA_256))
                .hasValueSatisfying(c -> assertThat(c.verifyPassword("Calliope")).isTrue());
        assertThat(element(client.send(plainAuth("bill", "Calliope")), "success", Namespaces.SASL)).isNotNull();
    }

    @Test
    void inBandRegistrationIsNotAvailableBeforeRequiredTls() {
        // The password would cross the wire in the clear: with TLS required, registration waits for it too.
        Client client = connect(config(true, 5, 262_144));
        client.openStream();

        List<StreamEvent> events = client.send("<iq type='set' id='reg2'><query xmlns='jabber:iq:register'>"
                + "<username>bill</username><password>Calliope</password></query></iq>");

        assertStreamErrorAndClosed(client, events, "not-authorized");
        assertThat(accounts.exists("bill")).isFalse();
    }

    // ---- fixtures ----

    /** One client connection: the channel and the reader of what the server sent on the current stream. */
    private static final class Client {
        final EmbeddedChannel channel;
        private XmppStreamReader reader;

        Client(EmbeddedChannel channel) {
            this.channel = channel;
        }

        /** Opens a (new) stream: a client restarts its reader too (RFC 6120 §4.3.3). */
        List<StreamEvent> openStream() {
            reader = new XmppStreamReader(StreamLimits.defaults());
            return send(HEADER);
        }

        List<StreamEvent> send(String xml) {
            if (reader == null) reader = new XmppStreamReader(StreamLimits.defaults());
            channel.writeInbound(Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
            return read();
        }

        /** Runs the tasks blocking work posted back to the event loop, then parses all output. */
        List<StreamEvent> read() {
            channel.runPendingTasks();
            List<StreamEvent> events = new ArrayList<>();
            for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                try {
                    events.addAll(reader.feed(out));
                } catch (XmppStreamException e) {
                    throw new AssertionError("the server sent XML that is not a well-formed stream", e);
                } finally {
                    out.release();
                }
            }
            return events;
        }
    }

    private Client connect(ParleyConfig config) {
        if (database == null) startServices();
        ModuleRegistry modules = new ModuleRegistry(DOMAIN);
        IqDispatcher dispatcher = new IqDispatcher(modules, Runnable::run, accounts::exists);
        Router router = new Router(DOMAIN, table, locals, dispatcher, modules::interceptors, modules);
        modules.attach(router, router);
        modules.start(new DiscoModule());
        modules.start(new PingModule());
        modules.start(new VersionModule("test"));
        modules.start(new RegisterModule(accounts, config.registration().enabled(), jid -> { }));
        modules.start(new AdminCommandsModule(accounts, Set.of(new JID("admin@localhost")), jid -> { }));
        modules.seal();
        SaslMechanisms sasl = new SaslMechanisms(accounts.store(), new LinkedHashSet<>(config.sasl().mechanisms()));
        C2sServices services = new C2sServices(config, ssl, sasl, router, dispatcher, modules, table, locals, Runnable::run,
                "local", new DefaultChannelGroup("c2s", GlobalEventExecutor.INSTANCE), resumables);
        var limits = config.limits();
        EmbeddedChannel channel = new EmbeddedChannel(
                new XmppStreamDecoder(new StreamLimits(limits.maxStanzaBytes(), limits.maxDepth(), limits.maxAttributes())),
                new C2sStreamHandler(services, false));
        channels.add(channel);
        return new Client(channel);
    }

    private void startServices() {
        database = Database.open("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 2);
        accounts = new Accounts(new JooqAccountStore(database), 4096);
        table = new LocalSessionTable();
        locals = new LocalSessions();
        resumables = new ResumableSessions();
    }

    private void createAccount(String username) {
        if (database == null) startServices();
        try {
            assertThat(accounts.create(username, PASSWORD)).isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A client that authenticated with PLAIN and restarted the stream. */
    private Client authenticated(String username) {
        if (accounts == null || !accounts.exists(username)) createAccount(username);
        Client client = connect(config(false, 5, 262_144));
        client.openStream();
        assertThat(element(client.send(plainAuth(username, PASSWORD)), "success", Namespaces.SASL)).isNotNull();
        client.openStream();
        return client;
    }

    private Client bound(String username, String resource) {
        Client client = authenticated(username);
        Element iq = element(client.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                + resource + "</resource></bind></iq>"), "iq", Namespaces.CLIENT);
        assertThat(iq.attributeValue("type")).isEqualTo("result");
        return client;
    }

    private static String plainAuth(String username, String password) {
        String response = Base64.getEncoder().encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + response + "</auth>";
    }

    private static ParleyConfig config(boolean starttlsRequired, int maxFailures, int maxStanzaBytes) {
        ParleyConfig d = ParleyConfig.defaults();
        return new ParleyConfig(DOMAIN, dataDir.toString(), d.admins(), d.admin(), d.registration(),
                new ParleyConfig.C2s("127.0.0.1", 0, 0, starttlsRequired), d.tls(), d.database(),
                new ParleyConfig.Limits(maxStanzaBytes, d.limits().maxDepth(), d.limits().maxAttributes(),
                        d.limits().maxRosterItems(), d.limits().maxVcardChars(), d.limits().maxBodyChars()),
                d.keepalive(), new ParleyConfig.Sasl(d.sasl().mechanisms(), 4096, maxFailures), d.offline(),
                d.streamManagement(), d.archive(), d.muc());
    }

    private static Element element(List<StreamEvent> events, String name, String namespace) {
        return events.stream()
                .filter(StreamEvent.Stanza.class::isInstance)
                .map(e -> ((StreamEvent.Stanza) e).element())
                .filter(e -> e.getName().equals(name) && e.getNamespaceURI().equals(namespace))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no {" + namespace + "}" + name + " in " + events));
    }

    private static List<String> childNames(Element element) {
        return element.elements().stream().map(e -> "{" + e.getNamespaceURI() + "}" + e.getName()).toList();
    }

    /** RFC 6120 §4.9: the error element with one defined condition, the closing tag, then the connection closed. */
    private static void assertStreamErrorAndClosed(Client client, List<StreamEvent> events, String condition) {
        Element error = element(events, "error", Namespaces.STREAM);
        assertThat(error.elements())
                .filteredOn(e -> e.getNamespaceURI().equals(Namespaces.STREAM_ERRORS) && !e.getName().equals("text"))
                .extracting(Element::getName).containsExactly(condition);
        assertThat(events).last().isInstanceOf(StreamEvent.StreamClose.class);
        assertThat(client.channel.isOpen()).isFalse();
    }
}
