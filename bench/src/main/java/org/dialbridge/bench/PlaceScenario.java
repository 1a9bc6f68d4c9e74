package org.dialbridge.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hc.core5.http.ContentType;

/**
 * place: {@code POST /calls} through the whole stack (sign-in filter, API security filter, Jersey,
 * the facade's dial policy and per-agent rate limit, the store, the provider adapter and its HTTP
 * client) to a C3 on loopback that answers at once, against posting the same originate request to
 * that provider directly with the same HTTP client. The difference is what Dialbridge adds to a
 * click.
 */
final class PlaceScenario {
  static final int SENDERS = 64;
  static final double TARGET_RATE = 3_000;

  private final Options options;
  private final Report report =
      new Report("place — POST /calls through the stack vs. the provider called directly");

  PlaceScenario(Options options) {
    this.options = options;
  }

  int run() throws Exception {
    Duration phase = options.phase(30);
    Duration warmup = options.warmupFor(30);
    Load.Result directMax = null;
    Map<BenchDb.Kind, Load.Result> directPaced = new LinkedHashMap<>();
    Map<BenchDb.Kind, Load.Result> stackMax = new LinkedHashMap<>();
    Map<BenchDb.Kind, Load.Result> stackPaced = new LinkedHashMap<>();
    try (FakeProviders fake = new FakeProviders();
        LoadClient client = new LoadClient(SENDERS)) {
      URI originate = URI.create(fake.base() + FakeProviders.C3_ORIGINATE);
      Map<String, String> headers =
          Map.of("Authorization", "Bearer c3-api-token", "Accept", "application/json");
      byte[] body =
          "{\"agent\":\"6001\",\"phone\":\"+5115551234\"}".getBytes(StandardCharsets.UTF_8);
      Load.Action direct =
          s -> client.post(originate, body, ContentType.APPLICATION_JSON, headers) == 200;
      String directTarget = "C3 called directly (same HTTP client)";
      if (options.measures("direct")) {
        Load.run("warm-up", SENDERS, 0, warmup, direct);
        directMax = Load.inThisJvm(directTarget, SENDERS, 0, phase, direct);
      }
      for (BenchDb.Kind kind : options.dbs()) {
        if (!options.measures("stack")) break;
        BenchDb db = BenchDb.fresh(kind, options.work());
        Map<String, String> config = new HashMap<>(BenchConfig.providers(fake.base()));
        config.putAll(db.storeConfig());
        String target = "POST /calls via the stack, " + kind.label;
        double rate;
        try (ServerProcess stack =
            ServerProcess.start(
                "stack", config, options.serverJvmArgs(), log("stack-" + kind), target)) {
          Load.Action place = placer(client, stack.base());
          String check =
              client.postText(
                  URI.create(stack.base() + "/dialbridge/api/calls"),
                  "{\"contactId\":\"c1\",\"number\":\"+51 1 555 1234\"}"
                      .getBytes(StandardCharsets.UTF_8),
                  ContentType.APPLICATION_JSON,
                  Map.of(
                      "Authorization", SignInFilter.basic("agent-0"), "X-Dialbridge-Request", "1"));
          if (!check.startsWith("201 "))
            throw new IllegalStateException("POST /calls answered " + check);
          JitSettle.Outcome warm = JitSettle.warmUp(stack, SENDERS, place, options, warmup);
          report.note(kind.label + ", the stack: " + warm.describe());
          stackMax.put(kind, Load.onServer(stack, target, SENDERS, 0, phase, place));
          // latency where neither side is overloaded: half of what the stack just managed, unless
          // told
          rate =
              options.rateOr(
                  Math.max(10, Math.floor(stackMax.get(kind).throughput() / 2 / 10) * 10));
          report.note(
              kind.label
                  + ", the stack before its paced phase: "
                  + JitSettle.settleAgain(stack, SENDERS, place, options, warmup).describe());
          stackPaced.put(kind, Load.onServer(stack, target, SENDERS, rate, phase, place));
        }
        if (options.measures("direct"))
          directPaced.put(kind, Load.inThisJvm(directTarget, SENDERS, rate, phase, direct));
        long calls =
            db.count("SELECT COUNT(*) FROM dialbridge_call WHERE provider_call_id IS NOT NULL");
        report.note(
            String.format(
                Locale.ROOT, "%s: %,d calls stored with the provider's id", kind.label, calls));
      }
    }
    if (directMax != null) report.add(directMax);
    for (BenchDb.Kind kind : stackMax.keySet()) {
      report.add(stackMax.get(kind));
      report.add(stackPaced.get(kind));
      if (directPaced.containsKey(kind)) report.add(directPaced.get(kind));
    }
    for (BenchDb.Kind kind : stackMax.keySet()) {
      Load.Result max = stackMax.get(kind);
      Load.Result paced = stackPaced.get(kind);
      report.check(
          "≥ " + Report.count(TARGET_RATE) + " calls/s on " + kind.label,
          max.throughput() >= TARGET_RATE,
          Report.count(max.throughput()) + "/s");
      if (directMax == null) continue;
      report.ratio(
          "stack on " + kind.label + " / provider direct (max throughput)",
          max.throughput() / directMax.throughput());
      Load.Result d = directPaced.get(kind);
      double addedP50 = paced.p50Millis() - d.p50Millis();
      double addedP99 = paced.p99Millis() - d.p99Millis();
      report.check(
          "added latency p50 < 1 ms on " + kind.label + " (" + paced.mode() + ")",
          addedP50 < 1 && paced.failed() == 0,
          String.format(Locale.ROOT, "%.2f ms", addedP50));
      report.check(
          "added latency p99 < 5 ms on " + kind.label + " (" + paced.mode() + ")",
          addedP99 < 5 && paced.failed() == 0,
          String.format(Locale.ROOT, "%.2f ms", addedP99));
    }
    report.note(
        "each call: agent's rate limit (a row lock and a count), the call and its PLACED event"
            + " inserted, the provider asked over HTTP, its id linked, the call read back and"
            + " returned as JSON (201)");
    report.note(
        "1,000 agents take turns (configured rate limit 1,000,000/1m, so that the limit is checked"
            + " but never refuses)");
    report.note(
        "paced rows: open model, the stack and the provider direct at the same rate (half the"
            + " stack's max unless --rate), latency from the scheduled send time; max rows: a"
            + " closed loop of 64 senders; warm-up "
            + warmup.toSeconds()
            + " s at least per server, the stack's then until its JIT settled");
    report.print(options.out());
    return report.failedChecks();
  }

