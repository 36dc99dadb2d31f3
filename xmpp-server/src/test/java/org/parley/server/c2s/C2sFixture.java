package org.parley.server.c2s;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.dom4j.Element;
import org.parley.schema.Database;
import org.parley.server.account.Accounts;
import org.parley.server.account.JooqAccountStore;
import org.parley.server.config.ParleyConfig;
import org.parley.server.module.IqDispatcher;
import org.parley.server.module.ModuleRegistry;
import org.parley.server.modules.disco.DiscoModule;
import org.parley.server.modules.ping.PingModule;
import org.parley.server.routing.Router;
import org.parley.server.session.ClientSession;
import org.parley.server.session.LocalSessionTable;
import org.parley.server.session.LocalSessions;
import org.parley.server.tls.TlsContexts;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.OfflineStorage;
import org.parley.xmpp.core.module.XmppModule;
import org.parley.xmpp.core.sasl.SaslMechanisms;
import org.parley.xmpp.core.stream.StreamEvent;
import org.parley.xmpp.core.stream.StreamLimits;
import org.parley.xmpp.core.stream.XmppStreamException;
import org.parley.xmpp.core.stream.XmppStreamReader;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client streams on {@link EmbeddedChannel}s holding the real pipeline ({@link XmppStreamDecoder} →
 * {@link C2sStreamHandler}) and real services (H2 accounts, router, session table, resumable sessions), with an
 * offline storage that records what it is given. Each channel has its own embedded event loop; {@link #settle()}
 * runs them all, as the server's loops would. The server's output is read back as a client would, so it is also
 * checked to be a well-formed stream.
 */
final class C2sFixture implements AutoCloseable {
    static final String DOMAIN = "localhost";
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";
    static final String PASSWORD = "R0m30";
    static final String SM = "urn:xmpp:sm:3";

    private final List<Client> clients = new ArrayList<>();
    private final Database database;
    private final SslContext ssl;
    private final ParleyConfig config;
    final Accounts accounts;
    final LocalSessionTable table = new LocalSessionTable();
    final LocalSessions locals = new LocalSessions();
    final ResumableSessions resumables = new ResumableSessions();
    /** What the router handed to offline storage, in order. */
    final List<Message> offline = new CopyOnWriteArrayList<>();
    final Router router;
    private final C2sServices services;

    /**
     * @param resumeTimeoutSeconds the configured {@code stream_management.resume_timeout_seconds}
     * @param extra                modules started after the built-in ones (e.g. interceptors)
     */
    C2sFixture(Path dataDir, int resumeTimeoutSeconds, XmppModule... extra) {
        ParleyConfig d = ParleyConfig.defaults();
        config = new ParleyConfig(DOMAIN, dataDir.toString(), d.admins(), d.admin(), d.registration(),
                new ParleyConfig.C2s("127.0.0.1", 0, 0, false), d.tls(), d.database(), d.limits(), d.keepalive(),
                d.sasl(), d.offline(), new ParleyConfig.StreamManagement(resumeTimeoutSeconds, 50), d.archive(), d.muc());
        ssl = TlsContexts.serverContext(config);
        database = Database.open("jdbc:h2:mem:sm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 2);
        accounts = new Accounts(new JooqAccountStore(database), 4096);
        ModuleRegistry modules = new ModuleRegistry(DOMAIN);
        IqDispatcher dispatcher = new IqDispatcher(modules, Runnable::run, accounts::exists);
        router = new Router(DOMAIN, table, locals, dispatcher, modules::interceptors, modules);
        modules.attach(router, router);
        modules.start(new DiscoModule());
        modules.start(new PingModule());
        modules.start(new RecordingOfflineStorage(offline));
        for (XmppModule module : extra) modules.start(module);
        modules.seal();
        SaslMechanisms sasl = new SaslMechanisms(accounts.store(), new LinkedHashSet<>(config.sasl().mechanisms()));
        services = new C2sServices(config, ssl, sasl, router, dispatcher, modules, table, locals, Runnable::run,
                "local", new DefaultChannelGroup("c2s", GlobalEventExecutor.INSTANCE), resumables);
    }

    ParleyConfig config() {
        return config;
    }

    /** Creates the account if needed. */
    void account(String username) {
        try {
            if (!accounts.exists(username)) assertThat(accounts.create(username, PASSWORD)).isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A new connection with the stream header not sent yet. */
    Client connect() {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder(StreamLimits.defaults()),
                new C2sStreamHandler(services, false));
        Client client = new Client(channel);
        clients.add(client);
        return client;
    }

    /** A connection authenticated with PLAIN, the stream restarted; the features are in {@link Client#features}. */
    Client authenticated(String username) {
        account(username);
        Client client = connect();
        client.openStream();
        assertThat(element(client.send(plainAuth(username)), "success", Namespaces.SASL)).isNotNull();
        client.features = element(client.openStream(), "features", Namespaces.STREAM);
        return client;
    }

    /** A connection with {@code resource} bound. */
    Client bound(String username, String resource) {
        Client client = authenticated(username);
        Element iq = element(client.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                + resource + "</resource></bind></iq>"), "iq", Namespaces.CLIENT);
        assertThat(iq.attributeValue("type")).isEqualTo("result");
        return client;
    }

    /** A bound, available connection with stream management enabled with resumption; returns the resumption id. */
    String enableResumable(Client client) {
        Element enabled = element(client.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>"), "enabled", SM);
        assertThat(enabled.attributeValue("resume")).isEqualTo("true");
        return enabled.attributeValue("id");
    }

    /** The session the router writes to for {@code fullJid}. */
    ClientSession session(String fullJid) {
        return locals.get(new JID(fullJid)).orElseThrow(() -> new AssertionError("no session for " + fullJid));
    }

    /** Runs every channel's pending tasks (the session's home loop may be another connection's) until all are done. */
    void settle() {
        for (int round = 0; round < 5; round++) {
            for (Client c : clients) c.channel.runPendingTasks();
        }
    }

    /** Moves every connection's clock on and runs what became due. */
    void advanceSeconds(long seconds) {
        for (Client c : clients) c.channel.advanceTimeBy(seconds, java.util.concurrent.TimeUnit.SECONDS);
        for (Client c : clients) c.channel.runScheduledPendingTasks();
        settle();
    }

    /** Stops every connection's clock (so scheduled tasks run only when the test moves time on). */
    void freezeTime() {
        for (Client c : clients) c.channel.freezeTime();
    }

    @Override
    public void close() {
        clients.forEach(c -> c.channel.finishAndReleaseAll());
        database.close();
    }

    /** One client connection: the channel and the reader of what the server sent on the current stream. */
    final class Client {
        final EmbeddedChannel channel;
        private XmppStreamReader reader;
        Element features;
        /** Everything the server wrote to this connection, as text, in order. */
        final StringBuilder received = new StringBuilder();

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

        /** Runs all pending work, then parses what this connection received. */
        List<StreamEvent> read() {
            settle();
            List<StreamEvent> events = new ArrayList<>();
            for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                try {
                    received.append(out.toString(StandardCharsets.UTF_8));
                    events.addAll(reader.feed(out));
                } catch (XmppStreamException e) {
                    throw new AssertionError("the server sent XML that is not a well-formed stream", e);
                } finally {
                    out.release();
                }
            }
            return events;
        }

        /** The first-level elements among {@code events}, by local name (e.g. "message", "r", "a"). */
        List<Element> elements(List<StreamEvent> events) {
            return C2sFixture.elements(events);
        }

        /**
         * The connection breaks without {@code </stream:stream>}. Closed through the channel's unsafe, as a transport
         * does: {@link EmbeddedChannel#close()} would also cancel the tasks scheduled on its loop, the session's timers.
         */
        void cut() {
            channel.unsafe().close(channel.voidPromise());
            settle();
        }
    }

    static List<Element> elements(List<StreamEvent> events) {
        return events.stream().filter(StreamEvent.Stanza.class::isInstance).map(e -> ((StreamEvent.Stanza) e).element()).toList();
    }

    static Element element(List<StreamEvent> events, String name, String namespace) {
        return elements(events).stream()
                .filter(e -> e.getName().equals(name) && e.getNamespaceURI().equals(namespace))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no {" + namespace + "}" + name + " in " + events));
    }

    /** RFC 6120 §4.9: a stream error with this condition, the closing tag, and the connection closed. */
    static Element assertStreamErrorAndClosed(Client client, List<StreamEvent> events, String condition) {
        Element error = element(events, "error", Namespaces.STREAM);
        assertThat(error.elements())
                .filteredOn(e -> e.getNamespaceURI().equals(Namespaces.STREAM_ERRORS) && !e.getName().equals("text"))
                .extracting(Element::getName).containsExactly(condition);
        assertThat(events).last().isInstanceOf(StreamEvent.StreamClose.class);
        assertThat(client.channel.isOpen()).isFalse();
        return error;
    }

    static String plainAuth(String username) {
        String response = Base64.getEncoder().encodeToString(("\0" + username + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + response + "</auth>";
    }

    /** Offline storage (XEP-0160) that keeps what it is handed, in order. */
    private record RecordingOfflineStorage(List<Message> kept) implements XmppModule, OfflineStorage {
        @Override
        public String name() {
            return "recording-offline";
        }

        @Override
        public void start(ModuleContext context) {
            context.setOfflineStorage(this);
        }

        @Override
        public CompletableFuture<Outcome> store(Message message) {
            kept.add(message.createCopy());
            return CompletableFuture.completedFuture(new Outcome.Taken());
        }
    }
}
