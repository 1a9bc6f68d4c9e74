package org.dialbridge.core.store;

/**
 * The sizes a statement over many rows is cut into ({@code VALUES} lists of so many rows): a few
 * fixed ones, so the database keeps each size's statement parsed.
 */
final class InList {
  /** The chunk sizes, largest first; the last is 1. */
  static final int[] CHUNKS = {64, 16, 4, 1};

  private InList() {}

  /** The largest chunk size that fits in {@code remaining} values. */
  static int chunk(int remaining) {
    for (int n : CHUNKS) if (n <= remaining) return n;
    throw new AssertionError(remaining);
  }
}
