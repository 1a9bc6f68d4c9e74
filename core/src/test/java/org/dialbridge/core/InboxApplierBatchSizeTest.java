package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxApplierBatchSizeTest {
  private final InboxApplier.BatchSize batch = new InboxApplier.BatchSize();

  @Test
  void aBurstThatFillsOneBatchDoesNotGrowTheNext() {
    batch.after(true);

    assertThat(batch.size()).isEqualTo(InboxApplier.BATCH);
  }

  @Test
  void aBacklogGrowsTheBatchesUpToTheLargest() {
    batch.after(true);
    batch.after(true);
    assertThat(batch.size()).isEqualTo(2 * InboxApplier.BATCH);

    for (int i = 0; i < 10; i++) batch.after(true);
    assertThat(batch.size()).isEqualTo(InboxApplier.BACKLOG_BATCH);
  }

  @Test
  void aBatchThatWasNotFullStartsOver() {
    for (int i = 0; i < 5; i++) batch.after(true);

    batch.after(false);
    assertThat(batch.size()).isEqualTo(InboxApplier.BATCH);
    batch.after(true);
    assertThat(batch.size()).isEqualTo(InboxApplier.BATCH);
  }
}
