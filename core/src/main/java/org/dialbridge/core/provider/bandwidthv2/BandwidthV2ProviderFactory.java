package org.dialbridge.core.provider.bandwidthv2;

import java.util.Optional;
import java.util.Set;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.CauseTable;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.ProviderFactory;
import org.dialbridge.core.spi.TelephonyProvider;

/** Creates {@code type=bandwidth-v2} providers (Bandwidth voice API v2). */
public final class BandwidthV2ProviderFactory implements ProviderFactory {
  public static final String TYPE = "bandwidth-v2";

  /** Bandwidth's production voice API, the default {@code base-url}. */
  public static final String PRODUCTION_URL = "https://voice.bandwidth.com/api/v2";

  /**
   * The {@code cause} of Bandwidth v2's {@code disconnect}, {@code transferDisconnect} and {@code
   * transferComplete} callbacks, as its documentation lists them (it warns the list is not
   * exhaustive: anything else is a provider error).
   */
  public static final CauseTable CAUSES =
      CauseTable.of(TYPE)
          .map("hangup", HangupCause.NORMAL_CLEARING)
          .map("busy", HangupCause.BUSY)
          .map("timeout", HangupCause.NO_ANSWER)
          .map("cancel", HangupCause.CANCELED)
          .map("rejected", HangupCause.REJECTED)
          .map("callback-error", HangupCause.PROVIDER_ERROR)
          .map("invalid-bxml", HangupCause.PROVIDER_ERROR)
          .map("application-error", HangupCause.PROVIDER_ERROR)
          .map("account-limit", HangupCause.NETWORK_FAILURE)
          .map("node-capacity-exceeded", HangupCause.NETWORK_FAILURE)
          .map("error", HangupCause.PROVIDER_ERROR)
          .map("unknown", HangupCause.PROVIDER_ERROR)
          .otherwise(HangupCause.PROVIDER_ERROR);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.copyOf(BandwidthV2Provider.keys());
  }

  @Override
  public Optional<String> defaultBaseUrl() {
    return Optional.of(PRODUCTION_URL);
  }

  @Override
  public Optional<CauseTable> causes() {
    return Optional.of(CAUSES);
  }

  @Override
  public TelephonyProvider create(ProviderConfig config, ProviderContext context) {
    return new BandwidthV2Provider(config, context);
  }
}
