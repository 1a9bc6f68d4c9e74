package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU beside the server: where the kernel puts each figure, and what a phase adds up. */
class MachineCpuTest {

  private static String line(
      int pid, String comm, int ppid, long utime, long stime, long cu, long cs) {
    // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime
    // stime cutime cstime priority nice num_threads ...
    return pid
        + " ("
        + comm
        + ") S "
        + ppid
        + " 1 1 0 -1 4194368 812 0 3 0 "
        + utime
        + " "
        + stime
        + " "
        + cu
        + " "
        + cs
        + " 20 0 1 0 123456 0 0";
  }

  @Test
  void aProcessLineGivesItsParentItsOwnTicksAndItsReapedChildrensTicks() {
    MachineCpu.Proc p = MachineCpu.parse(line(812, "postgres", 1, 150, 25, 40, 2));

    assertThat(p.pid()).isEqualTo(812);
    assertThat(p.ppid()).isEqualTo(1);
    assertThat(p.ticks()).isEqualTo(175);
    assertThat(p.childTicks()).isEqualTo(42);
    assertThatThrownBy(() -> MachineCpu.parse("813 (postgres) S 1 2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMachinesBusyTimeLeavesOutIdleIowaitAndSteal() {
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    assertThat(MachineCpu.busy("cpu  100 5 30 9000 70 2 3 400 0 0")).isEqualTo(140);
    assertThatThrownBy(() -> MachineCpu.busy("cpu0 1 2 3 4 5 6 7"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDatabaseIsEveryPostgresProcessAndNothingElse(@TempDir Path proc) throws Exception {
    write(proc, 100, line(100, "postgres", 1, 10, 0, 0, 0));
    write(proc, 101, line(101, "postgres", 100, 20, 0, 0, 0));
    write(proc, 102, line(102, "java", 1, 900, 0, 0, 0));
    Files.createDirectories(proc.resolve("self"));
    Files.createDirectories(proc.resolve("103")); // ended: no stat left

    assertThat(MachineCpu.database(proc)).containsOnlyKeys(100, 101);
  }

  @Test
  void aPhaseCountsWhatEachPartUsedIncludingWorkersThatCameAndWent() {
    MachineCpu.Proc postmaster = MachineCpu.parse(line(100, "postgres", 1, 10, 0, 5, 0));
    MachineCpu.Proc backend = MachineCpu.parse(line(101, "postgres", 100, 200, 50, 0, 0));
    MachineCpu.Snapshot before =
        new MachineCpu.Snapshot(1_000, 300, Map.of(100, postmaster, 101, backend));
    MachineCpu.Snapshot after =
        new MachineCpu.Snapshot(
            1_500,
            340,
            Map.of(
                // a parallel worker ran 30 ticks and was reaped by the postmaster
                100, MachineCpu.parse(line(100, "postgres", 1, 12, 0, 35, 0)),
                101, MachineCpu.parse(line(101, "postgres", 100, 260, 70, 0, 0)),
                // a backend that connected during the phase
                104, MachineCpu.parse(line(104, "postgres", 100, 8, 0, 0, 0))));

    Map<String, Long> nanos = MachineCpu.between(before, after);

    long tick = 1_000_000_000L / ThreadCpu.TICKS_PER_SECOND;
    assertThat(nanos.get(MachineCpu.DATABASE)).isEqualTo((2 + 30 + 80 + 8) * tick);
    assertThat(nanos.get(MachineCpu.LOAD)).isEqualTo(40 * tick);
    assertThat(nanos.get(MachineCpu.MACHINE)).isEqualTo(500 * tick);
    assertThat(MachineCpu.between(null, after)).isEmpty();
  }

  private static void write(Path proc, int pid, String stat) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(String.valueOf(pid)));
    Files.writeString(dir.resolve("stat"), stat);
  }
}
