package org.dialbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Warm-up until the server's JIT has settled: unmeasured closed-loop load in one-second slices, the
 * server JVM's total compilation time ({@code CompilationMXBean}) read after each, until the
 * compile time grew by less than a share of the wall time over the last window (1% over 5 s by
 * default), after at least the minimum and at most the cap.
 */
final class JitSettle {
  static final Duration WINDOW = Duration.ofSeconds(5);

  private JitSettle() {}

  /**
   * One reading of the server, in milliseconds: its uptime, its total compilation time, and the CPU
   * time its compiler threads used (from {@code /proc}). The compilation time is the compilers'
   * wall time: on two cores under a closed loop they wait for CPU in the middle of a compilation,
   * so it can near the wall time while they get a fraction of a core.
   */
  record Sample(long wallMillis, long compileMillis, long jitCpuMillis) {
    Sample(long wallMillis, long compileMillis) {
      this(wallMillis, compileMillis, 0);
    }
  }

  /**
   * How a warm-up went: its length under the full load, then under the light one (0 when none was
   * needed), the compile share of the last window, whether it settled.
   */
  record Outcome(
      double seconds,
      double lightSeconds,
      int lightSenders,
      double compileShare,
      double jitCpuShare,
      boolean settled) {
    Outcome(
        double seconds,
        double lightSeconds,
        int lightSenders,
        double compileShare,
        boolean settled) {
      this(seconds, lightSeconds, lightSenders, compileShare, Double.NaN, settled);
    }

    String describe() {
      String load =
          seconds == 0
              ? String.format(Locale.ROOT, "%.0f s with %d senders", lightSeconds, lightSenders)
              : lightSeconds > 0
                  ? String.format(
                      Locale.ROOT,
                      "warm-up %.0f s, then %.0f s with %d senders",
                      seconds,
                      lightSeconds,
                      lightSenders)
                  : String.format(Locale.ROOT, "warm-up %.0f s", seconds);
      String cpu =
          Double.isNaN(jitCpuShare)
              ? ""
              : String.format(
                  Locale.ROOT, ", the compiler threads' CPU %.1f%% of one core", 100 * jitCpuShare);
      return String.format(
          Locale.ROOT,
          "%s, %s (JIT compile time %.2f%% of wall time%s over the last %d s)",
          load,
          settled ? "JIT settled" : "**JIT not settled at the cap**",
          100 * compileShare,
          cpu,
          WINDOW.toSeconds());
    }
  }

  /**
   * The compile time's share of the wall time between the last sample and the latest one at least
   * {@code window} before it; NaN while the samples span less than the window.
   */
  static double share(List<Sample> samples, Duration window) {
    return share(samples, window, Sample::compileMillis);
  }

  /** {@link #share} of the compiler threads' CPU time. */
  static double cpuShare(List<Sample> samples, Duration window) {
    return share(samples, window, Sample::jitCpuMillis);
  }

  private static double share(List<Sample> samples, Duration window, ToLongFunction<Sample> of) {
    if (samples.isEmpty()) return Double.NaN;
    Sample last = samples.get(samples.size() - 1);
    for (int i = samples.size() - 2; i >= 0; i--) {
      Sample s = samples.get(i);
      long wall = last.wallMillis() - s.wallMillis();
      if (wall >= window.toMillis())
        return (double) (of.applyAsLong(last) - of.applyAsLong(s)) / wall;
    }
    return Double.NaN;
  }

  /** Settled: over the last {@code window} the compile time grew by less than {@code maxShare}. */
  static boolean settled(List<Sample> samples, Duration window, double maxShare) {
    double s = share(samples, window);
    return !Double.isNaN(s) && s < maxShare;
  }

  /** {@link #warmUp} with the command line's cap and settle share, at least {@code least}. */
  static Outcome warmUp(
      ServerProcess server, int senders, Load.Action action, Options options, Duration least)
      throws InterruptedException {
    return warmUp(
        server, senders, action, least, options.warmupCap(least), options.settlePercent() / 100);
  }

  /** {@link #settleAgain} for at most half the command line's cap, with its settle share. */
  static Outcome settleAgain(
      ServerProcess server, int senders, Load.Action action, Options options, Duration least)
      throws InterruptedException {
    return settleAgain(
        server,
        senders,
        action,
        options.warmupCap(least).dividedBy(2),
        options.settlePercent() / 100);
  }

  /**
   * Warms {@code server} up with {@code action} from {@code senders} closed-loop senders; when the
   * JIT has not settled at {@code max}, goes on with an eighth of the senders for at most half as
   * long again. A closed loop of 64 senders on two cores leaves the compiler threads so little CPU
   * that their queue grows (compiling took 86–126% of the wall time after 90 s of {@code place}),
   * and the paced phase after it was charged with working it off (2,921 µs of JIT per request).
   */
  static Outcome warmUp(
      ServerProcess server,
      int senders,
      Load.Action action,
      Duration min,
      Duration max,
      double maxShare)
      throws InterruptedException {
    List<Sample> samples = new ArrayList<>();
    samples.add(server.jit());
    long start = System.nanoTime();
    double elapsed = 0;
    boolean settled = false;
    while (!(settled && elapsed >= min.toSeconds()) && elapsed < max.toSeconds()) {
      Load.run("warm-up", senders, 0, Duration.ofSeconds(1), action);
      samples.add(server.jit());
      elapsed = (System.nanoTime() - start) / 1e9;
      settled = settled(samples, WINDOW, maxShare);
    }
    Outcome o =
        settled
            ? new Outcome(elapsed, 0, 0, share(samples, WINDOW), cpuShare(samples, WINDOW), true)
            : light(server, samples, senders, action, max.dividedBy(2), maxShare, elapsed);
    System.err.println("  " + server.label() + ": " + o.describe());
    return o;
  }

  /**
   * Before a paced phase that follows a closed-loop one: the closed loop queues compilations it
   * leaves the compilers no CPU for (3,389 µs of JIT per request in the paced phase of a {@code
   * place} run whose warm-up had settled), so an eighth of the senders until the JIT settled again,
   * at most {@code max}.
   */
  static Outcome settleAgain(
      ServerProcess server, int senders, Load.Action action, Duration max, double maxShare)
      throws InterruptedException {
    List<Sample> samples = new ArrayList<>();
    samples.add(server.jit());
    Outcome o = light(server, samples, senders, action, max, maxShare, 0);
    System.err.println("  " + server.label() + ", before the paced phase: " + o.describe());
    return o;
  }

  private static Outcome light(
      ServerProcess server,
      List<Sample> samples,
      int senders,
      Load.Action action,
      Duration max,
      double maxShare,
      double fullSeconds)
      throws InterruptedException {
    int few = Math.max(1, senders / 8);
    double light = 0;
    boolean settled = false;
    long start = System.nanoTime();
    while (!settled && light < max.toSeconds()) {
      Load.run("warm-up, light", few, 0, Duration.ofSeconds(1), action);
      samples.add(server.jit());
      light = (System.nanoTime() - start) / 1e9;
      settled = settled(samples, WINDOW, maxShare);
    }
    double share = share(samples, WINDOW);
    return new Outcome(
        fullSeconds,
        light,
        few,
        Double.isNaN(share) ? 1 : share,
        cpuShare(samples, WINDOW),
        settled);
  }
}
