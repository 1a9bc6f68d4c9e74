package org.dialbridge.demo.emulator;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code limit} items, oldest first, so that a long demo or benchmark run stays bounded.
 */
final class Recorder<T> {
  private final int limit;
  private final ArrayDeque<T> items = new ArrayDeque<>();

  Recorder(int limit) {
    this.limit = limit;
  }

  synchronized void add(T item) {
    if (items.size() == limit) items.removeFirst();
    items.addLast(item);
  }

  synchronized List<T> snapshot() {
    return List.copyOf(items);
  }
}
