package org.dialbridge.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * crash: the ingest load (64 closed-loop senders, the same mix) against the stack, its JVM killed
 * with SIGKILL at a random moment of the phase, then ServerMain started again on the same database
 * and left to apply what its inbox holds. Every event answered 2xx before the kill must be stored:
 * a row of {@code dialbridge_event}, or a parked row of {@code dialbridge_inbox}. Events sent but
 * not answered before the kill may or may not be stored; they are counted apart. Events are matched
 * by provider and raw body (the stored payload is the body as received).
 */
final class CrashScenario {
  static final int SENDERS = IngestScenario.SENDERS;

  private final Options options;
  private final Report report =
      new Report("crash — ingest load, the server JVM killed (SIGKILL) mid-load, then restarted");

  CrashScenario(Options options) {
    this.options = options;
  }

  /** What one database went through. */
  record Outcome(
      String database,
      double killedAt,
      int exitStatus,
      long sent,
      long answered,
      long answeredStored,
      long answeredParked,
      long unanswered,
      long unansweredStored,
      long parked,
      double drainSeconds,
      long storedTotal) {
    long missing() {
      return answered - answeredStored - answeredParked;
    }
  }

  int run() throws Exception {
    Duration phase = options.phase(20);
    Duration warmup = options.warmupFor(10);
    SplittableRandom random = new SplittableRandom(System.nanoTime());
    StringBuilder table = new StringBuilder();
    table.append(
        "| database | killed after | exit status | unique events sent | answered 2xx before the"
            + " kill | of those stored | of those parked | **missing** | sent, not answered | of"
            + " those stored | parked rows | restart → inbox empty s |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    try (FakeProviders fake = new FakeProviders();
        LoadClient client = new LoadClient(SENDERS)) {
      for (BenchDb.Kind kind : options.dbs()) {
        BenchDb db = BenchDb.fresh(kind, options.work());
        long seeded = (warmup.toSeconds() + phase.toSeconds()) * 2_000;
        CallSeeder.seed(db, seeded);
        Map<String, String> config = new HashMap<>(BenchConfig.providers(fake.base()));
        config.putAll(db.storeConfig());
        String target = "Dialbridge stack, " + kind.label;
        Webhooks.Calls calls = new Webhooks.Calls(seeded);
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        ServerProcess server =
            ServerProcess.start(
                "stack", config, options.serverJvmArgs(), log("stack-" + kind), target);
        Load.Action post = tracker(client, server.base(), calls, sent, answered, killed);
        Load.run("warm-up", SENDERS, 0, warmup, post);
        double at = phase.toMillis() * (0.3 + 0.4 * random.nextDouble());
        Thread load =
            new Thread(
                () -> {
                  try {
                    Load.run(target, SENDERS, 0, phase, post);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "bench-crash-load");
        load.start();
        Thread.sleep((long) at);
        // no sender starts a request from now on (one refused by a dead server never reached it);
        // those on the wire stay there and meet the kill
        killed.set(true);
        int exit = server.kill();
        load.join();
        // what the senders knew at the kill: answers that came after it cannot exist
        Set<String> answeredAtKill = new HashSet<>(answered);
        Set<String> unanswered = new HashSet<>(sent);
        unanswered.removeAll(answeredAtKill);
        System.err.printf(
            Locale.ROOT,
            "  %s: killed after %.1f s (exit %d): %,d unique events sent, %,d answered 2xx%n",
            kind.label,
            at / 1000,
            exit,
            sent.size(),
            answeredAtKill.size());
        double drain;
        try (ServerProcess again =
            ServerProcess.start(
                "stack", config, options.serverJvmArgs(), log("restart-" + kind), target)) {
          drain = again.drainInbox(Duration.ofSeconds(120));
        }
        Set<String> stored = rows(db, "dialbridge_event", "event_key NOT LIKE 'dialbridge|%'");
        Set<String> parkedRows = rows(db.inbox(), "dialbridge_inbox", "parked_at IS NOT NULL");
        long parked = parkedRows == null ? count(db.inbox()) : parkedRows.size();
        long answeredStored = answeredAtKill.stream().filter(stored::contains).count();
        long answeredParked =
            parkedRows == null
                ? 0
                : answeredAtKill.stream()
                    .filter(k -> !stored.contains(k) && parkedRows.contains(k))
                    .count();
        Outcome o =
            new Outcome(
                kind.label,
                at / 1000,
                exit,
                sent.size(),
                answeredAtKill.size(),
                answeredStored,
                answeredParked,
                unanswered.size(),
                unanswered.stream().filter(stored::contains).count(),
                Math.max(0, parked),
                drain,
                stored.size());
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %.1f s | %d%s | %,d | %,d | %,d | %,d | %s | %,d | %,d | %s | %s |%n",
                o.database(),
                o.killedAt(),
                o.exitStatus(),
                o.exitStatus() == 137 ? " (SIGKILL)" : "",
                o.sent(),
                o.answered(),
                o.answeredStored(),
                o.answeredParked(),
                o.missing() == 0 ? "0" : "**" + o.missing() + "**",
                o.unanswered(),
                o.unansweredStored(),
                parked < 0 ? "– (no inbox)" : String.format(Locale.ROOT, "%,d", o.parked()),
                drain < 0 ? "not empty after 120 s" : String.format(Locale.ROOT, "%.2f", drain)));
        report.check(
            "every event answered 2xx before the kill is stored (" + kind.label + ")",
            o.missing() == 0 && exit == 137,
            String.format(
                Locale.ROOT,
                "%,d answered, %,d stored, %,d parked, %,d missing%s",
                o.answered(),
                o.answeredStored(),
                o.answeredParked(),
                o.missing(),
                exit == 137 ? "" : "; the server exited " + exit + ", not by SIGKILL"));
        report.note(
            String.format(
                Locale.ROOT,
                "%s: %,d webhook rows in dialbridge_event after the restart",
                kind.label,
                o.storedTotal()));
        if (kind == BenchDb.Kind.PG) {
          report.note(
              "PostgreSQL runs in its own process and was not killed; with fsync=off only the"
                  + " server JVM's crash is tested, not the database's");
        }
      }
    }
    report.addTable(table.toString().strip());
    report.note(
        "load: the ingest mix from "
            + SENDERS
            + " closed-loop senders; warm-up "
            + warmup.toSeconds()
            + " s, the kill at a random moment between 30% and 70% of a "
            + phase.toSeconds()
            + " s phase; restart: ServerMain again on the same database, counted once its inbox"
            + " had no unparked row (at once where there is no inbox table)");
    report.note(
        "an event is matched by provider and body (the stored payload); answered = a 2xx received"
            + " before the kill; sent, not answered = its first delivery was on the wire when the"
            + " server died (a provider would redeliver it); no sender starts a request once the"
            + " kill is under way");
    report.print(options.out());
    return report.failedChecks();
  }

