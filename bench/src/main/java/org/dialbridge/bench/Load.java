package org.dialbridge.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A load generator in the manner of wrk2: {@code senders} threads, each with its own connection
 * and, when a rate is given, its own constant-rate schedule (together they offer {@code rate}
 * requests per second). Latency runs from the time a request was <em>scheduled</em>, not from the
 * time it could be sent: a stall of the system under test counts against every request it held
 * back, so coordinated omission does not hide it. Without a rate (rate 0) the senders go as fast as
 * the answers come (a closed loop that measures throughput; its latency is service time).
 */
final class Load {
  /** What one sender does once; true when the system answered as it should. */
  @FunctionalInterface
  interface Action {
    boolean run(int sender) throws Exception;
  }

  /** One measured phase. Latencies in microseconds. */
  record Result(
      String target,
      String mode,
      long ok,
      long failed,
      double seconds,
      Histogram latency,
      long peakHeap,
      String firstFailure,
      long serverCpuNanos,
      Map<String, Long> serverCpuGroups,
      double drainSeconds) {
    double throughput() {
      return ok / seconds;
    }

    /**
     * Events the server both accepted and applied per second: the phase and the time its inbox then
     * took to empty ({@link #withDrain}); the accepted rate where nothing was left to apply.
     */
    double applied() {
      return ok / (seconds + drainSeconds);
    }

    Result withDrain(double seconds) {
      return new Result(
          target,
          mode,
          ok,
          failed,
          this.seconds,
          latency,
          peakHeap,
          firstFailure,
          serverCpuNanos,
          serverCpuGroups,
          seconds);
    }

    double p50Millis() {
      return latency.getValueAtPercentile(50) / 1000.0;
    }

    double p99Millis() {
      return latency.getValueAtPercentile(99) / 1000.0;
    }

    double p999Millis() {
      return latency.getValueAtPercentile(99.9) / 1000.0;
    }

    double maxMillis() {
      return latency.getMaxValue() / 1000.0;
    }

    /**
     * CPU time the JVM under test spent per successful request, in microseconds; -1 when not
     * measured.
     */
    double cpuMicrosPerRequest() {
      return serverCpuNanos < 0 || ok == 0 ? -1 : serverCpuNanos / 1000.0 / ok;
    }

    /**
     * CPU time per successful request of one thread group of the JVM under test ({@link
     * ThreadCpu#GROUPS}), in microseconds; -1 when not measured.
     */
    double cpuMicrosPerRequest(String group) {
      Long n = serverCpuGroups == null ? null : serverCpuGroups.get(group);
      return n == null || ok == 0 ? -1 : n / 1000.0 / ok;
    }

    Result withServer(long peakHeapBytes, long cpuNanos) {
      return new Result(
          target,
          mode,
          ok,
          failed,
          seconds,
          latency,
          peakHeapBytes,
          firstFailure,
          cpuNanos,
          serverCpuGroups,
          drainSeconds);
    }

    Result withCpuGroups(Map<String, Long> groups) {
      return new Result(
          target,
          mode,
          ok,
          failed,
          seconds,
          latency,
          peakHeap,
          firstFailure,
          serverCpuNanos,
          groups,
          drainSeconds);
    }

    /** The same phase counted in units of {@code factor} (rows of a batch). */
    Result scaled(int factor, String modeSuffix) {
      return new Result(
          target,
          mode + modeSuffix,
          ok * factor,
          failed * factor,
          seconds,
          latency,
          peakHeap,
          firstFailure,
          serverCpuNanos,
          serverCpuGroups,
          drainSeconds);
    }
  }

  private Load() {}

  static String mode(double rate) {
    return rate > 0 ? "paced " + Report.count(rate) + "/s" : "max (closed loop)";
  }

  /**
   * Runs {@code action} from {@code senders} threads for {@code duration}.
   *
   * @param rate requests per second offered by all senders together, or 0 for as fast as possible
   */
  /** A phase against a server in its own JVM, with that JVM's CPU time and peak heap. */
  static Result onServer(
      ServerProcess server,
      String target,
      int senders,
      double rate,
      Duration duration,
      Action action)
      throws InterruptedException {
    return onServer(server, target, senders, rate, duration, action, false);
  }

  /**
   * As {@link #onServer(ServerProcess, String, int, double, Duration, Action)}; with {@code drain},
   * the phase lasts until the server's inbox has applied what the phase handed it, and the server's
   * CPU is counted to then: the work a request caused, not only its answer.
   */
  static Result onServer(
      ServerProcess server,
      String target,
      int senders,
      double rate,
      Duration duration,
      Action action,
      boolean drain)
      throws InterruptedException {
    server.peakHeap(true);
    long cpu = server.cpuNanos();
    Map<Integer, ThreadCpu.Stat> threads = ThreadCpu.snapshot(server.pid());
    MachineCpu.Snapshot machine = MachineCpu.now();
    Result r = run(target, senders, rate, duration, action);
    double drained = drain ? server.drainInbox(DRAIN_LIMIT) : 0;
    Map<String, Long> groups = ThreadCpu.between(threads, ThreadCpu.snapshot(server.pid()));
    groups.putAll(MachineCpu.between(machine, MachineCpu.now()));
    return r.withServer(server.peakHeap(false), server.cpuNanos() - cpu)
        .withCpuGroups(threads.isEmpty() ? null : groups)
        .withDrain(drained < 0 ? DRAIN_LIMIT.toSeconds() : drained);
  }

  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long STALL_MICROS = TimeUnit.MILLISECONDS.toMicros(10);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(ZoneOffset.UTC);

