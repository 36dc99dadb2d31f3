package org.parley.muc;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Room nicknames as RFC 8266 (PRECIS Nickname profile) treats them, which XEP-0045 §7.2.1 points to: a nick is
 * enforced by mapping every Unicode space to ASCII space, removing leading and trailing spaces, collapsing runs of
 * spaces into one and normalising to NFKC (§2.2); two nicks are the same when they are equal after enforcement and
 * case mapping (§2.4), so "Romeo", "romeo" and " Romeo " name one occupant and cannot be used to impersonate it.
 */
public final class Nicknames {
    private Nicknames() {
    }

    /**
     * The enforced form of {@code nick} (RFC 8266 §2.2: additional mapping, normalization).
     *
     * @throws IllegalArgumentException if nothing is left (a nick of spaces only)
     */
    public static String enforce(String nick) {
        StringBuilder out = new StringBuilder(nick.length());
        boolean space = false;
        for (int i = 0; i < nick.length(); ) {
            int cp = nick.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isSpaceChar(cp) || Character.isWhitespace(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) out.append(' ');
            space = false;
            out.appendCodePoint(cp);
        }
        String enforced = Normalizer.normalize(out, Normalizer.Form.NFKC);
        if (enforced.isEmpty()) throw new IllegalArgumentException("an empty nick");
        return enforced;
    }

    /** The form two nicks are compared in (RFC 8266 §2.4: enforcement, then case mapping, then NFKC again). */
    public static String comparable(String nick) {
        return Normalizer.normalize(enforce(nick).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    /** Whether {@code a} and {@code b} are the same nick (RFC 8266 §2.4). */
    public static boolean same(String a, String b) {
        try {
            return comparable(a).equals(comparable(b));
        } catch (IllegalArgumentException empty) {
            return false;
        }
    }
}
