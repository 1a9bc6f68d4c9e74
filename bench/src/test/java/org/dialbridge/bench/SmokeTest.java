package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One second of the ingest scenario against the bare servlet: the server starts in its own JVM, the
 * load runs, and the table comes out. The scenarios themselves are not tests (see bench/README.md).
 */
class SmokeTest {

  @Test
  void oneSecondOfIngestAgainstTheBareServletPrintsItsTable(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("results.md");
    Options options =
        Options.parse(
            new String[] {
              "ingest",
              "--only",
              "bare",
              "--seconds",
              "1",
              "--warmup",
              "1",
              // the JIT of a bare servlet settles in seconds; a smoke test need not wait for it
              "--warmup-max",
              "2",
              "--rate",
              "500",
              "--out",
              out.toString(),
              "--work",
              dir.resolve("work").toString()
            });

    int missed = new IngestScenario(options).run();

    String table = Files.readString(out);
    assertThat(missed).isZero();
    assertThat(table)
        .contains("### ingest", "| target | mode | requests | throughput /s | p50 ms | p99 ms |");
    assertThat(table)
        .containsPattern(
            "\\| bare Jetty servlet \\(204\\) \\| max \\(closed loop\\) \\| [1-9]\\d* \\| .* \\| 0"
                + " \\|\n");
    assertThat(table)
        .containsPattern("\\| bare Jetty servlet \\(204\\) \\| paced 500/s \\| \\d+ \\|");
  }

  @Test
  void withoutWrkItsRowsAreSkippedWithOneLineAndTheJavaRowsStillRun(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("results.md");
    String before = System.getProperty("bench.wrk");
    System.setProperty("bench.wrk", dir.resolve("no-such-wrk").toString());
    try {
      Options options =
          Options.parse(
              new String[] {
                "ingest",
                "--only",
                "bare,wrk",
                "--seconds",
                "1",
                "--warmup",
                "1",
                "--warmup-max",
                "1",
                "--rate",
                "200",
                "--out",
                out.toString(),
                "--work",
                dir.resolve("work").toString()
              });

      assertThat(new IngestScenario(options).run()).isZero();
    } finally {
      if (before == null) System.clearProperty("bench.wrk");
      else System.setProperty("bench.wrk", before);
    }

    String table = Files.readString(out);
    assertThat(table).contains("wrk rows skipped", "apt-get install wrk");
    assertThat(table).contains("| bare Jetty servlet (204) | max (closed loop) |");
    assertThat(table).doesNotContain("| wrk max");
  }
}
