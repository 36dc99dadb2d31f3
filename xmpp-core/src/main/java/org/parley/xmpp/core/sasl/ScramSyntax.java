package org.parley.xmpp.core.sasl;

/** The attribute syntax shared by the SCRAM client messages (RFC 5802 §7). */
final class ScramSyntax {
    private ScramSyntax() {
    }

    /** The value of {@code attribute} if it is {@code name=value}; otherwise the message is malformed. */
    static String value(String attribute, char name) throws SaslFailureException {
        if (attribute.length() < 2 || attribute.charAt(0) != name || attribute.charAt(1) != '=') {
            throw SaslFailureException.malformed("expected attribute " + name);
        }
        return attribute.substring(2);
    }

    /** Checks {@code attributes[from..to)} are optional extensions ({@code ALPHA "=" 1*value-char}). */
    static void checkExtensions(String[] attributes, int from, int to) throws SaslFailureException {
        for (int i = from; i < to; i++) {
            String attribute = attributes[i];
            rejectMandatoryExtension(attribute);
            if (attribute.length() < 3 || !isAlpha(attribute.charAt(0)) || attribute.charAt(1) != '=') {
                throw SaslFailureException.malformed("malformed attribute");
            }
        }
    }

    static void rejectMandatoryExtension(String attribute) throws SaslFailureException {
        // RFC 5802 §5.1: "m: This attribute is reserved for future extensibility. In this version of SCRAM, its
        // presence in a client or a server message MUST cause authentication failure when the attribute is parsed by
        // the other end."
        if (attribute.startsWith("m=")) throw SaslFailureException.malformed("mandatory extensions not supported");
    }

    /** Decodes a {@code saslname}: {@code =2C} is a comma, {@code =3D} an equals sign; empty is malformed. */
    static String saslName(String value) throws SaslFailureException {
        if (value.isEmpty()) throw SaslFailureException.malformed("empty name");
        StringBuilder name = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') throw SaslFailureException.malformed("NUL in name");
            if (c != '=') {
                name.append(c);
                continue;
            }
            String escape = value.substring(i + 1, Math.min(i + 3, value.length()));
            // RFC 5802 §5.1: "If the server receives a username that contains '=' not followed by either '2C' or
            // '3D', then the server MUST fail the authentication."
            if (escape.equalsIgnoreCase("2C")) {
                name.append(',');
            } else if (escape.equalsIgnoreCase("3D")) {
                name.append('=');
            } else {
                throw SaslFailureException.malformed("'=' not followed by 2C or 3D in name");
            }
            i += 2;
        }
        return name.toString();
    }

    /** Checks a nonce is {@code 1*printable}: ASCII 0x21–0x7E except the comma. */
    static String nonce(String value) throws SaslFailureException {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',')) {
            throw SaslFailureException.malformed("nonce must be printable ASCII");
        }
        return value;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
