package org.parley.archive;

import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.SessionListener;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.XmppModule;
import org.parley.xmpp.core.stream.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;

/**
 * The message archive (XEP-0313) of every local user. At the {@link InterceptorStage#ARCHIVE} stage — after
 * blocking, before the delivery rules, so messages stored offline are archived and carry their id too — a message
 * that {@link Archivable belongs in an archive} is kept in its local sender's archive (out) and its local
 * recipient's (in), as the owner's {@link ArchivePrefs preferences} (XEP-0441) allow; an incoming one gets a
 * XEP-0359 {@code <stanza-id/>} with its archive id. Writes are queued to the {@link ArchiveWriter} (batched, off
 * the event loop); the decision is made on the event loop when the owner's preferences are cached and do not need
 * the roster, else on {@code executor} (the message waits for it). Queries ({@link ArchiveQueryHandler}), metadata
 * ({@link ArchiveMetadataHandler}) and preferences ({@link ArchivePrefsHandler}) are served on the user's bare JID;
 * {@link ArchiveRetention} deletes old messages when a retention period is set (globally or for one user).
 *
 * <p>Not archived here: groupchat messages (the room's archive, with MUC), and messages without a {@code to}.
 */
public final class ArchiveModule implements XmppModule, StanzaInterceptor, SessionListener {
    /** The archive namespace and disco feature (XEP-0313 §7). */
    public static final String NAMESPACE = "urn:xmpp:mam:2";
    /** Before-id, after-id, ids, flipped pages and metadata (XEP-0313 §7). */
    public static final String EXTENDED = NAMESPACE + "#extended";
    /**
     * The disco features of an account's bare JID, where XEP-0313 §7 says they go: "it MUST advertise the
     * 'urn:xmpp:mam:2' and 'urn:xmpp:mam:2#extended' features in response to XEP-0030 requests made to archiving
     * JIDs (i.e. JIDs hosting an archive, such as users' bare JIDs)"; plus XEP-0359 stanza ids and XEP-0424 §5
     * tombstones ("A service which supports tombstones MUST advertise the 'urn:xmpp:message-retract:1#tombstone'
     * feature").
     */
    public static final List<String> ACCOUNT_FEATURES = List.of(NAMESPACE, EXTENDED, StanzaIds.NAMESPACE,
            Retractions.TOMBSTONE);
    /** The longest peer bare JID archived (the index key limit, see V6__archive.sql). */
    static final int MAX_PEER_CHARS = 510;
    /** The most messages waiting for the store before new ones are not archived (logged). */
    static final int MAX_PENDING = 100_000;
    private static final Logger log = LoggerFactory.getLogger(ArchiveModule.class);

    private final ArchiveStore store;
    private final ArchiveIds ids;
    private final ArchiveMode defaultMode;
    private final Duration retention;
    private final BiPredicate<String, String> inRoster;
    private final Executor executor;
    private ArchiveWriter writer;
    private PrefsCache prefs;
    private ArchiveRetention purge;
    private Retractions retractions;

    /**
     * @param store       where archives live
     * @param ids         the archive id generator
     * @param defaultMode the preference of users who set none
     * @param retention   how long messages are kept; {@link Duration#ZERO} for ever
     * @param inRoster    whether a bare JID is in a user's roster, as (username, bare JID); may block
     * @param executor    runs decisions that may block (virtual threads)
     */
    public ArchiveModule(ArchiveStore store, ArchiveIds ids, ArchiveMode defaultMode, Duration retention,
                         BiPredicate<String, String> inRoster, Executor executor) {
        this.store = store;
        this.ids = ids;
        this.defaultMode = defaultMode;
        this.retention = retention;
        this.inRoster = inRoster;
        this.executor = executor;
    }

    @Override
    public String name() {
        return "archive";
    }

    @Override
    public void start(ModuleContext context) {
        writer = new ArchiveWriter(store, ids, MAX_PENDING);
        prefs = new PrefsCache(store, defaultMode);
        retractions = new Retractions(store, writer, executor, Clock.systemUTC());
        context.register(new ArchiveQueryHandler(store, writer, context.domain()));
        context.register(new ArchiveMetadataHandler(store, writer));
        context.register(new ArchivePrefsHandler(prefs));
        context.addInterceptor(InterceptorStage.ARCHIVE, this);
        context.addSessionListener(this);
        // Daily, also when the configured retention is "for ever": the operator may give single users one.
        purge = new ArchiveRetention(store, retention, Clock.systemUTC());
        purge.start();
    }

