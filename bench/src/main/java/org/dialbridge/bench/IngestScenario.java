package org.dialbridge.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * ingest: 64 senders post the four providers' webhooks to the real stack (Jetty, the webhook
 * filter, the store) on each database, against two limits measured in the same run: the same load
 * on a bare Jetty servlet that answers 204, and 64 threads of raw JDBC inserts of the same rows
 * into the same database. Every event sent once must be stored once.
 */
final class IngestScenario {
  static final int SENDERS = 64;

  /**
   * Events per second assumed only to seed enough calls (about 4x what the stack does on this
   * machine); calls past the seeded ones are still sent, as calls Dialbridge never placed, and the
   * report counts them.
   */
  private static final double SEED_RATE = 12_000;

  private static final Map<BenchDb.Kind, Double> TARGET =
      Map.of(BenchDb.Kind.H2, 15_000.0, BenchDb.Kind.PG, 8_000.0);

  private final Options options;
  private final Report report =
      new Report(
          "ingest — webhooks from 64 senders, four providers, 10% duplicates, 5% out of order");

  IngestScenario(Options options) {
    this.options = options;
  }

  int run() throws Exception {
    Duration phase = options.phase(30);
    Duration warmup = options.warmupFor(30);
    Map<BenchDb.Kind, Load.Result> stackMax = new LinkedHashMap<>();
    Map<BenchDb.Kind, Load.Result> stackPaced = new LinkedHashMap<>();
    Map<BenchDb.Kind, Load.Result> stackHalf = new LinkedHashMap<>();
    Map<BenchDb.Kind, Load.Result> rawAuto = new LinkedHashMap<>();
    Map<BenchDb.Kind, Load.Result> rawBatch = new LinkedHashMap<>();
    Map<BenchDb.Kind, String> versions = new LinkedHashMap<>();
    List<String> integrity = new ArrayList<>();
    boolean allStored = true;
    Load.Result bareMax = null;
    Load.Result barePaced = null;
    WrkRow bareWrk = null;
    Map<BenchDb.Kind, WrkRow> stackWrk = new LinkedHashMap<>();
    List<String> warmups = new ArrayList<>();
    Map<String, org.HdrHistogram.Histogram> sseChecks = new java.util.LinkedHashMap<>();
    List<String> sseLines = new ArrayList<>();
    boolean wrk = options.measuresPart("wrk") && Wrk.available();
    if (options.measuresPart("wrk") && !Wrk.available()) {
      String skip =
          "wrk rows skipped: "
              + Wrk.binary()
              + " not found (apt-get install wrk); the Java closed-loop rows still run";
      System.err.println(skip);
      report.note(skip);
    }
    try (FakeProviders fake = new FakeProviders();
        LoadClient client = new LoadClient(SENDERS)) {
      if (options.measures("bare")) {
        try (ServerProcess bare =
            ServerProcess.start("bare", Map.of(), options.serverJvmArgs(), log("bare"), "bare")) {
          Load.Action post =
              poster(
                  client,
                  bare.base(),
                  new Webhooks.Calls(0),
                  new Webhooks.Counts(),
                  SENDERS,
                  code -> code == 204);
          warmups.add("bare: " + JitSettle.warmUp(bare, SENDERS, post, options, warmup).describe());
          bareMax = measure(bare, "bare Jetty servlet (204)", 0, phase, post);
          if (wrk) {
            bareWrk =
                wrkPhase(
                    bare,
                    "bare Jetty servlet (204)",
                    new Webhooks.Calls(0),
                    bareMax.throughput() * 3,
                    phase,
                    "bare");
          }
          barePaced =
              measure(
                  bare,
                  "bare Jetty servlet (204)",
                  options.rateOr(TARGET.get(BenchDb.Kind.H2)),
                  phase,
                  post);
        }
      }
      for (BenchDb.Kind kind : options.dbs()) {
        if (options.measures("raw")) {
          BenchDb raw = BenchDb.fresh(kind, options.work());
          versions.put(kind, raw.version());
          rawAuto.put(
              kind,
              rawInserts(raw, "raw JDBC autocommit inserts, " + kind.label, 1, warmup, phase));
          rawBatch.put(
              kind,
              rawInserts(
                  BenchDb.fresh(kind, options.work()),
                  "raw JDBC batch inserts (100 rows/tx), " + kind.label,
                  100,
                  warmup,
                  phase));
        }
        if (!options.measures("stack")) continue;
        double rate = options.rateOr(TARGET.get(kind));
        BenchDb db = BenchDb.fresh(kind, options.work());
        versions.put(kind, db.version());
        // the warm-ups and the max phase are closed loops whatever --rate asks of the paced one:
        // seeded by a lower rate (2,470/s), the calls ran out before the paced phase, which then
        // posted calls Dialbridge never placed and sampled streams of calls that do not exist
        long seeded =
            (long)
                ((options.warmupCap(warmup).toSeconds() + 4 * phase.toSeconds()) * SEED_RATE / 3);
        long t = System.nanoTime();
        CallSeeder.seed(db, seeded);
        System.err.printf(
            Locale.ROOT,
            "seeded %,d calls in %s in %.1f s%n",
            seeded,
            kind.label,
            (System.nanoTime() - t) / 1e9);
        Map<String, String> config = new HashMap<>(BenchConfig.providers(fake.base()));
        config.putAll(db.storeConfig());
        Webhooks.Calls calls = new Webhooks.Calls(seeded);
        Webhooks.Counts counts = new Webhooks.Counts();
        String target = "Dialbridge stack, " + kind.label;
        try (ServerProcess stack =
            ServerProcess.start(
                "stack", config, options.serverJvmArgs(), log("stack-" + kind), target)) {
          Load.Action post =
              poster(client, stack.base(), calls, counts, SENDERS, code -> code == 204);
          JitSettle.Outcome warm = JitSettle.warmUp(stack, SENDERS, post, options, warmup);
          // what the warm-up accepted and left waiting would be charged to the measured phase
          double drained = stack.drainInbox(Load.DRAIN_LIMIT);
          warmups.add(
              String.format(
                  Locale.ROOT,
                  "%s: %s; its inbox then emptied in %s, before the first measured phase",
                  kind.label,
                  warm.describe(),
                  drained < 0
                      ? "**more than " + Load.DRAIN_LIMIT.toSeconds() + " s**"
                      : String.format(Locale.ROOT, "%.1f s", drained)));
          stackMax.put(kind, measureApplied(stack, target, 0, phase, post));
          if (wrk) {
            stackWrk.put(
                kind,
                wrkPhase(
                    stack,
                    target,
                    calls,
                    stackMax.get(kind).throughput() * 2,
                    phase,
                    "stack-" + kind));
          }
          // and where the stack is not overloaded: half of what it just accepted and applied
          double half = Math.floor(stackMax.get(kind).applied() / 2 / 10) * 10;
          // a paced row at a given rate only when asked (--rate): at a rate past its capacity
          // the stack only piles up its inbox
          boolean halfRuns = options.rate() == null;
          SseProbe probe =
              options.measuresPart("sse") ? new SseProbe(stack.base(), calls, counts) : null;
          if (probe != null) probe.start();
          warmups.add(
              kind.label
                  + ", before the paced phase: "
                  + JitSettle.settleAgain(stack, SENDERS, post, options, warmup).describe());
          stack.drainInbox(Load.DRAIN_LIMIT);
          if (probe != null) probe.reset();
          if (halfRuns) stackHalf.put(kind, measureApplied(stack, target, half, phase, post));
          else stackPaced.put(kind, measureApplied(stack, target, rate, phase, post));
          if (probe != null) {
            String at = (halfRuns ? stackHalf : stackPaced).get(kind).mode();
            org.HdrHistogram.Histogram seen = probe.stop();
            sseLines.add(kind.label + ": " + probe.describe(seen, at));
            sseChecks.put(kind.label + " (" + at + ")", seen);
            probe.close();
          }
          stack.drainInbox(Duration.ofSeconds(60));
        }
        long stored =
            db.count(
                "SELECT COUNT(*) FROM dialbridge_event WHERE event_key NOT LIKE 'dialbridge|%'");
        long linked =
            db.count(
                "SELECT COUNT(*) FROM dialbridge_event WHERE event_key NOT LIKE 'dialbridge|%' AND"
                    + " call_id IS NOT NULL");
        WrkRow w = stackWrk.get(kind);
        long wrkAnswered = w == null ? 0 : w.result().uniqueAnsweredAtLeast();
        long wrkUnsure = w == null ? 0 : w.result().uniqueSent() - wrkAnswered;
        long unique = counts.unique.get() + wrkAnswered;
        boolean equal = intact(stored, unique, counts.uniqueFailed.get() + wrkUnsure);
        allStored &= equal;
        integrity.add(
            String.format(
                Locale.ROOT,
                "%s: %,d unique events answered 204, %,d rows stored (%s), %,d linked to their"
                    + " call; %,d redeliveries (%.1f%% of deliveries), %,d out of order; %,d of %,d"
                    + " calls were not seeded%s",
                kind.label,
                unique,
                stored,
                stored == unique
                    ? "equal"
                    : equal
                        ? (stored - unique)
                            + " more: events stored whose answer did not reach the sender"
                        : "**DIFFERENT**",
                linked,
                counts.duplicates.get(),
                100.0 * counts.duplicates.get() / Math.max(1, unique + counts.duplicates.get()),
                counts.outOfOrder.get(),
                calls.unseededTaken(),
                calls.taken(),
                (counts.uniqueFailed.get() == 0
                        ? ""
                        : "; "
                            + counts.uniqueFailed.get()
                            + " first deliveries got no 204 (a provider would redeliver them)")
                    + (w == null
                        ? ""
                        : String.format(
                            Locale.ROOT,
                            "; of them by wrk: %,d unique events sent, at least %,d answered 2xx,"
                                + " %,d rows stored during its phase",
                            w.result().uniqueSent(),
                            wrkAnswered,
                            w.stored()))));
      }
    }
    if (bareMax != null) {
      report.add(bareMax);
      if (bareWrk != null) bareWrk.addTo(report);
      report.add(barePaced);
    }
    for (BenchDb.Kind kind : options.dbs()) {
      if (rawAuto.containsKey(kind)) {
        report.add(rawAuto.get(kind));
        report.add(rawBatch.get(kind));
      }
      if (stackMax.containsKey(kind)) {
        report.add(stackMax.get(kind));
        if (stackWrk.containsKey(kind)) stackWrk.get(kind).addTo(report);
        if (stackPaced.containsKey(kind)) report.add(stackPaced.get(kind));
        if (stackHalf.containsKey(kind)) report.add(stackHalf.get(kind));
      }
    }
    for (BenchDb.Kind kind : stackMax.keySet()) {
      Load.Result max = stackMax.get(kind);
      Load.Result paced = stackPaced.get(kind);
      if (bareMax != null) {
        report.ratio(
            "stack on " + kind.label + " / bare servlet (max throughput)",
            max.throughput() / bareMax.throughput());
      }
      if (rawAuto.containsKey(kind)) {
        report.ratio(
            "stack on " + kind.label + " / raw autocommit inserts into " + kind.label,
            max.throughput() / rawAuto.get(kind).throughput());
      }
      report.line(
          String.format(
              Locale.ROOT,
              "on %s, closed loop: %s events/s accepted, %s/s accepted and applied (the inbox"
                  + " emptied %.1f s after the phase); CPU per event, inbox and applier together:"
                  + " %.0f µs%s",
              kind.label,
              Report.count(max.throughput()),
              Report.count(max.applied()),
              max.drainSeconds(),
              max.cpuMicrosPerRequest(),
              withTheDatabase(max, bareMax)));
      if (bareMax != null) {
        report.check(
            "server CPU per webhook, inbox and applier together, ≤ 3× the bare servlet's per"
                + " request ("
                + kind.label
                + ", closed loop)",
            max.cpuMicrosPerRequest() <= 3 * bareMax.cpuMicrosPerRequest(),
            String.format(
                Locale.ROOT,
                "%.0f µs vs %.0f µs, %.1f×",
                max.cpuMicrosPerRequest(),
                bareMax.cpuMicrosPerRequest(),
                max.cpuMicrosPerRequest() / bareMax.cpuMicrosPerRequest()));
      }
      if (paced != null) {
        report.line(
            String.format(
                Locale.ROOT,
                "on %s with %s offered: p99 %.2f ms at %s events/s%s",
                kind.label,
                paced.mode(),
                paced.p99Millis(),
                Report.count(paced.throughput()),
                paced.failed() > 0 ? ", " + Report.count(paced.failed()) + " not sent" : ""));
      }
      Load.Result half = stackHalf.get(kind);
      if (half != null) {
        report.check(
            "webhook p99 < 10 ms on " + kind.label + " at half its capacity (" + half.mode() + ")",
            half.p99Millis() < 10 && half.failed() == 0,
            String.format(
                Locale.ROOT,
                "p50 %.2f ms, p99 %.2f ms; the inbox emptied %.1f s after the phase",
                half.p50Millis(),
                half.p99Millis(),
                half.drainSeconds()));
      }
    }
    for (Map.Entry<BenchDb.Kind, WrkRow> e : stackWrk.entrySet()) {
      if (bareWrk != null) {
        double goal = e.getKey() == BenchDb.Kind.H2 ? 0.5 : 0.4;
        double accepted = e.getValue().result().throughput() / bareWrk.result().throughput();
        double applied = e.getValue().applied() / bareWrk.result().throughput();
        report.ratio(
            "stack on " + e.getKey().label + " / bare servlet, both driven by wrk, accepted",
            accepted);
        report.check(
            "≥ "
                + goal
                + "× the bare servlet on "
                + e.getKey().label
                + ", both under wrk, events accepted and applied",
            applied >= goal,
            String.format(
                Locale.ROOT,
                "%.2f× (%s/s applied over the phase and the %.1f s its inbox took to empty;"
                    + " %.2f× accepted)",
                applied,
                Report.count(e.getValue().applied()),
                e.getValue().drainSeconds(),
                accepted));
      }
      WrkRow w = e.getValue();
      report.line(
          String.format(
              Locale.ROOT,
              "wrk on %s: %,d unique events sent, at least %,d answered 2xx (%,d requests got"
                  + " no 2xx: %,d non-2xx, %,d socket errors, the rest in flight at the end),"
                  + " %,d rows stored in its phase (%s)",
              e.getKey().label,
              w.result().uniqueSent(),
              w.result().uniqueAnsweredAtLeast(),
              w.result().notOk(),
              w.result().non2xx(),
              w.result().socketErrors(),
              w.stored(),
              intact(
                      w.stored(),
                      w.result().uniqueAnsweredAtLeast(),
                      w.result().uniqueSent() - w.result().uniqueAnsweredAtLeast())
                  ? "consistent"
                  : "**INCONSISTENT**"));
    }
    sseLines.forEach(report::line);
    sseChecks.forEach(
        (at, seen) ->
            report.check(
                "204 → status on the call's event stream, p99 < 100 ms on " + at,
                seen.getTotalCount() > 0 && seen.getValueAtPercentile(99) < 100_000,
                String.format(
                    Locale.ROOT,
                    "p99 %.2f ms over %,d status changes",
                    seen.getValueAtPercentile(99) / 1000.0,
                    seen.getTotalCount())));
    if (!stackMax.isEmpty()) {
      report.check(
          "nothing lost or doubled (every event answered 204 stored once, nothing else)",
          allStored,
          allStored ? "yes" : "no");
    }
    integrity.forEach(report::note);
    warmups.forEach(w -> report.note("warm-up, " + w));
    if (bareWrk != null || !stackWrk.isEmpty()) {
      report.note(
          "wrk rows: "
              + Wrk.describe(SENDERS)
              + ", the Java senders' mix made beforehand (BemMelhor's HMAC signed then, within"
              + " its 5-minute tolerance), each thread's requests in order, repeated from its"
              + " first when they run out (repeats: "
              + (bareWrk == null
                  ? ""
                  : String.format(Locale.ROOT, "bare %,d; ", bareWrk.result().repeats()))
              + stackWrk.entrySet().stream()
                  .map(
                      e ->
                          String.format(
                              Locale.ROOT,
                              "%s %,d",
                              e.getKey().label,
                              e.getValue().result().repeats()))
                  .reduce((a, b) -> a + ", " + b)
                  .orElse("")
              + "); latency is wrk's (service time of a closed loop); requests ="
              + " responses + socket errors");
    }
    versions.values().forEach(v -> report.note("database: " + v));
    String pg = BenchDb.postgresSettings();
    if (!pg.isEmpty()) report.note("embedded PostgreSQL settings: " + pg);
    report.note(
        "paced rows: open model, latency from the scheduled send time (no coordinated omission); "
            + "max rows: a closed loop of 64 senders (latency = service time); warm-up "
            + warmup.toSeconds()
            + " s at least per server, then until the JIT settled");
    report.print(options.out());
    return report.failedChecks();
  }

