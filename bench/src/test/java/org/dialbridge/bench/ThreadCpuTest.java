package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thread CPU from /proc: the fields are where the kernel puts them, the groups are by name. */
class ThreadCpuTest {

  private static String line(int tid, String comm, long utime, long stime) {
    // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime
    // stime cutime cstime priority nice num_threads itrealvalue starttime ...
    return tid
        + " ("
        + comm
        + ") S 1 1 1 0 -1 4194368 812 0 3 0 "
        + utime
        + " "
        + stime
        + " 7 9 20 0 31 0 123456 0 0";
  }

  @Test
  void utimeAndStimeAreTheFourteenthAndFifteenthFieldsCountedAfterTheName() {
    ThreadCpu.Stat s = ThreadCpu.parse(line(4242, "qtp1234567-41", 150, 25));

    assertThat(s.tid()).isEqualTo(4242);
    assertThat(s.comm()).isEqualTo("qtp1234567-41");
    // not cutime/cstime (7, 9), not majflt (3)
    assertThat(s.ticks()).isEqualTo(175);
  }

  @Test
  void aNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    ThreadCpu.Stat s = ThreadCpu.parse(line(7, "C2 CompilerThre", 300, 1));
    assertThat(s.comm()).isEqualTo("C2 CompilerThre");
    assertThat(s.ticks()).isEqualTo(301);

    ThreadCpu.Stat odd = ThreadCpu.parse(line(8, "a) S 1 (b", 10, 20) + "\n");
    assertThat(odd.comm()).isEqualTo("a) S 1 (b");
    assertThat(odd.ticks()).isEqualTo(30);
  }

  @Test
  void aLineThatIsNotAStatLineIsRefused() {
    assertThatThrownBy(() -> ThreadCpu.parse("nonsense"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ThreadCpu.parse("12 (x) S 1 2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void threadsAreGroupedByTheirKernelNames() {
    assertThat(ThreadCpu.group("qtp1846274136-3")).isEqualTo("request");
    assertThat(ThreadCpu.group("dialbridge-inbo")).isEqualTo("inbox");
    assertThat(ThreadCpu.group("dialbridge-appl")).isEqualTo("apply");
    assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo("GC");
    assertThat(ThreadCpu.group("G1 Conc#0")).isEqualTo("GC");
    assertThat(ThreadCpu.group("G1 Refine#0")).isEqualTo("GC");
    assertThat(ThreadCpu.group("VM Thread")).isEqualTo("GC");
    assertThat(ThreadCpu.group("MVStore backgro")).isEqualTo("H2");
    assertThat(ThreadCpu.group("H2-serializatio")).isEqualTo("H2");
    assertThat(ThreadCpu.group("H2-save")).isEqualTo("H2");
    assertThat(ThreadCpu.group("C1 CompilerThre")).isEqualTo("JIT");
    assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("JIT");
    assertThat(ThreadCpu.group("VM Periodic Tas")).isEqualTo("other");
    assertThat(ThreadCpu.group("dialbridge-sse-")).isEqualTo("other");
    assertThat(ThreadCpu.group("java")).isEqualTo("other");
  }

  @Test
  void theDifferenceIsPerGroupInNanosecondsAndANewOrReusedThreadCountsFromZero() {
    Map<Integer, ThreadCpu.Stat> before =
        Map.of(
            1, new ThreadCpu.Stat(1, "qtp1-1", 100),
            2, new ThreadCpu.Stat(2, "qtp1-2", 50),
            3, new ThreadCpu.Stat(3, "GC Thread#0", 10),
            4, new ThreadCpu.Stat(4, "old-thread", 500));
    Map<Integer, ThreadCpu.Stat> after =
        Map.of(
            1, new ThreadCpu.Stat(1, "qtp1-1", 130),
            2, new ThreadCpu.Stat(2, "qtp1-2", 52),
            3, new ThreadCpu.Stat(3, "GC Thread#0", 15),
            // the id of a thread that ended, now another thread's
            4, new ThreadCpu.Stat(4, "dialbridge-appl", 6),
            5, new ThreadCpu.Stat(5, "dialbridge-inbo", 3));

    Map<String, Long> nanos = ThreadCpu.between(before, after);

    long tick = 1_000_000_000L / ThreadCpu.TICKS_PER_SECOND;
    assertThat(nanos.keySet()).containsExactlyElementsOf(ThreadCpu.GROUPS);
    assertThat(nanos.get("request")).isEqualTo(32 * tick);
    assertThat(nanos.get("GC")).isEqualTo(5 * tick);
    assertThat(nanos.get("apply")).isEqualTo(6 * tick);
    assertThat(nanos.get("inbox")).isEqualTo(3 * tick);
    assertThat(nanos.get("JIT")).isZero();
    assertThat(nanos.get("other")).isZero();
  }

  @Test
  void thisJvmsOwnThreadsCanBeRead() {
    Map<Integer, ThreadCpu.Stat> threads = ThreadCpu.snapshot(ProcessHandle.current().pid());
    if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) return;
    assertThat(threads).isNotEmpty();
    assertThat(threads.values())
        .anyMatch(
            s -> s.comm().startsWith("C2 CompilerThre") || s.comm().startsWith("C1 CompilerThre"));
  }
}
