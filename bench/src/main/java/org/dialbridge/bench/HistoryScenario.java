package org.dialbridge.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * history: years of calls (1,000,000 events of 250,000 calls over 100,000 contacts, a thousand busy
 * contacts holding a fifth of the calls, one contact with exactly 1,000), then 32 readers opening
 * contacts' call history with {@code GET /contacts/{id}/calls} through the whole stack, against the
 * same query run by 32 threads with plain JDBC on the same database.
 */
final class HistoryScenario {
  static final int READERS = 32;
  static final int CALLS = 250_000;
  static final int EVENTS_PER_CALL = 4;
  static final int CONTACTS = 100_000;
  static final int BUSY_CONTACTS = 1_000;

  /**
   * The one contact with exactly 1,000 calls (every 250th call), whose first page must stay fast.
   */
  static final String THOUSAND_CALLS = "c-thousand";

  static final double DEFAULT_PACED = 1_000;

  /** The store's history query, as CallStore runs it for a first page. */
  static final String QUERY =
      "SELECT c.id, c.provider, c.provider_call_id, c.contact_id, c.agent, c.agent_extension,"
          + " c.from_number, c.to_number, c.status, c.cause, c.raw_cause, c.created_at,"
          + " c.answered_at, c.ended_at, c.duration_seconds, w.call_id AS w_call_id,"
          + " w.disposition, w.note, w.callback_at, w.wrapped_at, w.wrapped_by, w.revision,"
          + " w.followed_up_by, w.provider_status, w.provider_message FROM dialbridge_call c LEFT"
          + " JOIN dialbridge_wrap_up w ON w.call_id = c.id WHERE c.contact_id = ? ORDER BY"
          + " c.created_at DESC, c.id DESC LIMIT 21";

  private final Options options;
  private final Report report =
      new Report(
          "history — GET /contacts/{id}/calls, 32 readers, 1,000,000 events over 100,000 contacts");

  HistoryScenario(Options options) {
    this.options = options;
  }

  int run() throws Exception {
    Duration phase = options.phase(30);
    Duration warmup = options.warmupFor(30);
    double rate = options.rateOr(DEFAULT_PACED);
    Map<BenchDb.Kind, List<Load.Result>> rows = new LinkedHashMap<>();
    Map<BenchDb.Kind, Load.Result> thousand = new LinkedHashMap<>();
    try (FakeProviders fake = new FakeProviders();
        LoadClient client = new LoadClient(READERS)) {
      for (BenchDb.Kind kind : options.dbs()) {
        List<Load.Result> results = new ArrayList<>();
        rows.put(kind, results);
        BenchDb db = BenchDb.fresh(kind, options.work());
        long t = System.nanoTime();
        HistorySeeder.seed(db);
        System.err.printf(
            Locale.ROOT,
            "seeded %,d calls and %,d events (and wrap-ups) in %s in %.1f s%n",
            CALLS,
            CALLS * EVENTS_PER_CALL + CALLS * 2 / 3,
            kind.label,
            (System.nanoTime() - t) / 1e9);
        report.note(
            String.format(
                Locale.ROOT,
                "%s: %,d calls (%,d wrapped up), %,d events, %,d contacts with calls; busiest"
                    + " contact %,d calls",
                db.version(),
                db.count("SELECT COUNT(*) FROM dialbridge_call"),
                db.count("SELECT COUNT(*) FROM dialbridge_wrap_up"),
                db.count("SELECT COUNT(*) FROM dialbridge_event"),
                db.count("SELECT COUNT(DISTINCT contact_id) FROM dialbridge_call"),
                db.count(
                    "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM dialbridge_call GROUP BY"
                        + " contact_id) x")));
        double paced = options.rateOr(DEFAULT_PACED);
        if (options.measures("stack")) {
          Map<String, String> config = new HashMap<>(BenchConfig.providers(fake.base()));
          config.putAll(db.storeConfig());
          String target = "GET /contacts/{id}/calls via the stack, " + kind.label;
          try (ServerProcess stack =
              ServerProcess.start(
                  "stack",
                  config,
                  options.serverJvmArgs(),
                  options.work().resolve("logs").resolve("history-stack-" + kind + ".log"),
                  target)) {
            Load.Action read = reader(client, stack.base());
            String check =
                client.getText(
                    URI.create(stack.base() + "/dialbridge/api/contacts/c0/calls"),
                    Map.of("Authorization", SignInFilter.basic("agent-0")));
            if (!check.startsWith("200 ") || !check.contains("\"calls\":[{")) {
              throw new IllegalStateException("GET /contacts/c0/calls answered " + check);
            }
            JitSettle.Outcome warm = JitSettle.warmUp(stack, READERS, read, options, warmup);
            report.note(kind.label + ", the stack: " + warm.describe());
            Load.Result max = measure(stack, target, 0, phase, read);
            results.add(max);
            // not past half of what the stack just managed, so that the p99 is latency, not a queue
            if (options.rate() == null)
              paced = Math.min(paced, Math.max(10, Math.floor(max.throughput() / 2 / 10) * 10));
            report.note(
                kind.label
                    + ", the stack before its paced phases: "
                    + JitSettle.settleAgain(stack, READERS, read, options, warmup).describe());
            results.add(measure(stack, target, paced, phase, read));
            thousand.put(
                kind,
                measure(
                    stack,
                    target + ", the contact with 1,000 calls",
                    paced,
                    phase,
                    reader(client, stack.base(), random -> THOUSAND_CALLS)));
          }
        }
        if (options.measures("raw")) {
          results.addAll(rawReads(db, "same query, raw JDBC, " + kind.label, paced, warmup, phase));
        }
      }
    }
    for (BenchDb.Kind kind : rows.keySet()) {
      List<Load.Result> r = rows.get(kind);
      r.forEach(report::add);
      if (thousand.containsKey(kind)) report.add(thousand.get(kind));
      Load.Result rawMax = find(r, "raw", false);
      Load.Result rawPaced = find(r, "raw", true);
      Load.Result stackMax = find(r, "stack", false);
      Load.Result stackPaced = find(r, "stack", true);
      if (stackMax != null && rawMax != null) {
        report.ratio(
            "stack / raw JDBC on " + kind.label + " (max throughput)",
            stackMax.throughput() / rawMax.throughput());
      }
      if (stackPaced != null && rawPaced != null) {
        report.line(
            String.format(
                Locale.ROOT,
                "added by the stack on %s at %s: p50 %.2f ms, p99 %.2f ms",
                kind.label,
                stackPaced.mode(),
                stackPaced.p50Millis() - rawPaced.p50Millis(),
                stackPaced.p99Millis() - rawPaced.p99Millis()));
      }
      if (stackPaced != null) {
        report.check(
            "p99 < 3 ms on " + kind.label + " (" + stackPaced.mode() + ", 32 readers)",
            stackPaced.p99Millis() < 3 && stackPaced.failed() == 0,
            String.format(Locale.ROOT, "%.2f ms", stackPaced.p99Millis()));
      }
      Load.Result one = thousand.get(kind);
      if (one != null) {
        report.check(
            "p99 < 5 ms for a contact with 1,000 calls on "
                + kind.label
                + " ("
                + one.mode()
                + ", 32 readers)",
            one.p99Millis() < 5 && one.failed() == 0,
            String.format(Locale.ROOT, "%.2f ms", one.p99Millis()));
      }
    }
    report.note(
        "readers open a busy contact (~50 calls) half of the time and any contact otherwise; first"
            + " page, limit 20");
    report.note(
        "paced rows: open model at 1,000/s or half the stack's max if that is lower (the raw query"
            + " at the same rate), latency from the scheduled send time; max rows: a closed loop of"
            + " 32 readers; warm-up "
            + warmup.toSeconds()
            + " s at least, the stack's then until its JIT settled");
    report.print(options.out());
    return report.failedChecks();
  }

