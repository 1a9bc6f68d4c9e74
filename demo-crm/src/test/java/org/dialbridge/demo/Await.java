package org.dialbridge.demo;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds, for the asynchronous parts (webhooks, the browser). */
final class Await {
  private Await() {}

  /**
   * Waits until {@code condition} is true; fails with {@code what} and the last value seen
   * otherwise.
   */
  static void until(Duration timeout, String what, Supplier<Boolean> condition) {
    if (!poll(timeout, what, condition)) {
      throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
    }
  }

  /** Waits until {@code condition} is true; false when {@code timeout} passed first. */
  static boolean poll(Duration timeout, String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (Boolean.TRUE.equals(condition.get())) return true;
      if (System.nanoTime() > deadline) return false;
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