  /**
   * The server's CPU per event with its database's processes added, where they run beside it
   * (PostgreSQL; H2's work is in the server's own threads), and that against the bare servlet's.
   */
  static String withTheDatabase(Load.Result stack, Load.Result bare) {
    double db = stack.cpuMicrosPerRequest(MachineCpu.DATABASE);
    if (db <= 0) return "";
    double both = stack.cpuMicrosPerRequest() + db;
    return String.format(
        Locale.ROOT,
        ", %.0f µs with PostgreSQL's processes%s",
        both,
        bare == null || bare.cpuMicrosPerRequest() <= 0
            ? ""
            : String.format(
                Locale.ROOT, " (%.1f× the bare servlet's)", both / bare.cpuMicrosPerRequest()));
  }

  /**
   * A wrk phase and the webhook rows the server stored during it, counted once its inbox had
   * applied them ({@code drainSeconds} later; the server's CPU is counted to then).
   */
  record WrkRow(
      String target,
      Wrk.Result result,
      long cpuNanos,
      Map<String, Long> groups,
      long peak,
      long stored,
      double drainSeconds,
      double seconds) {
    /** Rows stored per second of the phase and its drain. */
    double applied() {
      return stored / (seconds + drainSeconds);
    }

    void addTo(Report report) {
      report.addWrk(target, Wrk.describe(SENDERS), result, cpuNanos, groups, peak);
    }
  }

