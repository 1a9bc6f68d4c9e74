package org.dialbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warm-up until the server's JIT has settled: unmeasured closed-loop load in one-second slices, the
 * server JVM's total compilation time ({@code CompilationMXBean}) read after each, until the
 * compile time grew by less than a share of the wall time over the last window (1% over 5 s by
 * default), after at least the minimum and at most the cap.
 */
final class JitSettle {
  static final Duration WINDOW = Duration.ofSeconds(5);

  private JitSettle() {}

  /** One reading of the server: its uptime and its total compilation time, in milliseconds. */
  record Sample(long wallMillis, long compileMillis) {}

  /** How a warm-up went: its length, the compile share of the last window, whether it settled. */
  record Outcome(double seconds, double compileShare, boolean settled) {
    String describe() {
      return String.format(
          Locale.ROOT,
          "warm-up %.0f s, %s (JIT compile time %.2f%% of wall time over the last %d s)",
          seconds,
          settled ? "JIT settled" : "**JIT not settled at the cap**",
          100 * compileShare,
          WINDOW.toSeconds());
    }
  }

  /**
   * The compile time's share of the wall time between the last sample and the latest one at least
   * {@code window} before it; NaN while the samples span less than the window.
   */
  static double share(List<Sample> samples, Duration window) {
    if (samples.isEmpty()) return Double.NaN;
    Sample last = samples.get(samples.size() - 1);
    for (int i = samples.size() - 2; i >= 0; i--) {
      Sample s = samples.get(i);
      long wall = last.wallMillis() - s.wallMillis();
      if (wall >= window.toMillis())
        return (double) (last.compileMillis() - s.compileMillis()) / wall;
    }
    return Double.NaN;
  }

  /** Settled: over the last {@code window} the compile time grew by less than {@code maxShare}. */
  static boolean settled(List<Sample> samples, Duration window, double maxShare) {
    double s = share(samples, window);
    return !Double.isNaN(s) && s < maxShare;
  }

  /** Warms {@code server} up with {@code action} from {@code senders} closed-loop senders. */
  static Outcome warmUp(
      ServerProcess server,
      int senders,
      Load.Action action,
      Duration min,
      Duration max,
      double maxShare)
      throws InterruptedException {
    List<Sample> samples = new ArrayList<>();
    long start = System.nanoTime();
    samples.add(server.jit());
    while (true) {
      Load.run("warm-up", senders, 0, Duration.ofSeconds(1), action);
      samples.add(server.jit());
      double elapsed = (System.nanoTime() - start) / 1e9;
      boolean settled = settled(samples, WINDOW, maxShare);
      if ((settled && elapsed >= min.toSeconds()) || elapsed >= max.toSeconds()) {
        double share = share(samples, WINDOW);
        Outcome o = new Outcome(elapsed, Double.isNaN(share) ? 1 : share, settled);
        System.err.println("  " + server.label() + ": " + o.describe());
        return o;
      }
    }
  }
}
