package org.parley.archive;

import org.xmpp.packet.JID;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A user's archiving preferences (XEP-0441 §2.1, formerly XEP-0313 §6): a default mode and the JIDs that are always
 * or never archived. Immutable.
 *
 * @param defaultMode what applies to a JID on neither list
 * @param always      JIDs (bare or full, in normalised form) whose messages are archived, in the order given
 * @param never       JIDs whose messages are not archived; never wins over always when a JID is on both (the
 *                    user's choice not to keep something is the one to honour)
 */
public record ArchivePrefs(ArchiveMode defaultMode, List<String> always, List<String> never) {
    /** The most JIDs on one list. */
    public static final int MAX_JIDS = 1000;

    public ArchivePrefs {
        Objects.requireNonNull(defaultMode, "defaultMode");
        always = List.copyOf(new LinkedHashSet<>(always));
        never = List.copyOf(new LinkedHashSet<>(never));
    }

    /** Preferences with only a default mode. */
    public static ArchivePrefs of(ArchiveMode defaultMode) {
        return new ArchivePrefs(defaultMode, List.of(), List.of());
    }

    /**
     * The mode for a message to or from {@code peer} (XEP-0441 §2.3: the 'to' of an outgoing message, the 'from' of
     * an incoming one): {@link ArchiveMode#NEVER} or {@link ArchiveMode#ALWAYS} if a list matches, else the default
     * (which may be {@link ArchiveMode#ROSTER}, for the caller to decide).
     */
    public ArchiveMode modeFor(JID peer) {
        if (matches(never, peer)) return ArchiveMode.NEVER;
        if (matches(always, peer)) return ArchiveMode.ALWAYS;
        return defaultMode;
    }

    /**
     * XEP-0441 §2.3.1: "If the listed JID contains a resource, compare against the target JID as-is. If the listed
     * JID has no resource (it is a bare JID) then first strip any resource from the target JID prior to comparison."
     */
    private static boolean matches(List<String> list, JID peer) {
        return !list.isEmpty() && (list.contains(peer.toBareJID())
                || peer.getResource() != null && list.contains(peer.toString()));
    }
}
