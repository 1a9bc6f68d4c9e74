package org.dialbridge.core.provider.ucontact;

import java.util.Optional;
import java.util.Set;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.CauseTable;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.ProviderFactory;
import org.dialbridge.core.spi.TelephonyProvider;

/** Creates {@code type=ucontact} providers (uContact's Integra API). */
public final class UContactProviderFactory implements ProviderFactory {
  public static final String TYPE = "ucontact";

  /**
   * uContact reports no hang-up cause, only which event ended the call: the event name is the raw
   * cause. {@code FinishInteraction} ends an interaction that took place; {@code AgentRingNoAnswer}
   * means the agent's phone, which rings first, was never picked up.
   */
  public static final CauseTable CAUSES =
      CauseTable.of(TYPE)
          .map("FinishInteraction", HangupCause.NORMAL_CLEARING)
          .map("AgentRingNoAnswer", HangupCause.NO_ANSWER)
          .otherwise(HangupCause.PROVIDER_ERROR);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.copyOf(UContactProvider.keys());
  }

  @Override
  public Optional<CauseTable> causes() {
    return Optional.of(CAUSES);
  }

  @Override
  public TelephonyProvider create(ProviderConfig config, ProviderContext context) {
    return new UContactProvider(config, context);
  }
}
