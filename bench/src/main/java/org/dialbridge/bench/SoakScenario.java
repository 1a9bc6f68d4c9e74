package org.dialbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * soak: the ingest workload at a steady, paced rate for minutes, with the server's live heap (after
 * a full collection) read every 30 s. The heap must stay under 128 MB once 100,000 events are in,
 * and must not grow from then on: whatever Dialbridge keeps per event, per call or per request
 * would show as growth.
 */
final class SoakScenario {
  static final double DEFAULT_RATE = 800;
  static final long LIMIT_BYTES = 128L * 1024 * 1024;
  static final int AFTER_EVENTS = 100_000;

  private final Options options;
  private final Report report =
      new Report("soak — steady webhook load, live heap of the server over time");

  SoakScenario(Options options) {
    this.options = options;
  }

  private record Sample(double seconds, long events, long liveHeap) {}

  int run() throws Exception {
    // --seconds is the watch after the 100,000th event: the load runs until then and that long
    // after
    Duration watch = options.phase(300);
    Duration warmup = options.warmupFor(300);
    double rate = options.rateOr(DEFAULT_RATE);
    long toFirst =
        (long)
            Math.ceil(Math.max(0, AFTER_EVENTS - warmup.toSeconds() * rate * 0.9) / (rate * 0.9));
    Duration phase = watch.plusSeconds(toFirst);
    BenchDb.Kind kind = options.dbs().get(0);
    BenchDb db = BenchDb.fresh(kind, options.work());
    long seeded = (long) ((warmup.toSeconds() + phase.toSeconds()) * rate / 3 * 1.1) + 10_000;
    CallSeeder.seed(db, seeded);
    List<Sample> samples = new ArrayList<>();
    Load.Result result;
    Webhooks.Counts counts = new Webhooks.Counts();
    String target = "Dialbridge stack, " + kind.label;
    try (FakeProviders fake = new FakeProviders();
        LoadClient client = new LoadClient(IngestScenario.SENDERS)) {
      Map<String, String> config = new HashMap<>(BenchConfig.providers(fake.base()));
      config.putAll(db.storeConfig());
      try (ServerProcess stack =
          ServerProcess.start(
              "stack",
              config,
              options.serverJvmArgs(),
              options.work().resolve("logs").resolve("soak-stack-" + kind + ".log"),
              target)) {
        Load.Action post =
            IngestScenario.poster(
                client,
                stack.base(),
                new Webhooks.Calls(seeded),
                counts,
                IngestScenario.SENDERS,
                code -> code == 204);
        Load.run("warm-up", IngestScenario.SENDERS, rate, warmup, post);
        long before = counts.unique.get() + counts.duplicates.get();
        stack.peakHeap(true);
        long cpu = stack.cpuNanos();
        long start = System.nanoTime();
        CompletableFuture<Load.Result> load =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return Load.run(target, IngestScenario.SENDERS, rate, phase, post);
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        samples.add(new Sample(0, counts.unique.get(), stack.liveHeap()));
        long every = Math.max(5, Math.min(30, phase.toSeconds() / 10)) * 1_000_000_000L;
        long next = start + every;
        while (!load.isDone()) {
          Thread.sleep(Math.max(1, Math.min(200, (next - System.nanoTime()) / 1_000_000)));
          if (System.nanoTime() >= next && !load.isDone()) {
            samples.add(
                new Sample(
                    (System.nanoTime() - start) / 1e9, counts.unique.get(), stack.liveHeap()));
            next += every;
          }
        }
        result = load.get();
        result = result.withServer(stack.peakHeap(false), stack.cpuNanos() - cpu);
        samples.add(
            new Sample((System.nanoTime() - start) / 1e9, counts.unique.get(), stack.liveHeap()));
        report.note(String.format(Locale.ROOT, "%,d deliveries during warm-up", before));
      }
    }
    long stored =
        db.count("SELECT COUNT(*) FROM dialbridge_event WHERE event_key NOT LIKE 'dialbridge|%'");
    report.add(result);
    Sample at100k =
        samples.stream().filter(s -> s.events() >= AFTER_EVENTS).findFirst().orElse(null);
    Sample last = samples.get(samples.size() - 1);
    Sample max = samples.stream().max(Comparator.comparingLong(Sample::liveHeap)).orElseThrow();
    StringBuilder series = new StringBuilder("live heap after a full GC (s: events stored → MB): ");
    for (Sample s : samples) {
      series.append(
          String.format(
              Locale.ROOT,
              "%.0f s: %,d → %.1f; ",
              s.seconds(),
              s.events(),
              s.liveHeap() / 1048576.0));
    }
    report.line(series.toString().strip());
    if (at100k == null) {
      report.check(
          "live heap < 128 MB after 100,000 events",
          false,
          "only " + last.events() + " events were ingested");
    } else {
      report.check(
          "live heap < 128 MB after 100,000 events",
          at100k.liveHeap() < LIMIT_BYTES && max.liveHeap() < LIMIT_BYTES,
          String.format(
              Locale.ROOT,
              "%.1f MB at %,d events, at most %.1f MB",
              at100k.liveHeap() / 1048576.0,
              at100k.events(),
              max.liveHeap() / 1048576.0));
      double growth = (last.liveHeap() - at100k.liveHeap()) / 1048576.0;
      double minutes = (last.seconds() - at100k.seconds()) / 60;
      // a little noise (buffers, caches filling to their bound) is not a leak: 4 MB of slack
      report.check(
          "no growth from then on",
          growth < 4,
          String.format(
              Locale.ROOT,
              "%+.1f MB over %.1f min, %,d → %,d events",
              growth,
              minutes,
              at100k.events(),
              last.events()));
    }
    report.check(
        "nothing lost or doubled",
        IngestScenario.intact(stored, counts.unique.get(), counts.uniqueFailed.get()),
        String.format(
            Locale.ROOT,
            "%,d unique events answered 204, %,d rows stored, %,d first deliveries without a 204",
            counts.unique.get(),
            stored,
            counts.uniqueFailed.get()));
    report.note(
        "server JVM: "
            + String.join(" ", options.serverJvmArgs())
            + " (heap not capped; the live heap is what "
            + "matters: the used heap right after System.gc())");
    report.note(
        "load: the ingest mix (four providers, 10% redeliveries, 5% out of order) paced at "
            + Report.count(rate)
            + " events/s from 64 senders");
    report.print(options.out());
    return report.failedChecks();
  }
}