  private Path log(String name) {
    return options.work().resolve("logs").resolve("place-" + name + ".log");
  }

  /** Each request: the next of 1,000 agents dials a Lima number for a random contact. */
  static Load.Action placer(LoadClient client, String base) {
    URI calls = URI.create(base + "/dialbridge/api/calls");
    long[] seq = new long[SENDERS];
    SplittableRandom[] random = new SplittableRandom[SENDERS];
    String[][] auth = new String[SENDERS][];
    for (int s = 0; s < SENDERS; s++) {
      random[s] = new SplittableRandom(31L * (s + 1));
      auth[s] = new String[Webhooks.AGENTS / SENDERS + 1];
    }
    return sender -> {
      long n = seq[sender]++;
      int slot = (int) (n % auth[sender].length);
      int agent = (sender + SENDERS * slot) % Webhooks.AGENTS;
      if (auth[sender][slot] == null) auth[sender][slot] = SignInFilter.basic("agent-" + agent);
      String body =
          "{\"contactId\":\"c"
              + random[sender].nextInt(Webhooks.CONTACTS)
              + "\",\"number\":\"+51 1 5"
              + String.format(Locale.ROOT, "%06d", random[sender].nextInt(1_000_000))
              + "\"}";
      return client.post(
              calls,
              body.getBytes(StandardCharsets.UTF_8),
              ContentType.APPLICATION_JSON,
              Map.of(
                  "Authorization",
                  auth[sender][slot],
                  "X-Dialbridge-Request",
                  "1",
                  "Accept",
                  "application/json"))
          == 201;
    };
  }
}
