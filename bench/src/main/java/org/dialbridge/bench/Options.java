package org.dialbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line: {@code <scenario> [--seconds N] [--warmup N] [--rate N] [--db h2,pg]
 * [--server-jvm "args"] [--out file] [--work dir]}.
 */
record Options(
    String scenario,
    Integer seconds,
    Integer warmup,
    Double rate,
    List<BenchDb.Kind> dbs,
    List<String> serverJvm,
    Path out,
    Path work,
    List<String> targets,
    Integer warmupMax,
    double settlePercent) {

  static final String USAGE =
      """
      usage: java -jar dialbridge-bench.jar <scenario> [options]
        scenarios: ingest | place | history | widget | soak | crash
        --seconds N       length of each measured phase
                          (defaults: ingest 30, place 30, history 30, widget 50 page loads,
                          soak 300)
        --warmup N        seconds of unmeasured load before each server's first measured phase
                          (default: min(30, seconds): the JIT needs that on 2 cores);
                          ingest, crash, place, history: the least, then on until the
                          JIT of the server under test settled
        --warmup-max N    the most seconds of that warm-up per server (default 120)
        --settle P        the JIT settled when its compile time grew by less than
                          P% of the wall time over the last 5 s (default 1)
        --rate N          the paced (open-model) rate, requests/s
                          (defaults per scenario: see bench/README.md)
        --db h2,pg        databases to run on (default: both for ingest/place/history, h2 for soak)
        --server-jvm "A"  extra JVM options for the server under test,
                          e.g. "-XX:StartFlightRecording=filename=x.jfr"
        --out FILE        also append the table (Markdown) to FILE
        --work DIR        where databases and server logs go
                          (default: $TMPDIR/dialbridge-bench; emptied per target)
        --only A,B        measure only these targets
                          (ingest: stack, bare, raw, wrk, sse; place: stack, direct;
                          history: stack, raw)
      """;

  static Options parse(String[] args) {
    if (args.length == 0 || args[0].startsWith("-")) throw new IllegalArgumentException(USAGE);
    Integer seconds = null;
    Integer warmup = null;
    Double rate = null;
    List<BenchDb.Kind> dbs = new ArrayList<>();
    List<String> jvm = new ArrayList<>();
    Path out = null;
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "dialbridge-bench");
    List<String> targets = new ArrayList<>();
    Integer warmupMax = null;
    double settle = 1;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      if (v == null && !a.equals("--help"))
        throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
      switch (a) {
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--rate" -> rate = Double.parseDouble(v);
        case "--db" -> Arrays.stream(v.split(",")).map(BenchDb.Kind::parse).forEach(dbs::add);
        case "--server-jvm" -> jvm.addAll(Arrays.asList(v.strip().split("\\s+")));
        case "--out" -> out = Path.of(v);
        case "--work" -> work = Path.of(v);
        case "--only" -> targets.addAll(Arrays.asList(v.split(",")));
        case "--warmup-max" -> warmupMax = Integer.parseInt(v);
        case "--settle" -> settle = Double.parseDouble(v);
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
      i++;
    }
    if (dbs.isEmpty())
      dbs =
          args[0].equals("soak")
              ? List.of(BenchDb.Kind.H2)
              : List.of(BenchDb.Kind.H2, BenchDb.Kind.PG);
    return new Options(
        args[0],
        seconds,
        warmup,
        rate,
        List.copyOf(dbs),
        List.copyOf(jvm),
        out,
        work,
        List.copyOf(targets),
        warmupMax,
        settle);
  }

  /** The most warm-up per server while waiting for the JIT to settle. */
  Duration warmupCap(Duration least) {
    long cap = warmupMax != null ? warmupMax : 120;
    return Duration.ofSeconds(Math.max(cap, least.toSeconds()));
  }

  Duration phase(int defaultSeconds) {
    return Duration.ofSeconds(seconds != null ? seconds : defaultSeconds);
  }

  Duration warmupFor(int defaultSeconds) {
    return Duration.ofSeconds(
        warmup != null ? warmup : Math.min(30, seconds != null ? seconds : defaultSeconds));
  }

  /** Whether {@code target} is to be measured (all are unless --only names some). */
  boolean measures(String target) {
    return targets.isEmpty() || targets.contains(target);
  }

  /**
   * Whether a part of a scenario that is not a target of its own ({@code wrk}, {@code sse}) runs:
   * always, unless --only names targets without it.
   */
  boolean measuresPart(String part) {
    return targets.isEmpty() || targets.contains(part);
  }

  double rateOr(double defaultRate) {
    return rate != null ? rate : defaultRate;
  }

  /**
   * The server JVM's options: G1 as on a server unless another collector was asked for (the JVM
   * refuses two), plus whatever was asked for.
   */
  List<String> serverJvmArgs() {
    List<String> all = new ArrayList<>();
    if (serverJvm.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w+GC"))) all.add("-XX:+UseG1GC");
    all.addAll(serverJvm);
    return all;
  }
}
