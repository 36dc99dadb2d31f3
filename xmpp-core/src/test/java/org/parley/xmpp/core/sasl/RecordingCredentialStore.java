package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link CredentialStore} that records which hashes it was asked for. */
final class RecordingCredentialStore implements CredentialStore {
    static final byte[] SALT = "salt-of-16-bytes".getBytes(US_ASCII);

    private final Map<String, ScramCredentials> credentials = new HashMap<>();
    final List<ScramHash> lookups = new ArrayList<>();

    /** Stores credentials for {@code password} under {@code username}, with {@link #SALT} and 4096 iterations. */
    RecordingCredentialStore with(String username, ScramHash hash, String password) {
        return with(username, ScramCredentials.derive(hash, password, SALT, 4096));
    }

    RecordingCredentialStore with(String username, ScramCredentials stored) {
        credentials.put(username + " " + stored.hash(), stored);
        return this;
    }

    @Override
    public Optional<ScramCredentials> credentials(String username, ScramHash hash) {
        lookups.add(hash);
        return Optional.ofNullable(credentials.get(username + " " + hash));
    }
}