    /** Stops the retention schedule and writes every pending message. */
    @Override
    public void stop() {
        if (purge != null) purge.close();
        if (writer != null) writer.close();
    }

    /**
     * Loads the user's preferences when a resource is bound, before its traffic needs them, so that deciding
     * whether to archive its messages stays on the event loop.
     */
    @Override
    public void bound(JID fullJid) {
        String owner = fullJid.getNode();
        executor.execute(() -> {
            try {
                prefs.load(owner);
            } catch (RuntimeException e) {
                log.warn("Could not load the archiving preferences of {}; they are read at the first message", owner, e);
            }
        });
    }

    /** A local client's message goes into its sender's archive (XEP-0313 §3: outgoing, "the 'to' ... as the target"). */
    @Override
    public CompletionStage<Verdict> outbound(Packet stanza) {
        if (!(stanza instanceof Message message) || message.getTo() == null || message.getFrom() == null
                || message.getFrom().getNode() == null) {
            return Verdict.proceed();
        }
        JID from = message.getFrom();
        JID to = message.getTo();
        // To the sender's own account: archived once, as it comes in (XEP-0313 §6.1.1: "MUST store such a stanza
        // within a given archive only once").
        if (to.getNode() != null && to.toBareJID().equals(from.toBareJID())) return Verdict.proceed();
        if (!Archivable.isArchivable(message)) return Verdict.proceed();
        return archive(message, from.getNode(), to, Direction.OUT);
    }

    /** A message for a local account goes into the recipient's archive and gets its {@code <stanza-id/>}. */
    @Override
    public CompletionStage<Verdict> inbound(Packet stanza) {
        if (!(stanza instanceof Message message) || message.getTo() == null || message.getTo().getNode() == null) {
            return Verdict.proceed();
        }
        // XEP-0359 §3: a stanza-id by this archive that came from outside MUST be deleted "even if they are not adding
        // their own stanza ID", so a client never takes a forged id for an archive id (XEP-0313 §3.5).
        StanzaIds.removeForged(message, message.getTo().toBareJID());
        if (message.getFrom() == null || !Archivable.isArchivable(message)) return Verdict.proceed();
        return archive(message, message.getTo().getNode(), message.getFrom(), Direction.IN);
    }

    /** Archives {@code message} if {@code owner}'s preferences say so: at once if they are known, else off the loop. */
    private CompletionStage<Verdict> archive(Message message, String owner, JID peer, Direction direction) {
        ArchivePrefs cached = prefs.cached(owner);
        if (cached != null && cached.modeFor(peer) == ArchiveMode.NEVER) return Verdict.proceed();
        if (cached != null && cached.modeFor(peer) == ArchiveMode.ALWAYS) {
            keep(message, owner, peer, direction);
            return Verdict.proceed();
        }
        // Preferences not cached, or "roster": the answer may need the database.
        return CompletableFuture.supplyAsync(() -> {
            ArchiveMode mode = prefs.load(owner).modeFor(peer);
            // XEP-0441 §2.3.1: "When comparing the message target JID against the user's roster ... the comparison
            // MUST use the bare target JID".
            if (mode == ArchiveMode.ALWAYS || mode == ArchiveMode.ROSTER && inRoster.test(owner, peer.toBareJID())) {
                keep(message, owner, peer, direction);
            }
            return (Verdict) new Verdict.Continue();
        }, executor).exceptionally(e -> {
            log.error("Could not decide whether to archive message {} for {}; not archived", message.getID(), owner, e);
            return new Verdict.Continue();
        });
    }

    private void keep(Message message, String owner, JID peer, Direction direction) {
        if (peer.toBareJID().length() > MAX_PEER_CHARS) {
            log.warn("Message {} for {}'s archive not archived: peer JID longer than {} characters", message.getID(),
                    owner, MAX_PEER_CHARS);
            return;
        }
        OptionalLong id = writer.append(owner, peer, direction, XmlWriter.toXml(message.getElement(), Namespaces.CLIENT));
        // XEP-0313 §3.5: "Servers MUST NOT include the <stanza-id/> element in messages addressed to JIDs that do not
        // have permissions to access the archive, such as a user's outgoing messages to their contacts."
        if (direction == Direction.IN && id.isPresent()) {
            StanzaIds.add(message, message.getTo().toBareJID(), id.getAsLong());
        }
        // XEP-0424 §5: a retraction replaces the message it names by a tombstone.
        id.ifPresent(archived -> retractions.archived(message, owner, peer, direction, archived));
        if (id.isPresent()) log.debug("Message {} archived for {} ({} {}) as {}", message.getID(), owner, direction, peer, id.getAsLong());
    }
}
