package org.parley.xmpp.core.stream;

import java.util.Locale;

/** The defined conditions of a stream error (RFC 6120 §4.9.3), qualified by {@code urn:ietf:params:xml:ns:xmpp-streams}. */
public enum StreamErrorCondition {
    BAD_FORMAT,
    BAD_NAMESPACE_PREFIX,
    CONFLICT,
    CONNECTION_TIMEOUT,
    HOST_GONE,
    HOST_UNKNOWN,
    IMPROPER_ADDRESSING,
    INTERNAL_SERVER_ERROR,
    INVALID_FROM,
    INVALID_NAMESPACE,
    INVALID_XML,
    NOT_AUTHORIZED,
    NOT_WELL_FORMED,
    POLICY_VIOLATION,
    REMOTE_CONNECTION_FAILED,
    RESET,
    RESOURCE_CONSTRAINT,
    RESTRICTED_XML,
    SEE_OTHER_HOST,
    SYSTEM_SHUTDOWN,
    UNDEFINED_CONDITION,
    UNSUPPORTED_ENCODING,
    UNSUPPORTED_FEATURE,
    UNSUPPORTED_STANZA_TYPE,
    UNSUPPORTED_VERSION;

    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The condition's element name, e.g. {@code not-well-formed}. */
    public String elementName() {
        return elementName;
    }
}
