package org.dialbridge.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.spi.ProviderContext;

/** Provider contexts for tests: a pinned clock, a region, and a scheduler the test closes. */
public final class TestContexts implements AutoCloseable {
  public static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "test-deadlines");
            t.setDaemon(true);
            return t;
          });

  /** A context reading local numbers in {@code region}, its clock fixed at {@link #NOW}. */
  public ProviderContext context(String region) {
    return new ProviderContext(
        Clock.fixed(NOW, ZoneOffset.UTC), new PhoneNumbers(region), scheduler);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
