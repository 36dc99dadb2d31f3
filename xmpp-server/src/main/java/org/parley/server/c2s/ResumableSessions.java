package org.parley.server.c2s;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.xmpp.packet.JID;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of this node that a client may resume (XEP-0198 §5), by their resumption id ('previd'). An id is
 * 128 random bits, unguessable; a session is found only by a stream authenticated as the same account. Thread-safe.
 */
public final class ResumableSessions {
    /** A session that ended: whose it was and how many of its client's stanzas were handled. */
    record Ended(JID account, long handled) {
    }

    private final Map<String, C2sSession> sessions = new ConcurrentHashMap<>();
    /** Recently ended sessions, for a {@code <failed h='…'/>} to a client that tries to resume one (§5). */
    private final Cache<String, Ended> ended = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(30)).build();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closing;

    /** Registers {@code session}; returns its new resumption id. */
    String register(C2sSession session) {
        while (true) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (sessions.putIfAbsent(id, session) == null) return id;
        }
    }

    /**
     * The session with resumption id {@code previd} if it belongs to {@code account} (a bare JID): a stream may only
     * resume a session of the account it authenticated as.
     */
    Optional<C2sSession> find(String previd, JID account) {
        C2sSession session = previd == null ? null : sessions.get(previd);
        if (session == null || !session.jid().asBareJID().equals(account.asBareJID())) return Optional.empty();
        return Optional.of(session);
    }

    /** Forgets {@code session} (it ended), remembering for a while how many of its client's stanzas were handled. */
    void remove(String id, C2sSession session) {
        if (sessions.remove(id, session)) ended.put(id, new Ended(session.jid().asBareJID(), session.handled()));
    }

    /** The count of handled stanzas of an ended session of {@code account} with resumption id {@code previd}. */
    Optional<Long> handledBy(String previd, JID account) {
        Ended e = previd == null ? null : ended.getIfPresent(previd);
        return e != null && e.account().equals(account.asBareJID()) ? Optional.of(e.handled()) : Optional.empty();
    }

    /** True once the server shuts down: a session whose connection dies then ends instead of waiting. */
    boolean closing() {
        return closing;
    }

    /** The number of resumable sessions, attached or not. */
    public int size() {
        return sessions.size();
    }

    /**
     * Server shutdown: from now on no session waits for resumption, and every resumable session ends (their
     * unacknowledged messages are routed again, to offline storage).
     *
     * @return completes once they have ended and their messages were routed
     */
    public CompletableFuture<Void> endAll() {
        closing = true;
        List<CompletableFuture<Void>> ends = sessions.values().stream().map(C2sSession::end).toList();
        return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
    }
}
