package org.dialbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One scenario's table (Markdown, so it can go into the README as printed): per measured target its
 * median, p99, throughput and the peak heap of the JVM under test, then the ratios to the baselines
 * measured in the same run and the targets met or missed.
 */
final class Report {
  private final String title;
  private final List<String> rows = new ArrayList<>();
  private final List<String> cpuRows = new ArrayList<>();
  private final List<String> extraTables = new ArrayList<>();
  private final List<String> extraRows = new ArrayList<>();
  private final List<String> ratios = new ArrayList<>();
  private final List<String> checks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int failedChecks;

  Report(String title) {
    this.title = title;
  }

  void add(Load.Result r) {
    rows.add(
        String.format(
            Locale.ROOT,
            "| %s | %s | %d | %s | %.2f | %.2f | %.2f | %.1f | %s | %s | %d |",
            r.target(),
            r.mode(),
            r.ok() + r.failed(),
            count(r.throughput()),
            r.p50Millis(),
            r.p99Millis(),
            r.p999Millis(),
            r.maxMillis(),
            cpu(r),
            r.peakHeap() < 0 ? "–" : String.valueOf(mb(r.peakHeap())),
            r.failed()));
    if (r.serverCpuGroups() != null)
      cpuRows.add(cpuRow(r.target(), r.mode(), r.ok(), r.serverCpuNanos(), r.serverCpuGroups()));
    System.err.printf(
        Locale.ROOT,
        "  %-34s %-20s %10s/s  p50 %7.2f ms  p99 %8.2f ms  cpu %s us/req%s  failed %d%s%n",
        r.target(),
        r.mode(),
        count(r.throughput()),
        r.p50Millis(),
        r.p99Millis(),
        cpu(r),
        besideTheServer(r),
        r.failed(),
        r.firstFailure() == null ? "" : " (" + r.firstFailure() + ")");
  }

  /**
   * A max-throughput row driven by wrk: requests are the responses wrk counted, errors what got no
   * 2xx (non-2xx answers, socket errors; requests in flight at the end are not counted by wrk).
   */
  void addWrk(
      String target,
      String mode,
      Wrk.Result w,
      long cpuNanos,
      java.util.Map<String, Long> groups,
      long peakHeap) {
    double cpu = cpuNanos < 0 || w.ok() == 0 ? -1 : cpuNanos / 1000.0 / w.ok();
    rows.add(
        String.format(
            Locale.ROOT,
            "| %s | %s | %d | %s | %.2f | %.2f | %.2f | %.1f | %s | %s | %d |",
            target,
            mode,
            w.responses() + w.socketErrors(),
            count(w.throughput()),
            w.p50() / 1000.0,
            w.p99() / 1000.0,
            w.p999() / 1000.0,
            w.max() / 1000.0,
            cpu < 0 ? "–" : String.format(Locale.ROOT, "%.0f", cpu),
            peakHeap < 0 ? "–" : String.valueOf(mb(peakHeap)),
            w.non2xx() + w.socketErrors()));
    if (groups != null) cpuRows.add(cpuRow(target, mode, w.ok(), cpuNanos, groups));
    System.err.printf(
        Locale.ROOT,
        "  %-34s %-20s %10s/s  p50 %7.2f ms  p99 %8.2f ms  non-2xx %d  socket errors %d%n",
        target,
        mode,
        count(w.throughput()),
        w.p50() / 1000.0,
        w.p99() / 1000.0,
        w.non2xx(),
        w.socketErrors());
  }

  /** The machine's CPU per request next to the server's, for the progress line. */
  private static String besideTheServer(Load.Result r) {
    double machine = r.cpuMicrosPerRequest(MachineCpu.MACHINE);
    if (machine < 0) return "";
    return String.format(
        Locale.ROOT,
        " (machine %.0f: database %.0f, load generator %.0f)",
        machine,
        r.cpuMicrosPerRequest(MachineCpu.DATABASE),
        r.cpuMicrosPerRequest(MachineCpu.LOAD));
  }

  private static String cpuRow(
      String target, String mode, long ok, long total, java.util.Map<String, Long> groups) {
    StringBuilder b = new StringBuilder("| " + target + " | " + mode + " |");
    long sum = 0;
    for (String g : ThreadCpu.GROUPS) {
      long n = groups.getOrDefault(g, 0L);
      sum += n;
      b.append(' ').append(ok == 0 ? "–" : micros(n / 1000.0 / ok)).append(" |");
    }
    b.append(' ').append(ok == 0 ? "–" : micros(sum / 1000.0 / ok)).append(" |");
    b.append(' ').append(ok == 0 || total < 0 ? "–" : micros(total / 1000.0 / ok)).append(" |");
    Long machine = groups.get(MachineCpu.MACHINE);
    if (machine == null || ok == 0 || total < 0) return b.append(" – | – | – | – |").toString();
    long db = groups.getOrDefault(MachineCpu.DATABASE, 0L);
    long load = groups.getOrDefault(MachineCpu.LOAD, 0L);
    for (long n : new long[] {db, load, Math.max(0, machine - total - db - load), machine})
      b.append(' ').append(micros(n / 1000.0 / ok)).append(" |");
    return b.toString();
  }