  private WrkRow wrkPhase(
      ServerProcess server,
      String target,
      Webhooks.Calls calls,
      double expectedRate,
      Duration phase,
      String name)
      throws Exception {
    boolean stack = !name.equals("bare");
    Path dir = options.work().resolve("wrk-" + name);
    BenchDb.deleteTree(dir);
    int perThread =
        (int)
            Math.max(5_000, Math.min(100_000, expectedRate * phase.toSeconds() / Wrk.THREADS + 1));
    Wrk.writeRequests(dir, server.base(), calls, Wrk.THREADS, perThread, name.hashCode());
    long storedBefore = stack ? server.events() : 0;
    server.peakHeap(true);
    long cpu = server.cpuNanos();
    Map<Integer, ThreadCpu.Stat> threads = ThreadCpu.snapshot(server.pid());
    MachineCpu.Snapshot machine = MachineCpu.now();
    Wrk.Result r = Wrk.run(dir, server.base() + "/", SENDERS, phase);
    double drain = stack ? server.drainInbox(Load.DRAIN_LIMIT) : 0;
    Map<String, Long> groups = ThreadCpu.between(threads, ThreadCpu.snapshot(server.pid()));
    groups.putAll(MachineCpu.between(machine, MachineCpu.now()));
    long cpuUsed = server.cpuNanos() - cpu;
    long peak = server.peakHeap(false);
    long stored = stack ? server.events() - storedBefore : -1;
    BenchDb.deleteTree(dir);
    return new WrkRow(
        target,
        r,
        cpuUsed,
        threads.isEmpty() ? null : groups,
        peak,
        stored,
        drain < 0 ? Load.DRAIN_LIMIT.toSeconds() : drain,
        phase.toSeconds());
  }

