package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RingOutcomeTest {

  @ParameterizedTest
  @CsvSource({
    "+51 987 654 321, ANSWERED",
    "+51 1 555 0002, BUSY",
    "+51 1 555 0003, NO_ANSWER",
    "+51 1 555 0004, CALLER_HANGS_UP",
    "+51 1 555 0005, REJECTED",
  })
  void theCallersLastFourDigitsPickTheOutcome(String caller, RingOutcome outcome) {
    assertThat(RingOutcome.forCaller(caller)).isEqualTo(outcome);
  }

  @ParameterizedTest
  @CsvSource({
    "answered, ANSWERED",
    "no-answer, NO_ANSWER",
    "NO_ANSWER, NO_ANSWER",
    " caller-hangs-up , CALLER_HANGS_UP",
  })
  void outcomesAreNamedAsOnTheWire(String name, RingOutcome outcome) {
    assertThat(RingOutcome.named(name)).hasValue(outcome);
    assertThat(RingOutcome.named(outcome.wireName())).hasValue(outcome);
  }

  @ParameterizedTest
  @CsvSource({"sideways", "''", "answered!"})
  void anythingElseIsNoOutcome(String name) {
    assertThat(RingOutcome.named(name)).isEmpty();
  }
}
