package org.parley.xmpp.core.sasl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SASL mechanisms a server offers (RFC 6120 §6.4.1) and the factory for one exchange of each. Every SCRAM
 * mechanism offered needs credentials for its hash in the store; a user without them cannot log in with it.
 */
public final class SaslMechanisms {
    private static final String PLAIN = "PLAIN";
    /** Strongest first; clients pick the first one they support. */
    private static final List<String> PREFERENCE = List.of(
            ScramHash.SHA_512.mechanismName(), ScramHash.SHA_256.mechanismName(), ScramHash.SHA_1.mechanismName(),
            PLAIN);

    private final CredentialStore store;
    private final List<String> offered;

    /**
     * @param enabled the mechanism names to offer, any of {@code SCRAM-SHA-512}, {@code SCRAM-SHA-256},
     *                {@code SCRAM-SHA-1} and {@code PLAIN}
     * @throws IllegalArgumentException if {@code enabled} names another mechanism
     */
    public SaslMechanisms(CredentialStore store, Set<String> enabled) {
        this.store = Objects.requireNonNull(store, "store");
        Set<String> unknown = new TreeSet<>(enabled);
        PREFERENCE.forEach(unknown::remove);
        if (!unknown.isEmpty()) throw new IllegalArgumentException("unsupported SASL mechanisms: " + unknown);
        this.offered = PREFERENCE.stream().filter(enabled::contains).toList();
    }

    /** The enabled mechanisms in order of preference, for {@code <mechanisms/>}. */
    public List<String> offered() {
        return offered;
    }

    /**
     * A new exchange of the mechanism {@code name}, or empty if it is not offered; the caller then fails with
     * {@code <invalid-mechanism/>} (RFC 6120 §6.5.7).
     */
    public Optional<SaslServerMechanism> create(String name) {
        if (!offered.contains(name)) return Optional.empty();
        if (name.equals(PLAIN)) return Optional.of(new PlainServer(store));
        return ScramHash.forMechanism(name).map(hash -> new ScramServer(hash, store, null));
    }
}