  private Path log(String name) {
    return options.work().resolve("logs").resolve("ingest-" + name + ".log");
  }

  /**
   * Every event answered {@code 204} is stored, and nothing more than what was sent: each row
   * stored is one acknowledged event, or one whose answer was lost (the server stored it, the
   * sender did not hear back; a provider would redeliver it and the duplicate would be refused).
   */
  static boolean intact(long stored, long acknowledged, long unanswered) {
    return stored >= acknowledged && stored <= acknowledged + unanswered;
  }

  private static Load.Result measure(
      ServerProcess server, String target, double rate, Duration phase, Load.Action action)
      throws InterruptedException {
    return Load.onServer(server, target, SENDERS, rate, phase, action);
  }

  /** A phase of the stack, lasting until its inbox applied what the phase handed it. */
  private static Load.Result measureApplied(
      ServerProcess server, String target, double rate, Duration phase, Load.Action action)
      throws InterruptedException {
    return Load.onServer(server, target, SENDERS, rate, phase, action, true);
  }

  /** Each sender posts its stream of deliveries; an answer {@code ok} accepts is a success. */
  static Load.Action poster(
      LoadClient client,
      String base,
      Webhooks.Calls calls,
      Webhooks.Counts counts,
      int senders,
      IntPredicate ok) {
    Webhooks.Sender[] streams = new Webhooks.Sender[senders];
    for (int s = 0; s < senders; s++)
      streams[s] = new Webhooks.Sender(base, calls, counts, 7919L * (s + 1));
    return sender -> {
      Webhooks.Sender stream = streams[sender];
      Webhooks.Delivery d = stream.next();
      boolean success = false;
      try {
        success = ok.test(client.post(d.uri(), d.body(), d.type(), d.headersNow()));
      } finally {
        stream.answered(success);
      }
      return success;
    };
  }

