package org.dialbridge.demo.emulator;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What every provider family shares: the one scheduler, the timing, the clock and the webhook
 * sender.
 */
final class EmulatorContext {
  private static final System.Logger LOG = System.getLogger(EmulatorContext.class.getName());

  private final ScheduledExecutorService scheduler;
  private final EmulatorSettings.Timing timing;
  private final Clock clock;
  private final WebhookSender webhooks;

  EmulatorContext(
      ScheduledExecutorService scheduler,
      EmulatorSettings.Timing timing,
      Clock clock,
      WebhookSender webhooks) {
    this.scheduler = scheduler;
    this.timing = timing;
    this.clock = clock;
    this.webhooks = webhooks;
  }

  EmulatorSettings.Timing timing() {
    return timing;
  }

  Clock clock() {
    return clock;
  }

  Instant now() {
    return clock.instant();
  }

  WebhookSender webhooks() {
    return webhooks;
  }

  /** {@code base} scaled and varied by ±20%, in milliseconds. */
  long delayMillis(Duration base) {
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Math.round(base.toMillis() * timing.scale() * jitter);
  }

  /** A random talk time between the timing's bounds, scaled, in milliseconds. */
  long talkMillis() {
    long min = timing.talkMin().toMillis();
    long max = timing.talkMax().toMillis();
    long talk = max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
    return Math.round(talk * timing.scale());
  }

  /**
   * Runs {@code task} after {@code millis}; answers {@code null} once the emulator is closed (the
   * call simply stops progressing). A failing task is logged, not lost in its future.
   */
  ScheduledFuture<?> schedule(long millis, Runnable task) {
    try {
      return scheduler.schedule(logged(task), Math.max(0, millis), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      return null;
    }
  }

  /** Runs {@code task} soon on the scheduler, outside the caller's locks. */
  void execute(Runnable task) {
    schedule(0, task);
  }

  private static Runnable logged(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.log(Level.WARNING, "Emulated call step failed", e);
      }
    };
  }
}
