package org.dialbridge.core.provider.bemmelhor;

import java.util.Optional;
import java.util.Set;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.CauseTable;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.ProviderFactory;
import org.dialbridge.core.spi.TelephonyProvider;

/** Creates {@code type=bemmelhor} providers. */
public final class BemMelhorProviderFactory implements ProviderFactory {
  public static final String TYPE = "bemmelhor";

  /**
   * The {@code disposition} of a {@code call.hangup} webhook: Asterisk's CDR dispositions ({@code
   * main/cdr.c}, {@code NO ANSWER} with a space). A missing or unknown disposition ends the call as
   * failed, its text kept as the raw cause.
   */
  public static final CauseTable CAUSES =
      CauseTable.of(TYPE)
          .map("ANSWERED", HangupCause.NORMAL_CLEARING)
          .map("NO ANSWER", HangupCause.NO_ANSWER)
          .map("BUSY", HangupCause.BUSY)
          .map("FAILED", HangupCause.PROVIDER_ERROR)
          .map("CONGESTION", HangupCause.NETWORK_FAILURE)
          .otherwise(HangupCause.PROVIDER_ERROR);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.copyOf(BemMelhorProvider.keys());
  }

  @Override
  public Optional<CauseTable> causes() {
    return Optional.of(CAUSES);
  }

  @Override
  public TelephonyProvider create(ProviderConfig config, ProviderContext context) {
    return new BemMelhorProvider(config, context);
  }
}
