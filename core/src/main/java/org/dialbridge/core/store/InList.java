package org.dialbridge.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * A statement over many values as {@code IN (?, ?, …)} lists, in chunks of a few fixed sizes: the
 * database keeps each size's statement parsed, and looks each value up by index (H2 does not use an
 * index for {@code = ANY (?)} with an array: a batch read the whole table).
 */
final class InList {
  /** The chunk sizes, largest first; the last is 1. */
  static final int[] CHUNKS = {64, 16, 4, 1};

  /** Reads one result row. */
  @FunctionalInterface
  interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private InList() {}

  /**
   * Runs a query whose {@code %s} is the list of placeholders, once per chunk of {@code values}.
   *
   * @param leading a value bound before the list's, or null for none
   */
  static void query(Connection c, String sql, Object leading, List<?> values, RowReader reader)
      throws SQLException {
    int from = 0;
    while (from < values.size()) {
      int n = chunk(values.size() - from);
      try (PreparedStatement p = c.prepareStatement(sql.formatted(marks(n)))) {
        int at = 1;
        if (leading != null) p.setObject(at++, leading);
        for (int i = 0; i < n; i++) p.setObject(at++, values.get(from + i));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) reader.read(rs);
        }
      }
      from += n;
    }
  }

  /**
   * Runs a query whose {@code %s} is a {@code VALUES} list of one text column ({@code (?), (?),
   * …}), once per chunk of {@code values}, {@code trailing} bound after them: to join the values to
   * a key of two columns, which H2 then looks up by index one value at a time (an {@code IN} list
   * on a key's second column it reads by scanning).
   */
  static void joinValues(
      Connection c, String sql, List<String> values, Object trailing, RowReader reader)
      throws SQLException {
    int from = 0;
    while (from < values.size()) {
      int n = chunk(values.size() - from);
      try (PreparedStatement p =
          c.prepareStatement(
              sql.formatted(
                  String.join(", ", Collections.nCopies(n, "(CAST(? AS VARCHAR(200)))"))))) {
        for (int i = 0; i < n; i++) p.setString(i + 1, values.get(from + i));
        p.setObject(n + 1, trailing);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) reader.read(rs);
        }
      }
      from += n;
    }
  }

  /** Runs an update whose {@code %s} is the list of placeholders, once per chunk of values. */
  static void update(Connection c, String sql, List<?> values) throws SQLException {
    int from = 0;
    while (from < values.size()) {
      int n = chunk(values.size() - from);
      try (PreparedStatement p = c.prepareStatement(sql.formatted(marks(n)))) {
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

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