  /**
   * The slices of a paced phase in which a request (by its scheduled time) took longer than {@link
   * #STALL_MICROS}, each with the UTC time it began and its slowest request: where a p99 comes from
   * stalls rather than a slow path, their times match them to the server's and the database's logs
   * (GC, compilation, checkpoints).
   */
  static String stalls(Instant startedAt, AtomicLongArray slowest) {
    StringBuilder b = new StringBuilder();
    int count = 0;
    for (int i = 0; i < slowest.length(); i++) {
      long micros = slowest.get(i);
      if (micros <= STALL_MICROS) continue;
      count++;
      if (b.length() > 0) b.append(", ");
      b.append(CLOCK.format(startedAt.plusNanos(i * SLICE_NANOS)))
          .append(String.format(Locale.ROOT, " (%.0f ms)", micros / 1000.0));
    }
    return count == 0
        ? "no 100 ms slice had a request over 10 ms"
        : String.format(
            Locale.ROOT,
            "%d of %d 100 ms slices had a request over 10 ms (UTC, slowest): %s",
            count,
            slowest.length(),
            b);
  }

  /** The longest a phase waits for the server's inbox to empty. */
  static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);

  /**
   * A phase whose system under test runs in this JVM (raw JDBC, a provider called directly): the
   * CPU time is this whole JVM's, load generator included.
   */
  static Result inThisJvm(String target, int senders, double rate, Duration duration, Action action)
      throws InterruptedException {
    long cpu = ownCpuNanos();
    Result r = run(target, senders, rate, duration, action);
    return r.withServer(-1, ownCpuNanos() - cpu);
  }

  private static long ownCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static Result run(String target, int senders, double rate, Duration duration, Action action)
      throws InterruptedException {
    long highest = TimeUnit.SECONDS.toMicros(120);
    List<Histogram> histograms = new ArrayList<>();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong lastDone = new AtomicLong();
    AtomicLong behind = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long end = start + duration.toNanos();
    long interval = rate > 0 ? (long) (1e9 * senders / rate) : 0;
    Instant startedAt = Instant.now().plusMillis(20);
    AtomicLongArray slowest = new AtomicLongArray((int) (duration.toNanos() / SLICE_NANOS) + 1);
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      Histogram h = new Histogram(highest, 3);
      histograms.add(h);
      int sender = s;
      Thread t =
          new Thread(
              () -> {
                // stagger the senders' schedules evenly over one interval
                long next = start + (interval * sender) / senders;
                long done = start;
                while (true) {
                  long now = System.nanoTime();
                  long intended;
                  if (interval > 0) {
                    if (next >= end) break;
                    if (now >= end) {
                      // fell behind: what was scheduled but never sent is counted, not silently
                      // dropped
                      behind.addAndGet((end - next + interval - 1) / interval);
                      break;
                    }
                    while (now < next) {
                      LockSupport.parkNanos(next - now);
                      now = System.nanoTime();
                    }
                    intended = next;
                    next += interval;
                  } else {
                    if (now >= end) break;
                    intended = now;
                  }
                  boolean success;
                  try {
                    success = action.run(sender);
                    if (!success) firstFailure.compareAndSet(null, "unexpected answer");
                  } catch (Exception e) {
                    success = false;
                    firstFailure.compareAndSet(null, e.toString());
                  }
                  done = System.nanoTime();
                  long micros = Math.min(highest, Math.max(0, (done - intended) / 1000));
                  h.recordValue(micros);
                  int slice = (int) ((intended - start) / SLICE_NANOS);
                  if (slice >= 0 && slice < slowest.length()) {
                    slowest.accumulateAndGet(slice, micros, Math::max);
                  }
                  (success ? ok : failed).incrementAndGet();
                }
                long d = done;
                lastDone.accumulateAndGet(d, Math::max);
              },
              "bench-sender-" + s);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) t.join();
    Histogram all = new Histogram(highest, 3);
    histograms.forEach(all::add);
    if (interval > 0) System.err.println("  " + target + ", " + stalls(startedAt, slowest));
    double seconds = Math.max(lastDone.get() - start, 1) / 1e9;
    String failure = firstFailure.get();
    if (behind.get() > 0) {
      failure =
          behind.get()
              + " requests not sent: the target fell behind the schedule"
              + (failure == null ? "" : "; " + failure);
    }
    return new Result(
        target,
        mode(rate),
        ok.get(),
        failed.get() + behind.get(),
        seconds,
        all,
        -1,
        failure,
        -1,
        null,
        0);
  }
}