  private static String micros(double v) {
    return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
  }

  /** A table of its own after the main one (its Markdown, heading and header included). */
  void addTable(String markdown) {
    extraTables.add(markdown);
  }

  /** A row that is not a load phase (sizes, times measured another way): cells in column order. */
  void addRow(String target, String mode, String throughput, String p50, String p99, String heap) {
    extraRows.add(
        "| "
            + String.join(" | ", target, mode, "", throughput, p50, p99, "", "", "", heap, "")
            + " |");
  }

  void ratio(String what, double value) {
    ratios.add(String.format(Locale.ROOT, "%s: **%.2f×**", what, value));
  }

  void line(String text) {
    ratios.add(text);
  }

  /** A target of the issue, met or not. */
  void check(String target, boolean met, String measured) {
    if (!met) failedChecks++;
    checks.add((met ? "met" : "**MISSED**") + " — " + target + " (measured " + measured + ")");
  }

  void note(String text) {
    notes.add(text);
  }

  int failedChecks() {
    return failedChecks;
  }

  String render() {
    StringBuilder b = new StringBuilder();
    b.append("### ").append(title).append("\n\n");
    if (!rows.isEmpty() || !extraRows.isEmpty()) {
      b.append(
          "| target | mode | requests | throughput /s | p50 ms | p99 ms | p99.9 ms | max ms | CPU"
              + " µs/req | peak heap MB | errors |\n");
      b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (String r : rows) b.append(r).append('\n');
      for (String row : extraRows) b.append(row).append('\n');
      b.append('\n');
    }
    if (!cpuRows.isEmpty()) {
      b.append(
          "Server CPU µs per successful request by thread group (/proc/<pid>/task/*/stat, utime +"
              + " stime; request = Jetty's qtp threads, inbox = dialbridge-inbox, apply ="
              + " dialbridge-apply, H2 = H2's MVStore background writer and H2-* threads, GC = GC"
              + " Thread/G1/VM Thread, JIT = C1/C2 compiler threads), and beside the server on"
              + " the same cores (database = PostgreSQL's processes, load generator = the bench's"
              + " JVM, rest = wrk, the kernel and anything else, machine = /proc/stat's busy"
              + " time):\n\n");
      b.append(
          "| target | mode | request | inbox | apply | H2 | GC | JIT | other | sum of threads |"
              + " whole JVM | database | load generator | rest | machine |\n");
      b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (String r : cpuRows) b.append(r).append('\n');
      b.append('\n');
    }
    for (String t : extraTables) b.append(t).append("\n\n");
    for (String r : ratios) b.append("- ").append(r).append('\n');
    for (String c : checks) b.append("- ").append(c).append('\n');
    for (String n : notes) b.append("- ").append(n).append('\n');
    return b.toString();
  }

  /** Prints the table and appends it to {@code out} (when given). */
  void print(Path out) throws IOException {
    String text = render();
    System.out.println();
    System.out.println(text);
    System.out.flush();
    if (out != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(
          out,
          text + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
  }

  static String cpu(Load.Result r) {
    double c = r.cpuMicrosPerRequest();
    return c < 0 ? "–" : String.format(Locale.ROOT, "%.0f", c);
  }

  static String count(double v) {
    if (v >= 100) return String.format(Locale.ROOT, "%,d", Math.round(v));
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static long mb(long bytes) {
    return Math.round(bytes / (1024.0 * 1024.0));
  }

  /** The machine, for the report's header: cores, CPU model, memory, JVM, OS, time. */
  static String machine() {
    String cpu = "unknown CPU";
    String mem = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .orElse(cpu);
      mem =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal"))
              .findFirst()
              .map(
                  l ->
                      ", "
                          + Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)
                          + " GB RAM")
              .orElse("");
    } catch (IOException | RuntimeException ignored) {
      // not Linux: the JVM's view is enough
    }
    return Runtime.getRuntime().availableProcessors()
        + " cores (nproc), "
        + cpu
        + mem
        + "; "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + "; "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + "; "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
