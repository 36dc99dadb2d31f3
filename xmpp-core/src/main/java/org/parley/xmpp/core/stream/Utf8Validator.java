package org.parley.xmpp.core.stream;

/**
 * Checks bytes against the UTF-8 syntax of RFC 3629 §4 across arbitrary chunk boundaries. Aalto's async parser
 * lets overlong forms and code points above U+10FFFF through, which RFC 6120 §11.6 does not.
 */
final class Utf8Validator {
    private int pending;
    private int lowest = 0x80;
    private int highest = 0xBF;

    /** Whether {@code data[offset, offset + length)} continues well-formed UTF-8. */
    boolean accept(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = data[i] & 0xFF;
            if (pending > 0) {
                if (b < lowest || b > highest) return false;
                lowest = 0x80;
                highest = 0xBF;
                pending--;
            } else if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                if (b == 0xE0) lowest = 0xA0; // overlong
                if (b == 0xED) highest = 0x9F; // surrogates
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                if (b == 0xF0) lowest = 0x90; // overlong
                if (b == 0xF4) highest = 0x8F; // above U+10FFFF
            } else if (b >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
