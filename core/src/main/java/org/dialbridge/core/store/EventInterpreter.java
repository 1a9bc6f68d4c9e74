package org.dialbridge.core.store;

import org.dialbridge.core.model.Call;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * Lets the provider re-read its event once the call it belongs to is known (see
 * TelephonyProvider#interpret).
 */
@FunctionalInterface
public interface EventInterpreter {
  EventInterpreter AS_IS = (event, call) -> event;

  ProviderEvent interpret(ProviderEvent event, Call call);
}
