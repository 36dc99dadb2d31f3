package org.parley.presence.store;

import java.util.Optional;

/** Each user's vCard (XEP-0054) as serialised XML. Blocking (JDBC). */
public interface VCardStore {
    /** The stored {@code <vCard xmlns='vcard-temp'>} element as XML, if any. */
    Optional<String> get(String username);

    /** Stores (replaces) the vCard XML. */
    void put(String username, String vcardXml);

    /** Deletes the vCard. */
    void delete(String username);
}
