package org.parley.xmpp.core.sasl;

import com.ongres.saslprep.SASLprep;
import com.ongres.stringprep.Profile;

/**
 * The SASLprep profile of stringprep (RFC 4013): NFKC, non-ASCII spaces mapped to SPACE, "commonly mapped to
 * nothing" characters removed, prohibited output and bidi rules enforced. Delegates to the ongres stringprep
 * library (the one the PostgreSQL JDBC driver uses) rather than carrying the RFC 3454 tables here.
 */
final class SaslPrep {
    private static final Profile PROFILE = new SASLprep();

    private SaslPrep() {
    }

    /**
     * Prepares a stored string (RFC 3454 §7: unassigned code points are prohibited), as RFC 5802 §2.2 requires for
     * {@code Normalize(str)} when a SCRAM password is set.
     *
     * @throws IllegalArgumentException if the string contains a prohibited or unassigned code point
     */
    static String stored(String value) {
        return PROFILE.prepareStored(value);
    }

    /**
     * Prepares a query string (unassigned code points allowed), as RFC 4616 §2 suggests for a presented PLAIN
     * password.
     *
     * @throws IllegalArgumentException if the string contains a prohibited code point
     */
    static String query(String value) {
        return PROFILE.prepareQuery(value);
    }
}
