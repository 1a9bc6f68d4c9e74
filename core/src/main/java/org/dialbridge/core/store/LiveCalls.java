package org.dialbridge.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.dialbridge.core.model.Call;

/**
 * The agent's live call: the newest call of theirs that has not ended, whatever the provider. One
 * agent has one phone, so a second call while this one lives would ring it over the first.
 */
final class LiveCalls {
  private LiveCalls() {}

  static Optional<Call> ofAgent(Connection c, String agent) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + CallStore.CALL_COLUMNS + " FROM dialbridge_call "
        + "WHERE agent = ? AND live = TRUE ORDER BY created_at DESC, id DESC LIMIT 1")) {
      p.setString(1, agent);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(CallStore.readCall(rs)) : Optional.empty();
      }
    }
  }
}
