package org.dialbridge.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CallStatusTest {

  @Test
  void movesForwardThroughTheLiveStatuses() {
    assertThat(CallStatus.DIALING.advanceTo(CallStatus.RINGING)).isEqualTo(CallStatus.RINGING);
    assertThat(CallStatus.RINGING.advanceTo(CallStatus.ANSWERED)).isEqualTo(CallStatus.ANSWERED);
    assertThat(CallStatus.DIALING.advanceTo(CallStatus.ANSWERED)).isEqualTo(CallStatus.ANSWERED);
  }

  @Test
  void neverMovesBack() {
    assertThat(CallStatus.ANSWERED.advanceTo(CallStatus.RINGING)).isEqualTo(CallStatus.ANSWERED);
    assertThat(CallStatus.RINGING.advanceTo(CallStatus.DIALING)).isEqualTo(CallStatus.RINGING);
    assertThat(CallStatus.ANSWERED.canAdvanceTo(CallStatus.DIALING)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(names = {"COMPLETED", "BUSY", "NO_ANSWER", "CANCELED", "REJECTED", "FAILED"})
  void aTerminalStatusIsNeverReplaced(CallStatus terminal) {
    assertThat(terminal.isTerminal()).isTrue();
    for (CallStatus next : CallStatus.values()) {
      assertThat(terminal.advanceTo(next)).isEqualTo(terminal);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"DIALING", "RINGING", "ANSWERED"})
  void anyLiveStatusCanEndInEveryOutcome(CallStatus live) {
    assertThat(live.isTerminal()).isFalse();
    assertThat(live.advanceTo(CallStatus.BUSY)).isEqualTo(CallStatus.BUSY);
    assertThat(live.advanceTo(CallStatus.COMPLETED)).isEqualTo(CallStatus.COMPLETED);
  }

  @Test
  void eachCauseEndsTheCallInATerminalStatus() {
    for (HangupCause cause : HangupCause.values()) {
      assertThat(cause.status().isTerminal()).as(cause.name()).isTrue();
    }
  }
}
