package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Where the applier's next claim starts: after what it took, and lower only for what may be there —
 * never so high that an event would wait for more than a sweep.
 */
class InboxCursorTest {
  private static final long SECOND = Inbox.Cursor.SWEEP_NANOS;

  private final Inbox.Cursor cursor = new Inbox.Cursor();
  private long now = 1_000 * SECOND;

  @Test
  void theFirstClaimStartsFromTheBeginningAndTheNextAfterWhatItTook() {
    assertThat(cursor.start(now)).isZero();
    cursor.took(40);
    cursor.committed();

    assertThat(cursor.start(now += 1_000)).isEqualTo(40);
  }

  @Test
  void aClaimThatDidNotCommitDoesNotMoveTheStart() {
    claim(0, 40);
    assertThat(cursor.start(now += 1_000)).isEqualTo(40);
    cursor.took(90); // rolled back: the events 41 to 90 are still there

    assertThat(cursor.start(now += 1_000)).isEqualTo(40);
  }

  @Test
  void eventsThisNodeAppendedBelowTheStartAreTakenNext() {
    claim(0, 40); // another node's events 31 to 40 were taken before this node's 21 to 30 committed
    cursor.appended(21);

    assertThat(cursor.start(now += 1_000)).isEqualTo(20);
  }

  @Test
  void eventsAppendedWhileAClaimRunsAreNotSkippedByItsCommit() {
    claim(0, 10);
    assertThat(cursor.start(now += 1_000)).isEqualTo(10);
    cursor.appended(11); // committed after the claim's snapshot: the claim did not see it
    cursor.took(50);
    cursor.committed();

    assertThat(cursor.start(now += 1_000)).isEqualTo(10);
  }

  @Test
  void anEventPutBackInLineIsTakenNext() {
    claim(0, 500);
    cursor.appended(7); // a parked event, unparked

    assertThat(cursor.start(now += 1_000)).isEqualTo(6);
  }

  @Test
  void atLeastEverySweepAClaimStartsFromTheBeginning() {
    claim(0, 500);
    assertThat(cursor.start(now += SECOND / 2)).isEqualTo(500);
    cursor.took(0);
    cursor.committed();

    assertThat(cursor.start(now += SECOND / 2)).isZero();
    cursor.took(0);
    cursor.committed();
    assertThat(cursor.start(now += 1_000)).as("the sweep does not forget the start").isEqualTo(500);
  }

  private void claim(long expectedStart, long tookUpTo) {
    assertThat(cursor.start(now += 1_000)).isEqualTo(expectedStart);
    cursor.took(tookUpTo);
    cursor.committed();
  }
}
