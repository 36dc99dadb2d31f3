package org.parley.archive;

import java.util.Objects;
import java.util.Set;

/**
 * Which messages of one owner's archive a query selects (XEP-0313 §4.1): optionally those with one peer (its bare
 * JID, or one resource of it), with ids in an open interval (which is how {@code start}/{@code end},
 * {@code after-id}/{@code before-id} and RSM {@code after}/{@code before} all end up), and optionally only the
 * given ids. Immutable; the {@code with…} methods return narrowed copies.
 *
 * @param owner          the archive's username
 * @param withJid        the peer's bare JID (in a room's archive: the sender's real bare JID), or null for every peer
 * @param withResource   the peer's resource (in a room's archive: the sender's nick), or null for all
 * @param afterId        only ids greater than this ({@code -1}: no lower bound)
 * @param beforeId       only ids less than this ({@link Long#MAX_VALUE}: no upper bound)
 * @param ids            only these ids, or null for any
 */
public record ArchiveFilter(String owner, String withJid, String withResource, long afterId, long beforeId,
                            Set<Long> ids) {
    public ArchiveFilter {
        Objects.requireNonNull(owner, "owner");
        if (ids != null) ids = Set.copyOf(ids);
    }

    /** The whole archive of {@code owner}. */
    public static ArchiveFilter of(String owner) {
        return new ArchiveFilter(owner, null, null, -1, Long.MAX_VALUE, null);
    }

    /** Only messages with {@code bareJid} unless that is null, and with its {@code resource} unless that is null. */
    public ArchiveFilter withPeer(String bareJid, String resource) {
        return new ArchiveFilter(owner, bareJid, resource, afterId, beforeId, ids);
    }

    /** Only ids greater than {@code id} as well. */
    public ArchiveFilter withAfter(long id) {
        return new ArchiveFilter(owner, withJid, withResource, Math.max(afterId, id), beforeId, ids);
    }

    /** Only ids less than {@code id} as well. */
    public ArchiveFilter withBefore(long id) {
        return new ArchiveFilter(owner, withJid, withResource, afterId, Math.min(beforeId, id), ids);
    }

    /** Only these ids. */
    public ArchiveFilter withIds(Set<Long> only) {
        return new ArchiveFilter(owner, withJid, withResource, afterId, beforeId, only);
    }

    /** Whether no message can match (an empty interval or an empty id list). */
    public boolean isEmpty() {
        return afterId >= beforeId - 1 || ids != null && ids.isEmpty();
    }
}
