package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/** The load generator counts what a user would have waited, not what was convenient to measure. */
class LoadTest {

  @Test
  void aStallCountsAgainstEveryRequestScheduledBehindIt() throws Exception {
    AtomicBoolean stalled = new AtomicBoolean();
    // one sender, a request every 5 ms; the first answer takes 200 ms
    Load.Result r =
        Load.run(
            "stall",
            1,
            200,
            Duration.ofSeconds(1),
            sender -> {
              if (stalled.compareAndSet(false, true)) Thread.sleep(200);
              return true;
            });

    // measured from when each was sent, only the first would be slow; from when each was due,
    // the ~40 requests scheduled during the stall waited too
    assertThat(r.latency().getCountBetweenValues(50_000, 1_000_000)).isGreaterThanOrEqualTo(20);
    assertThat(r.maxMillis()).isGreaterThanOrEqualTo(200);
    assertThat(r.ok()).isBetween(150L, 201L);
    assertThat(r.failed()).isZero();
  }

  @Test
  void theSlicesWithASlowRequestAreNamedByTheirTime() {
    AtomicLongArray slowest = new AtomicLongArray(5);
    slowest.set(1, 9_000);
    slowest.set(3, 25_400);

    String stalls = Load.stalls(Instant.parse("2026-12-03T06:37:57Z"), slowest);

    // the 9 ms slice is not a stall; the one 300 ms in is, by the clock the server's logs keep
    assertThat(stalls)
        .isEqualTo(
            "1 of 5 100 ms slices had a request over 10 ms (UTC, slowest): 06:37:57.3 (25 ms)");
    assertThat(Load.stalls(Instant.EPOCH, new AtomicLongArray(3)))
        .isEqualTo("no 100 ms slice had a request over 10 ms");
  }

  @Test
  void scheduledRequestsThatCouldNotBeSentAreCountedAsFailed() throws Exception {
    // a request every 10 ms from one sender, each answered in 50 ms: most are never sent
    Load.Result r =
        Load.run(
            "overloaded",
            1,
            100,
            Duration.ofSeconds(1),
            sender -> {
              Thread.sleep(50);
              return true;
            });

    assertThat(r.ok()).isBetween(15L, 22L);
    assertThat(r.failed()).isGreaterThanOrEqualTo(70);
    assertThat(r.firstFailure()).contains("fell behind the schedule");
  }

  @Test
  void aWrongAnswerIsAFailureWithItsReason() throws Exception {
    Load.Result r =
        Load.run(
            "wrong",
            2,
            0,
            Duration.ofMillis(200),
            sender -> {
              Thread.sleep(1);
              return false;
            });

    assertThat(r.ok()).isZero();
    assertThat(r.failed()).isPositive();
    assertThat(r.firstFailure()).isEqualTo("unexpected answer");
  }
}
