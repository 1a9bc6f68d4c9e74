package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JIT has settled when its compile time stopped growing, over a window, not one sample. */
class JitSettleTest {
  private static final Duration FIVE = Duration.ofSeconds(5);

  /** One sample a second; {@code compilePerSecond[i]} ms compiled in second i. */
  private static List<JitSettle.Sample> samples(long... compilePerSecond) {
    List<JitSettle.Sample> s = new ArrayList<>();
    long compile = 0;
    s.add(new JitSettle.Sample(0, 0));
    for (int i = 0; i < compilePerSecond.length; i++) {
      compile += compilePerSecond[i];
      s.add(new JitSettle.Sample(1000L * (i + 1), compile));
    }
    return s;
  }

  @Test
  void notSettledBeforeTheSamplesSpanTheWindow() {
    List<JitSettle.Sample> s = samples(0, 0, 0, 0);
    assertThat(JitSettle.share(s, FIVE)).isNaN();
    assertThat(JitSettle.settled(s, FIVE, 0.01)).isFalse();
  }

  @Test
  void settledWhenTheLastFiveSecondsCompiledLessThanOnePercent() {
    // heavy compiling at first, then 9 ms over the last 5 s: 0.18%
    List<JitSettle.Sample> s = samples(800, 600, 300, 100, 2, 2, 2, 2, 1);
    assertThat(JitSettle.share(s, FIVE))
        .isCloseTo(9 / 5000.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(JitSettle.settled(s, FIVE, 0.01)).isTrue();
  }

  @Test
  void notSettledWhileTheWindowStillCompilesOnePercentOrMore() {
    // 50 ms over the last 5 s is exactly 1%: not less than it
    List<JitSettle.Sample> s = samples(800, 10, 10, 10, 10, 10);
    assertThat(JitSettle.share(s, FIVE)).isEqualTo(0.01);
    assertThat(JitSettle.settled(s, FIVE, 0.01)).isFalse();
    // one quiet second at the end does not make a quiet window
    assertThat(JitSettle.settled(samples(800, 400, 200, 100, 60, 0), FIVE, 0.01)).isFalse();
  }

  @Test
  void theWindowIsMeasuredFromTheLatestSampleAtLeastItsLengthBack() {
    // samples 2.5 s apart: the window runs from the sample 5 s back, not 7.5 s
    List<JitSettle.Sample> s =
        List.of(
            new JitSettle.Sample(0, 0),
            new JitSettle.Sample(2500, 900),
            new JitSettle.Sample(5000, 1000),
            new JitSettle.Sample(7500, 1010));
    assertThat(JitSettle.share(s, FIVE)).isEqualTo(110 / 5000.0);
  }

  @Test
  void theCompilersCpuIsMeasuredOverTheSameWindow() {
    List<JitSettle.Sample> s =
        List.of(
            new JitSettle.Sample(0, 0, 0),
            new JitSettle.Sample(5000, 4900, 400),
            new JitSettle.Sample(10000, 9800, 750));
    assertThat(JitSettle.share(s, FIVE)).isEqualTo(4900 / 5000.0);
    assertThat(JitSettle.cpuShare(s, FIVE)).isEqualTo(350 / 5000.0);
    assertThat(new JitSettle.Outcome(90, 45, 8, 0.98, 0.07, false).describe())
        .endsWith(
            "(JIT compile time 98.00% of wall time, the compiler threads' CPU 7.0% of one core over"
                + " the last 5 s)");
  }

  @Test
  void anOutcomeSaysWhetherTheLightLoadWasNeeded() {
    assertThat(new JitSettle.Outcome(31, 0, 8, 0.004, true).describe())
        .isEqualTo(
            "warm-up 31 s, JIT settled (JIT compile time 0.40% of wall time over the last 5 s)");
    assertThat(new JitSettle.Outcome(90, 23, 8, 0.009, true).describe())
        .isEqualTo(
            "warm-up 90 s, then 23 s with 8 senders, JIT settled (JIT compile time 0.90% of wall"
                + " time over the last 5 s)");
    assertThat(new JitSettle.Outcome(0, 12, 8, 0.006, true).describe())
        .startsWith("12 s with 8 senders, JIT settled");
    assertThat(new JitSettle.Outcome(90, 45, 8, 0.3, false).describe())
        .contains("then 45 s with 8 senders, **JIT not settled at the cap**");
  }
}
