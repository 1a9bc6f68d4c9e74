package org.dialbridge.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.dialbridge.core.model.Call;

/**
 * The agent's live call: the newest call of theirs that has not ended, whatever the provider. One
 * agent has one phone, so a second call while this one lives would ring it over the first. A call
 * the provider accepted to hang up no longer holds the agent, even before its final event comes
 * (some providers send none): the agent's way out of a call that would otherwise wait for the
 * reconciler.
 */
final class LiveCalls {
  private LiveCalls() {}

  static Optional<Call> ofAgent(Connection c, String agent) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + Rows.CALL_COLUMNS + " FROM dialbridge_call "
        + "WHERE agent = ? AND live = TRUE AND NOT EXISTS (SELECT 1 FROM dialbridge_event e WHERE e.call_id = dialbridge_call.id "
        + "AND e.type = 'HANGUP_REQUESTED') ORDER BY created_at DESC, id DESC LIMIT 1")) {
      p.setString(1, agent);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(Rows.call(rs)) : Optional.empty();
      }
    }
  }
}
