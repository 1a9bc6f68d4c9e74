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
 * The server JVM's CPU time per thread group, read from {@code /proc/<pid>/task/<tid>/stat} (utime
 * + stime in clock ticks, and the thread's name as the kernel has it, cut to 15 characters) at the
 * start and the end of a phase. A thread that ended during the phase takes its CPU time with it
 * (the group's figure is then a little low); one that started counts from zero.
 */
final class ThreadCpu {
  /** The groups, in the order the report shows them. */
  static final List<String> GROUPS =
      List.of("request", "inbox", "apply", "H2", "GC", "JIT", "other");

  /** {@code getconf CLK_TCK}: 100 on every Linux this runs on (USER_HZ is fixed by the ABI). */
  static final long TICKS_PER_SECOND = 100;

  private ThreadCpu() {}

  /** One thread's line of {@code stat}: its name and its CPU time so far in clock ticks. */
  record Stat(int tid, String comm, long ticks) {}

  /**
   * Parses a {@code stat} line. The name sits in parentheses and may itself hold spaces and
   * parentheses, so the fields are counted from the last {@code ')'}: utime and stime are the 14th
   * and 15th fields of the line, the 12th and 13th after the name.
   */
  static Stat parse(String line) {
    Fields f = fields(line, 13);
    return new Stat(
        f.id(), f.comm(), Long.parseLong(f.after()[11]) + Long.parseLong(f.after()[12]));
  }

  /** A {@code stat} line cut up: its id, its name, and the fields after the name (state first). */
  record Fields(int id, String comm, String[] after) {}

  /** Cuts a {@code stat} line, refusing one with fewer than {@code least} fields after the name. */
  static Fields fields(String line, int least) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) throw new IllegalArgumentException("not a stat line: " + line);
    String[] after = line.substring(close + 1).strip().split("\\s+");
    if (after.length < least) throw new IllegalArgumentException("short stat line: " + line);
    return new Fields(
        Integer.parseInt(line.substring(0, open).strip()), line.substring(open + 1, close), after);
  }

  /** The group of a thread, by its (truncated) name. */
  static String group(String comm) {
    if (comm.startsWith("qtp")) return "request";
    if (comm.startsWith("dialbridge-inbo")) return "inbox";
    if (comm.startsWith("dialbridge-appl")) return "apply";
    // H2's "MVStore background writer <file>" (its commits, its compaction of the file) and the
    // "H2-serialization" and "H2-save" threads a commit hands its pages to
    if (comm.startsWith("MVStore") || comm.startsWith("H2-")) return "H2";
    if (comm.startsWith("GC Thread")
        || comm.startsWith("G1 ")
        || comm.startsWith("GC ")
        || comm.equals("VM Thread")) return "GC";
    if (comm.startsWith("C1 CompilerThre")
        || comm.startsWith("C2 CompilerThre")
        || comm.startsWith("Sweeper thread")) return "JIT";
    return "other";
  }

  /** Every thread of process {@code pid} now, by thread id; empty when /proc cannot be read. */
  static Map<Integer, Stat> snapshot(long pid) {
    Map<Integer, Stat> all = new HashMap<>();
    Path tasks = Path.of("/proc", String.valueOf(pid), "task");
    if (!Files.isDirectory(tasks)) return all;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
      for (Path task : dirs) {
        try {
          Stat s = parse(Files.readString(task.resolve("stat"), StandardCharsets.UTF_8));
          all.put(s.tid(), s);
        } catch (IOException | RuntimeException gone) {
          // the thread ended between the listing and the read
        }
      }
    } catch (IOException e) {
      return all;
    }
    return all;
  }

  /**
   * The CPU time each group used between two snapshots, in nanoseconds, every group present (0 when
   * none of its threads ran).
   */
  static Map<String, Long> between(Map<Integer, Stat> before, Map<Integer, Stat> after) {
    Map<String, Long> ticks = new LinkedHashMap<>();
    for (String g : GROUPS) ticks.put(g, 0L);
    for (Stat s : after.values()) {
      Stat b = before.get(s.tid());
      // a reused thread id with another name is another thread
      long start = b != null && b.comm().equals(s.comm()) ? b.ticks() : 0;
      ticks.merge(group(s.comm()), Math.max(0, s.ticks() - start), Long::sum);
    }
    Map<String, Long> nanos = new LinkedHashMap<>();
    ticks.forEach((g, t) -> nanos.put(g, t * 1_000_000_000L / TICKS_PER_SECOND));
    return nanos;
  }
}
