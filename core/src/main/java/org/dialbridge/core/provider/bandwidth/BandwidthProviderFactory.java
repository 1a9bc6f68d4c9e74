package org.dialbridge.core.provider.bandwidth;

import java.util.Optional;
import java.util.Set;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.CauseTable;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.ProviderFactory;
import org.dialbridge.core.spi.TelephonyProvider;

/** Creates {@code type=bandwidth} providers (Bandwidth voice API v1, "Catapult"). */
public final class BandwidthProviderFactory implements ProviderFactory {
  public static final String TYPE = "bandwidth";

  /**
   * The hang-up causes of Bandwidth's {@code hangup} event, as its documentation lists them; it
   * says anything else is an internal error. A {@code timeout} event (not answered within {@code
   * callTimeout}) is read as {@link HangupCause#NO_ANSWER} with raw cause {@code timeout}.
   */
  public static final CauseTable CAUSES =
      CauseTable.of(TYPE)
          .map("NORMAL_CLEARING", HangupCause.NORMAL_CLEARING)
          .map("USER_BUSY", HangupCause.BUSY)
          .map("NO_ANSWER", HangupCause.NO_ANSWER)
          .map("ORIGINATOR_CANCEL", HangupCause.CANCELED)
          .map("CALL_REJECTED", HangupCause.REJECTED)
          .map("UNALLOCATED_NUMBER", HangupCause.INVALID_NUMBER)
          .map("NORMAL_TEMPORARY_FAILURE", HangupCause.NETWORK_FAILURE)
          .otherwise(HangupCause.PROVIDER_ERROR);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.copyOf(BandwidthProvider.keys());
  }

  @Override
  public Optional<CauseTable> causes() {
    return Optional.of(CAUSES);
  }

  @Override
  public TelephonyProvider create(ProviderConfig config, ProviderContext context) {
    return new BandwidthProvider(config, context);
  }
}
