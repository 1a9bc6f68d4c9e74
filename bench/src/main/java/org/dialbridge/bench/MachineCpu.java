package org.dialbridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time of a phase outside the server's JVM, which shares the two cores with it: the
 * database's processes (PostgreSQL's postmaster and backends; H2 runs inside the server), this JVM
 * (the load generator, the stream probe) and the whole machine ({@code /proc/stat}, wrk and the
 * kernel's own work included). A server that looks cheap because its database does the work, or a
 * latency that is waiting for a core the load generator holds, shows here.
 */
final class MachineCpu {
  /** The parts, in the order the report shows them, as keys next to {@link ThreadCpu#GROUPS}. */
  static final String DATABASE = "database";

  static final String LOAD = "load generator";
  static final String MACHINE = "machine";

  private MachineCpu() {}

  /** One process's line of {@code stat}: parent, own CPU and its waited-for children's CPU. */
  record Proc(int pid, String comm, int ppid, long ticks, long childTicks) {}

  /** CPU ticks at one moment: the machine's busy time, this JVM's, each database process's. */
  record Snapshot(long machine, long self, Map<Integer, Proc> database) {}

  /**
   * Parses a process's {@code stat} line, fields counted from the last {@code ')'} as in {@link
   * ThreadCpu#parse}: ppid is the 4th field, utime/stime the 14th/15th, cutime/cstime the 16th/17th
   * (the CPU of children it reaped: PostgreSQL's parallel and autovacuum workers come and go within
   * a phase).
   */
  static Proc parse(String line) {
    ThreadCpu.Fields fields = ThreadCpu.fields(line, 15);
    String[] f = fields.after();
    return new Proc(
        fields.id(),
        fields.comm(),
        Integer.parseInt(f[1]),
        Long.parseLong(f[11]) + Long.parseLong(f[12]),
        Long.parseLong(f[13]) + Long.parseLong(f[14]));
  }

  /**
   * The busy ticks of all cores from {@code /proc/stat}'s first line: user, nice, system, irq and
   * softirq (not idle, iowait, or steal, which is the hypervisor's).
   */
  static long busy(String cpuLine) {
    String[] f = cpuLine.strip().split("\\s+");
    if (f.length < 8 || !f[0].equals("cpu"))
      throw new IllegalArgumentException("not /proc/stat's cpu line: " + cpuLine);
    return Long.parseLong(f[1])
        + Long.parseLong(f[2])
        + Long.parseLong(f[3])
        + Long.parseLong(f[6])
        + Long.parseLong(f[7]);
  }

  /** Now; {@code null} where /proc cannot be read (not Linux). */
  static Snapshot now() {
    try {
      long machine = busy(Files.readAllLines(Path.of("/proc/stat")).get(0));
      long self = parse(Files.readString(Path.of("/proc/self/stat"))).ticks();
      return new Snapshot(machine, self, database(Path.of("/proc")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Every process named {@code postgres} under {@code proc}, by pid. */
  static Map<Integer, Proc> database(Path proc) throws IOException {
    Map<Integer, Proc> all = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path dir : dirs) {
        try {
          Proc p = parse(Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8));
          if (p.comm().equals("postgres")) all.put(p.pid(), p);
        } catch (IOException | RuntimeException gone) {
          // the process ended between the listing and the read, or is not ours to read
        }
      }
    }
    return all;
  }

  /**
   * The CPU each part used between two snapshots, in nanoseconds; empty when either is missing. A
   * database process that started in between counts from zero; one that ended is counted by its
   * parent's reaped-children time (the postmaster's), as the kernel adds it there.
   */
  static Map<String, Long> between(Snapshot before, Snapshot after) {
    Map<String, Long> nanos = new LinkedHashMap<>();
    if (before == null || after == null) return nanos;
    long db = 0;
    for (Proc p : after.database().values()) {
      Proc b = before.database().get(p.pid());
      boolean same = b != null && b.comm().equals(p.comm());
      db += Math.max(0, p.ticks() - (same ? b.ticks() : 0));
      db += Math.max(0, p.childTicks() - (same ? b.childTicks() : 0));
    }
    for (var e :
        List.of(
            Map.entry(DATABASE, db),
            Map.entry(LOAD, after.self() - before.self()),
            Map.entry(MACHINE, after.machine() - before.machine())))
      nanos.put(
          e.getKey(), Math.max(0, e.getValue()) * 1_000_000_000L / ThreadCpu.TICKS_PER_SECOND);
    return nanos;
  }
}
