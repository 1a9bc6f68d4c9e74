package org.dialbridge.core.store;

import static org.dialbridge.core.store.Rows.setInstant;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.dialbridge.core.model.Call;

/**
 * A contact's call history, newest first, paged by keyset: a page ends at its last call, and the
 * next page starts strictly after that call's (creation time, id), so calls created meanwhile never
 * shift a page. The cursor is that boundary, opaque to clients: base64url of {@code
 * epochMillis:id}; a cursor that does not decode so is refused.
 */
final class History {
  static final int MAX_LIMIT = 200;

  private History() {}

  /**
   * Checks the request before any database work. @throws IllegalArgumentException for a bad limit
   * or cursor
   */
  static Cursor after(String cursor, int limit) {
    if (limit < 1 || limit > MAX_LIMIT)
      throw new IllegalArgumentException("limit must be 1 to 200");
    return cursor == null ? null : Cursor.parse(cursor);
  }

  /** One page of the contact's calls after {@code after} (null for the first page). */
  static HistoryPage page(Connection c, String contactId, String agent, Cursor after, int limit)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder("SELECT " + WrapUpTable.JOINED + " WHERE c.contact_id = ?");
    if (agent != null) sql.append(" AND c.agent = ?");
    if (after != null) sql.append(" AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))");
    // LIMIT in the SQL, not setMaxRows: PostgreSQL plans for every row of the contact otherwise,
    // and
    // for a contact with 1,000 calls it read and sorted them all for each page of 20
    sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT ?");
    List<CallWithWrapUp> calls;
    try (PreparedStatement p = c.prepareStatement(sql.toString())) {
      int i = 1;
      p.setString(i++, contactId);
      if (agent != null) p.setString(i++, agent);
      if (after != null) {
        setInstant(p, i++, after.createdAt());
        setInstant(p, i++, after.createdAt());
        p.setString(i++, after.id());
      }
      p.setInt(i, limit + 1);
      calls = WrapUpTable.all(p);
    }
    if (calls.size() <= limit) return HistoryPage.of(calls, null);
    calls.remove(limit);
    Call last = calls.get(limit - 1).call();
    return HistoryPage.of(calls, new Cursor(last.createdAt(), last.id()).toString());
  }

  /** A history page boundary: the last call's creation time and id. */
  record Cursor(Instant createdAt, String id) {
    static Cursor parse(String text) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return new Cursor(
            Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, colon))),
            decoded.substring(colon + 1));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid cursor");
      }
    }

    @Override
    public String toString() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((createdAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }
  }
}
