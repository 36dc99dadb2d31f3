package org.parley.xmpp.core.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of RFC 4013 §3. */
class SaslPrepTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "I\u00ADX | IX   | SOFT HYPHEN mapped to nothing",
            "user     | user | no transformation",
            "USER     | USER | case preserved",
            "\u00AA   | a    | output is NFKC",
            "\u2168   | IX   | output is NFKC, will match #1",
            "a\u00A0b | a b  | non-ASCII space mapped to SPACE"})
    void rfc4013Section3Examples(String input, String output, String comment) {
        assertThat(SaslPrep.query(input)).isEqualTo(output);
        assertThat(SaslPrep.stored(input)).isEqualTo(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0007", "\u0627\u0031"})
    void prohibitedCharactersAndBidiViolationsAreErrors(String input) {
        assertThatThrownBy(() -> SaslPrep.query(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0221", "pass\uD83D\uDE00"})
    void storedStringsProhibitCodePointsUnassignedInUnicode32(String input) {
        assertThat(SaslPrep.query(input)).isEqualTo(input);
        assertThatThrownBy(() -> SaslPrep.stored(input)).isInstanceOf(IllegalArgumentException.class);
    }
}
