package org.parley.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.parley.archive.ArchiveIds;
import org.parley.archive.ArchiveMode;
import org.parley.archive.ArchiveModule;
import org.parley.archive.JooqArchiveStore;
import org.parley.archive.JooqMessageStore;
import org.parley.offline.JooqOfflineStore;
import org.parley.offline.OfflineModule;
import org.parley.muc.JooqRoomStore;
import org.parley.muc.MucModule;
import org.parley.muc.RoomArchive;
import org.parley.muc.MucSettings;
import org.parley.presence.PresenceModule;
import org.parley.presence.PresenceTracker;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.avatar.AvatarConversion;
import org.parley.presence.bookmarks.BookmarksCompat;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.Rosters;
import org.parley.presence.blocking.BlockingModule;
import org.parley.presence.pep.JooqPepStore;
import org.parley.presence.pep.PepModule;
import org.parley.presence.store.JooqBlockListStore;
import org.parley.presence.store.JooqLastActivityStore;
import org.parley.presence.store.JooqVCardStore;
import org.parley.presence.store.JooqPrivateXmlStore;
import org.parley.presence.privatexml.PrivateXmlModule;
import org.parley.presence.vcard.VCardModule;
import org.parley.presence.store.JooqRosterStore;
import org.parley.schema.Database;
import org.parley.server.account.Accounts;
import org.parley.server.account.JooqAccountStore;
import org.parley.server.c2s.C2sChannelInitializer;
import org.parley.server.c2s.C2sServices;
import org.parley.server.c2s.C2sStreamHandler;
import org.parley.server.c2s.ResumableSessions;
import org.parley.server.config.ParleyConfig;
import org.parley.server.module.IqDispatcher;
import org.parley.server.module.ModuleRegistry;
import org.parley.server.modules.admin.AdminCommandsModule;
import org.parley.server.modules.carbons.CarbonsModule;
import org.parley.server.modules.disco.DiscoModule;
import org.parley.server.modules.ping.PingModule;
import org.parley.server.modules.register.RegisterModule;
import org.parley.server.modules.version.VersionModule;
import org.parley.server.routing.Router;
import org.parley.server.session.LocalSessions;
import org.parley.server.session.LocalSessionTable;
import org.parley.server.session.SessionTable;
import org.parley.server.tls.TlsContexts;
import org.parley.xmpp.core.sasl.SaslMechanisms;
import org.parley.xmpp.core.stream.StreamErrorCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running Parley server: storage, modules, router and the client listeners (RFC 6120 c2s with STARTTLS on
 * {@code c2s.port}, XEP-0368 direct TLS on {@code c2s.direct_tls_port}). {@link #start} returns once the
 * listeners are bound; {@link #close} ends every stream with {@code <system-shutdown/>} and releases everything.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);

    private final ParleyConfig config;
    private final Database database;
    private final Accounts accounts;
    private final ModuleRegistry modules;
    private final ExecutorService blocking;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup clientChannels = new DefaultChannelGroup("c2s", GlobalEventExecutor.INSTANCE);
    private final SessionTable table = new LocalSessionTable();
    private final LocalSessions locals = new LocalSessions();
    private final ResumableSessions resumables = new ResumableSessions();
    private final UserQueues userQueues;
    private Channel c2sChannel;
    private Channel directTlsChannel;
    private volatile boolean closed;

    private ParleyServer(ParleyConfig config, Database database) {
        this.config = config;
        this.database = database;
        this.accounts = new Accounts(new JooqAccountStore(database), config.sasl().scramIterations());
        this.modules = new ModuleRegistry(config.domain());
        this.blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("parley-blocking-", 0).factory());
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        this.userQueues = new UserQueues(blocking);
    }

    /**
     * Opens the database (migrating it), creates the bootstrap admin if missing, starts the modules and binds
     * the listeners.
     *
     * @throws org.parley.server.config.ConfigException for unusable TLS files
     * @throws RuntimeException if the database cannot be opened or a port cannot be bound
     */
    public static ParleyServer start(ParleyConfig config) {
        Database database = Database.open(config.jdbcUrl(), config.database().username(),
                config.database().password(), config.database().poolSize());
        ParleyServer server = new ParleyServer(config, database);
        try {
            server.startup();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return server;
    }

    private void startup() throws InterruptedException {
        new AdminBootstrap(accounts, config).ensureAdmin();
        IqDispatcher dispatcher = new IqDispatcher(modules, blocking, accounts::exists);
        Router router = new Router(config.domain(), table, locals, dispatcher, modules::interceptors, modules);
        modules.attach(router, router);
        modules.start(new DiscoModule());
        modules.start(new PingModule());
        modules.start(new VersionModule(version()));
        modules.start(new RegisterModule(accounts, config.registration().enabled(), this::closeSessionsOf));
        modules.start(new AdminCommandsModule(accounts, adminJids(), this::closeSessionsOf));
        modules.start(new CarbonsModule(table));
        Rosters rosters = new Rosters(new JooqRosterStore(database));
        PresenceTracker presence = new PresenceTracker();
        modules.start(new BlockingModule(new JooqBlockListStore(database), rosters, presence, userQueues));
        modules.start(new PresenceModule(rosters, new JooqLastActivityStore(database), userQueues, presence,
                accounts::exists, config.limits().maxRosterItems()));
        int maxVcardChars = config.limits().maxVcardChars();
        JooqVCardStore vcards = new JooqVCardStore(database);
        JooqPrivateXmlStore privateXml = new JooqPrivateXmlStore(database);
        VCardModule vcard = new VCardModule(vcards, maxVcardChars, userQueues);
        PrivateXmlModule privateXmlModule = new PrivateXmlModule(privateXml, maxVcardChars, userQueues);
        PepModule pep = new PepModule(new JooqPepStore(database), rosters, presence, userQueues);
        modules.start(vcard);
        modules.start(privateXmlModule);
        modules.start(pep);
        modules.start(new AvatarConversion(vcards, maxVcardChars, pep, vcard, userQueues));
        modules.start(new BookmarksCompat(privateXml, pep, privateXmlModule));
        modules.start(new OfflineModule(new JooqOfflineStore(database), config.offline().maxMessagesPerUser(),
                accounts::exists, userQueues));
        // One id generator for users' and rooms' archives: ids are unique and ordered across both.
        ArchiveIds archiveIds = new ArchiveIds();
        modules.start(new ArchiveModule(new JooqArchiveStore(database), archiveIds,
                ArchiveMode.of(config.archive().defaultMode()).orElseThrow(),
                Duration.ofDays(config.archive().retentionDays()),
                (user, contact) -> rosters.item(user, new JID(contact)).filter(RosterItem::visible).isPresent(), blocking));
        // XEP-0313 §7: the archive's features on each account's bare JID, where clients look for them.
        ArchiveModule.ACCOUNT_FEATURES.forEach(pep::addAccountFeature);
        ParleyConfig.Muc muc = config.muc();
        if (muc.enabled()) {
            modules.start(new MucModule(new MucSettings(muc.serviceDomain(config.domain()), muc.maxMembers(),
                    muc.maxUsers(), muc.historySize(), adminJids()), new JooqRoomStore(database),
                    new RoomArchive(JooqMessageStore.rooms(database), archiveIds,
                            Duration.ofDays(config.archive().retentionDays()), Clock.systemUTC()),
                    userQueues, Clock.systemUTC()));
        }
        modules.seal();

        SslContext ssl = TlsContexts.serverContext(config);
        SaslMechanisms sasl = new SaslMechanisms(accounts.store(), new LinkedHashSet<>(config.sasl().mechanisms()));
        C2sServices services = new C2sServices(config, ssl, sasl, router, dispatcher, modules, table, locals, blocking,
                "local", clientChannels, resumables);
        var c2s = config.c2s();
        if (c2s.port() >= 0) c2sChannel = bind(new C2sChannelInitializer(services, false), c2s.port());
        if (c2s.directTlsPort() >= 0) directTlsChannel = bind(new C2sChannelInitializer(services, true), c2s.directTlsPort());
        log.info("Parley {} serving {}: c2s STARTTLS on {}, direct TLS on {}", version(), config.domain(),
                c2sPort(), directTlsPort());
    }

    private Channel bind(C2sChannelInitializer initializer, int port) throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress(config.c2s().bindAddress(), port))
                .sync()
                .channel();
    }

    private Set<JID> adminJids() {
        Set<JID> admins = new LinkedHashSet<>();
        for (String admin : config.admins()) {
            admins.add(new JID(admin.contains("@") ? admin : admin + "@" + config.domain()).asBareJID());
        }
        return admins;
    }

    private void closeSessionsOf(JID bareJid) {
        table.sessionsOf(bareJid).forEach(entry -> locals.get(entry.fullJid())
                .ifPresent(s -> s.close(StreamErrorCondition.NOT_AUTHORIZED, "the account was removed")));
    }

    private static void awaitQuietly(CompletableFuture<?> future, String what) {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Shutdown: gave up waiting for {}: {}", what, e.toString());
        }
    }

    /** The version of this build (from the jar manifest), or {@code dev}. */
    public static String version() {
        String v = ParleyServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The bound STARTTLS port, or -1 when that listener is off. */
    public int c2sPort() {
        return c2sChannel == null ? -1 : ((InetSocketAddress) c2sChannel.localAddress()).getPort();
    }

    /** The bound direct TLS port, or -1 when that listener is off. */
    public int directTlsPort() {
        return directTlsChannel == null ? -1 : ((InetSocketAddress) directTlsChannel.localAddress()).getPort();
    }

    /** The configuration in use. */
    public ParleyConfig config() {
        return config;
    }

    /** Account operations (for tools and tests). */
    public Accounts accounts() {
        return accounts;
    }

    /** The number of bound client sessions. */
    public int sessionCount() {
        return table.size();
    }

    /**
     * Stops accepting connections, ends every client stream with {@code <system-shutdown/>} (RFC 6120 §4.9.3.20)
     * and every session waiting for resumption (XEP-0198 §5), waits until the messages those sessions never
     * acknowledged have been routed again (to offline storage) and the per-user queues have done their work, then
     * stops modules and closes the database. Idempotent.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        log.info("Parley is shutting down");
        if (c2sChannel != null) c2sChannel.close().syncUninterruptibly();
        if (directTlsChannel != null) directTlsChannel.close().syncUninterruptibly();
        List<CompletableFuture<Void>> ended = new ArrayList<>();
        for (Channel ch : clientChannels) {
            C2sStreamHandler handler = ch.pipeline().get(C2sStreamHandler.class);
            if (handler != null) ended.add(handler.shutdown());
        }
        ended.add(resumables.endAll());
        awaitQuietly(CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new)), "sessions to end");
        clientChannels.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        awaitQuietly(userQueues.idle(), "per-user queues to finish");
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        modules.stopAll();
        blocking.shutdown();
        try {
            blocking.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
        log.info("Parley stopped");
    }
}
