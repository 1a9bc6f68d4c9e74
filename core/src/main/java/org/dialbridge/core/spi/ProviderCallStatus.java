package org.dialbridge.core.spi;

import java.time.Instant;
import java.util.Objects;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.HangupCause;

/**
 * A call's status as the provider reports it when asked. {@code status} is null when the provider
 * answered but said nothing Dialbridge can map (BemMelhor's {@code data: null}); {@code rawState}
 * keeps the provider's words.
 */
public record ProviderCallStatus(
    CallStatus status, HangupCause cause, String rawState, Instant answeredAt, Instant endedAt) {

  public ProviderCallStatus {
    if (cause != null) {
      Objects.requireNonNull(status, "status == null with a cause");
      if (cause.status() != status)
        throw new IllegalArgumentException(cause + " does not end a call as " + status);
    }
  }

  /** The provider answered without any usable status. */
  public static ProviderCallStatus unknown(String rawState) {
    return new ProviderCallStatus(null, null, rawState, null, null);
  }
}