  private static Load.Result find(List<Load.Result> results, String what, boolean paced) {
    for (Load.Result r : results) {
      boolean isRaw = r.target().startsWith("same query");
      if ((what.equals("raw") == isRaw) && paced == r.mode().startsWith("paced")) return r;
    }
    return null;
  }

  private static Load.Result measure(
      ServerProcess server, String target, double rate, Duration phase, Load.Action action)
      throws InterruptedException {
    return Load.onServer(server, target, READERS, rate, phase, action);
  }

  /** The contact a reader opens: a busy one half of the time, else any. */
  static String contact(SplittableRandom random) {
    return "c" + (random.nextBoolean() ? random.nextInt(BUSY_CONTACTS) : random.nextInt(CONTACTS));
  }

  static Load.Action reader(LoadClient client, String base) {
    return reader(client, base, HistoryScenario::contact);
  }

  static Load.Action reader(
      LoadClient client, String base, Function<SplittableRandom, String> contact) {
    SplittableRandom[] random = new SplittableRandom[READERS];
    Map<String, String> auth =
        Map.of("Authorization", SignInFilter.basic("agent-0"), "Accept", "application/json");
    for (int s = 0; s < READERS; s++) random[s] = new SplittableRandom(17L * (s + 1));
    return sender ->
        client.get(
                URI.create(
                    base + "/dialbridge/api/contacts/" + contact.apply(random[sender]) + "/calls"),
                auth)
            == 200;
  }

  private static List<Load.Result> rawReads(
      BenchDb db, String target, double rate, Duration warmup, Duration phase) throws Exception {
    List<Connection> connections = new ArrayList<>();
    List<PreparedStatement> statements = new ArrayList<>();
    SplittableRandom[] random = new SplittableRandom[READERS];
    try {
      for (int s = 0; s < READERS; s++) {
        Connection c = db.connect();
        connections.add(c);
        PreparedStatement p = c.prepareStatement(QUERY);
        statements.add(p);
        random[s] = new SplittableRandom(17L * (s + 1));
      }
      Load.Action read =
          sender -> {
            PreparedStatement p = statements.get(sender);
            p.setString(1, contact(random[sender]));
            int n = 0;
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                for (int i = 1; i <= 15; i++) rs.getObject(i);
                n++;
              }
            }
            return n >= 0;
          };
      Load.run("warm-up", READERS, 0, warmup, read);
      List<Load.Result> results = new ArrayList<>();
      for (double r : new double[] {0, rate}) {
        results.add(Load.inThisJvm(target, READERS, r, phase, read));
      }
      return results;
    } finally {
      for (Connection c : connections) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // after the run
        }
      }
    }
  }
}
