package org.dialbridge.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * A statement over many rows or values cut into chunks ({@code VALUES} lists of so many rows,
 * {@code IN (?, ?, …)} lists) of a few fixed sizes: the database keeps each size's statement
 * parsed.
 */
final class InList {
  /** The chunk sizes, largest first; the last is 1. */
  static final int[] CHUNKS = {64, 16, 4, 1};

  private InList() {}

  /** Runs an update whose {@code %s} is the list of placeholders, once per chunk of values. */
  static void update(Connection c, String sql, List<?> values) throws SQLException {
    int from = 0;
    while (from < values.size()) {
      int n = chunk(values.size() - from);
      try (PreparedStatement p =
          c.prepareStatement(sql.formatted(String.join(", ", Collections.nCopies(n, "?"))))) {
        for (int i = 0; i < n; i++) p.setObject(i + 1, values.get(from + i));
        p.executeUpdate();
      }
      from += n;
    }
  }

  /** The largest chunk size that fits in {@code remaining} values. */
  static int chunk(int remaining) {
    for (int n : CHUNKS) if (n <= remaining) return n;
    throw new AssertionError(remaining);
  }
}
