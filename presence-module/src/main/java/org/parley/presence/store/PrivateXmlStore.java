package org.parley.presence.store;

import java.util.Optional;

/** Private XML storage (XEP-0049): one serialised element per user and namespace. Blocking (JDBC). */
public interface PrivateXmlStore {
    /** The element stored under {@code namespace}, as XML. */
    Optional<String> get(String username, String namespace);

    /** Stores (replaces) the element for {@code namespace}. */
    void put(String username, String namespace, String xml);
}
