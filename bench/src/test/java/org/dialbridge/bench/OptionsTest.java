package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void theServerRunsG1UnlessAnotherCollectorIsAskedFor() {
    assertThat(Options.parse(new String[] {"ingest"}).serverJvmArgs())
        .containsExactly("-XX:+UseG1GC");
    assertThat(
            Options.parse(new String[] {"ingest", "--server-jvm", "-XX:+UseZGC -Xmx2g"})
                .serverJvmArgs())
        .as("the JVM refuses two collectors")
        .containsExactly("-XX:+UseZGC", "-Xmx2g");
  }
}
