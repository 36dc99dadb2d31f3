package org.parley.server.c2s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The stream negotiation states (RFC 6120 §4.3), row by row (STYLE.md §10): every phase × every transition,
 * the legal ones with their target, the illegal ones throwing.
 */
class PhaseTest {
    /** The negotiation steps that restart or complete a stream. */
    enum Step {
        STARTTLS(Phase::afterTls), SASL_SUCCESS(Phase::afterSasl), BIND(Phase::afterBind), RESUME(Phase::afterResume);

        private final UnaryOperator<Phase> transition;

        Step(UnaryOperator<Phase> transition) {
            this.transition = transition;
        }
    }

    /** {@code to} null: the step is illegal in {@code from}. */
    record Row(String rule, Phase from, Step step, Phase to) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> transitions() {
        return Stream.of(
                new Row("RFC 6120 §5.4.3.3: STARTTLS on a plain stream secures it", Phase.CONNECTED, Step.STARTTLS, Phase.SECURED),
                new Row("RFC 6120 §5.3.1: STARTTLS twice is refused", Phase.SECURED, Step.STARTTLS, null),
                new Row("RFC 6120 §5.3.1: STARTTLS after authentication is refused", Phase.AUTHENTICATED, Step.STARTTLS, null),
                new Row("RFC 6120 §5.3.1: STARTTLS on a bound stream is refused", Phase.BOUND, Step.STARTTLS, null),
                new Row("RFC 6120 §6.4.6: SASL success on a plain stream (TLS optional) authenticates", Phase.CONNECTED, Step.SASL_SUCCESS, Phase.AUTHENTICATED),
                new Row("RFC 6120 §6.4.6: SASL success on a secured stream authenticates", Phase.SECURED, Step.SASL_SUCCESS, Phase.AUTHENTICATED),
                new Row("RFC 6120 §6.4.6: SASL twice is refused", Phase.AUTHENTICATED, Step.SASL_SUCCESS, null),
                new Row("RFC 6120 §6.4.6: SASL on a bound stream is refused", Phase.BOUND, Step.SASL_SUCCESS, null),
                new Row("RFC 6120 §7.1: bind before authentication is refused (plain)", Phase.CONNECTED, Step.BIND, null),
                new Row("RFC 6120 §7.1: bind before authentication is refused (secured)", Phase.SECURED, Step.BIND, null),
                new Row("RFC 6120 §7.6: bind after authentication binds", Phase.AUTHENTICATED, Step.BIND, Phase.BOUND),
                new Row("RFC 6120 §7.1: a second bind is refused", Phase.BOUND, Step.BIND, null),
                new Row("XEP-0198 §5: resumption before authentication is refused (plain)", Phase.CONNECTED, Step.RESUME, null),
                new Row("XEP-0198 §5: resumption before authentication is refused (secured)", Phase.SECURED, Step.RESUME, null),
                new Row("XEP-0198 §5: resumption instead of binding continues the session", Phase.AUTHENTICATED, Step.RESUME, Phase.BOUND),
                new Row("XEP-0198 §5: resumption on a bound stream is refused", Phase.BOUND, Step.RESUME, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void transition(Row row) {
        if (row.to() == null) {
            assertThatIllegalStateException().isThrownBy(() -> row.step().transition.apply(row.from()))
                    .withMessageContaining(row.from().name());
        } else {
            assertThat(row.step().transition.apply(row.from())).isEqualTo(row.to());
        }
    }

    static Stream<Arguments> authenticationStates() {
        return Stream.of(
                Arguments.of(Phase.CONNECTED, true),
                Arguments.of(Phase.SECURED, true),
                Arguments.of(Phase.AUTHENTICATED, false),
                Arguments.of(Phase.BOUND, false));
    }

    @ParameterizedTest(name = "{0} is pre-authentication: {1}")
    @MethodSource("authenticationStates")
    void preAuthenticationUntilSaslSucceeds(Phase phase, boolean preAuthentication) {
        assertThat(phase.preAuthentication()).isEqualTo(preAuthentication);
    }
}
