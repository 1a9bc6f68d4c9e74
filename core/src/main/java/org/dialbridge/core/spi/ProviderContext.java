package org.dialbridge.core.spi;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.dialbridge.core.phone.PhoneNumbers;

/**
 * What Dialbridge lends every adapter it creates: the clock, the phone number reader for the
 * configured default region, and the one scheduler that enforces request deadlines (owned by
 * Dialbridge, shut down with it, so adapters start no threads of their own).
 */
public record ProviderContext(
    Clock clock, PhoneNumbers phoneNumbers, ScheduledExecutorService scheduler) {

  public ProviderContext {
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(phoneNumbers, "phoneNumbers == null");
    Objects.requireNonNull(scheduler, "scheduler == null");
  }
}