  private Path log(String name) {
    return options.work().resolve("logs").resolve("crash-" + name + ".log");
  }

  /** The key an event is matched by: its provider (the webhook path's name) and its raw body. */
  static String key(Webhooks.Delivery d) {
    String[] path = d.uri().getPath().split("/");
    return path[4] + "\n" + new String(d.body(), StandardCharsets.UTF_8);
  }

  static Load.Action tracker(
      LoadClient client,
      String base,
      Webhooks.Calls calls,
      Set<String> sent,
      Set<String> answered,
      AtomicBoolean killed) {
    Webhooks.Sender[] streams = new Webhooks.Sender[SENDERS];
    Webhooks.Counts counts = new Webhooks.Counts();
    for (int s = 0; s < SENDERS; s++)
      streams[s] = new Webhooks.Sender(base, calls, counts, 7919L * (s + 1));
    return sender -> {
      if (killed.get()) {
        Thread.sleep(20);
        return false;
      }
      Webhooks.Sender stream = streams[sender];
      Webhooks.Delivery d = stream.next();
      boolean unique = stream.currentIsUnique();
      String key = unique ? key(d) : null;
      if (unique) sent.add(key);
      boolean ok = false;
      try {
        int code = client.post(d.uri(), d.body(), d.type(), d.headersNow());
        ok = code >= 200 && code < 300;
        // an answer read at all was written before the server died
        if (ok && unique) answered.add(key);
      } finally {
        stream.answered(ok);
      }
      return ok;
    };
  }

  /** Provider and payload of the rows of {@code table} that {@code where} selects; null if none. */
  private static Set<String> rows(BenchDb db, String table, String where) {
    Set<String> keys = new HashSet<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT provider, payload FROM " + table + " WHERE " + where)) {
      while (rs.next()) keys.add(rs.getString(1) + "\n" + rs.getString(2));
      return keys;
    } catch (SQLException e) {
      return null;
    }
  }

  /** Parked inbox rows when the inbox has no provider and payload columns; -1 without an inbox. */
  private static long count(BenchDb db) {
    try {
      return db.count("SELECT COUNT(*) FROM dialbridge_inbox WHERE parked_at IS NOT NULL");
    } catch (SQLException e) {
      return -1;
    }
  }
}