  /**
   * 64 threads inserting event rows like Dialbridge's (same table, same unique key, the same kind
   * of payload) with plain JDBC: one row per autocommit statement, or {@code batch} rows per
   * transaction. Throughput in rows per second; latency per statement or batch.
   */
  static Load.Result rawInserts(
      BenchDb db, String target, int batch, Duration warmup, Duration phase) throws Exception {
    List<Connection> connections = new ArrayList<>();
    List<PreparedStatement> statements = new ArrayList<>();
    long[] seq = new long[SENDERS];
    String payload =
        "{\"eventType\":\"hangup\",\"callId\":\"c-3f7a9e21\","
            + "\"callUri\":\"https://api.catapult.inetwork.com/v1/"
            + "users/u-7d2c41/calls/c-3f7a9e21\","
            + "\"from\":\"+13233326955\",\"to\":\"+13233326955\",\"cause\":\"NORMAL_CLEARING\","
            + "\"time\":\"2012-11-14T15:56:12.636Z\"}";
    try {
      for (int s = 0; s < SENDERS; s++) {
        Connection c = db.connect();
        c.setAutoCommit(batch == 1);
        connections.add(c);
        statements.add(
            c.prepareStatement(
                "INSERT INTO dialbridge_event (provider, call_id, type, status, cause, raw_cause,"
                    + " occurred_at, received_at, event_key, payload, provider_call_id,"
                    + " agent_extension, number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      }
      Load.Action insert =
          sender -> {
            PreparedStatement p = statements.get(sender);
            for (int i = 0; i < batch; i++) {
              long n = seq[sender]++;
              OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
              p.setString(1, "bw");
              p.setNull(2, Types.VARCHAR);
              p.setString(3, "HANGUP");
              p.setString(4, "COMPLETED");
              p.setString(5, "NORMAL_CLEARING");
              p.setString(6, "NORMAL_CLEARING");
              p.setObject(7, now);
              p.setObject(8, now);
              p.setString(9, "hangup|raw-" + sender + "-" + n + "|2012-11-14T15:56:12.636Z");
              p.setString(10, payload);
              p.setString(11, "raw-" + sender + "-" + n);
              p.setString(12, null);
              p.setString(13, "+13233326955");
              if (batch == 1) {
                p.executeUpdate();
              } else {
                p.addBatch();
              }
            }
            if (batch > 1) {
              p.executeBatch();
              statements.get(sender).getConnection().commit();
            }
            return true;
          };
      Load.run("warm-up", SENDERS, 0, warmup, insert);
      // the database runs in this JVM: its CPU is the inserting threads' and the database's
      Load.Result r = Load.inThisJvm(target, SENDERS, 0, phase, insert);
      long rows = db.count("SELECT COUNT(*) FROM dialbridge_event");
      if (rows != (Arrays.stream(seq).sum())) {
        throw new IllegalStateException(
            target + ": " + rows + " rows but " + Arrays.stream(seq).sum() + " inserted");
      }
      return r.scaled(batch, batch > 1 ? ", latency per batch" : "");
    } finally {
      for (Connection c : connections) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing after the run
        }
      }
    }
  }
}
