package org.dialbridge.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The call an event that names only the agent's extension belongs to (uContact's
 * {@code AgentRingNoAnswer}): the one call of that extension still ringing when the event arrived,
 * to the event's number when it gives one. An answered call is never the one that "rang without an
 * answer", and when two calls could be, none is chosen: an event stored unlinked is better than
 * the wrong call ended.
 */
final class RingingCalls {
  private static final int CANDIDATES = 8;

  private RingingCalls() {}

  /**
   * @param number the customer's number as the event gives it (any format), or null
   * @param receivedAt when the event arrived: calls placed after it cannot be the one
   * @param since how far back the call may have been placed
   */
  static Optional<String> onExtension(Connection c, String provider, String extension, String number, Instant receivedAt,
      Instant since) throws SQLException {
    List<String[]> ringing = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT id, to_number FROM dialbridge_call WHERE provider = ? "
        + "AND agent_extension = ? AND live = TRUE AND status IN ('DIALING', 'RINGING') AND created_at > ? "
        + "AND created_at <= ? ORDER BY created_at DESC, id DESC LIMIT " + CANDIDATES)) {
      p.setString(1, provider);
      p.setString(2, extension);
      Rows.setInstant(p, 3, since);
      Rows.setInstant(p, 4, receivedAt);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) ringing.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    String digits = number == null ? "" : number.replaceAll("\\D", "");
    List<String> matching = ringing.stream()
        .filter(call -> digits.isEmpty() || digits.equals(call[1] == null ? "" : call[1].replaceAll("\\D", "")))
        .map(call -> call[0]).toList();
    return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
  }
}
