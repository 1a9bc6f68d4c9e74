package org.dialbridge.core.provider.bemmelhor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.CauseTable;
import org.junit.jupiter.api.Test;

class BemMelhorCausesTest {
  private static final CauseTable CAUSES = BemMelhorProviderFactory.CAUSES;

  @Test
  void everyDocumentedDispositionHasItsCause() {
    assertThat(CAUSES.provider()).isEqualTo("bemmelhor");
    assertThat(CAUSES.entries())
        .containsExactly(
            entry("ANSWERED", HangupCause.NORMAL_CLEARING),
            entry("NO ANSWER", HangupCause.NO_ANSWER),
            entry("BUSY", HangupCause.BUSY),
            entry("FAILED", HangupCause.PROVIDER_ERROR),
            entry("CONGESTION", HangupCause.NETWORK_FAILURE));
  }

  @Test
  void dispositionsEndCallsWithTheDocumentedStatuses() {
    assertThat(CAUSES.map("ANSWERED").status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(CAUSES.map("NO ANSWER").status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(CAUSES.map("BUSY").status()).isEqualTo(CallStatus.BUSY);
    assertThat(CAUSES.map("FAILED").status()).isEqualTo(CallStatus.FAILED);
    assertThat(CAUSES.map("CONGESTION").status()).isEqualTo(CallStatus.FAILED);
  }

  @Test
  void missingOrUnknownDispositionIsAProviderError() {
    assertThat(CAUSES.otherwise()).isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(CAUSES.map(null)).isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(CAUSES.map("UNKNOWN")).isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(CAUSES.map("NO_ANSWER")).isEqualTo(HangupCause.PROVIDER_ERROR);
  }

  @Test
  void dispositionsAreReadWhateverTheirCase() {
    assertThat(CAUSES.map(" no answer ")).isEqualTo(HangupCause.NO_ANSWER);
    assertThat(CAUSES.map("Answered")).isEqualTo(HangupCause.NORMAL_CLEARING);
  }
}
