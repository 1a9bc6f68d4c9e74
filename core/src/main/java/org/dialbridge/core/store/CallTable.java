package org.dialbridge.core.store;

import static org.dialbridge.core.store.Rows.CALL_COLUMNS;
import static org.dialbridge.core.store.Rows.setEnum;
import static org.dialbridge.core.store.Rows.setInstant;
import static org.dialbridge.core.store.Rows.setLong;
import static org.dialbridge.core.store.Rows.truncate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dialbridge.core.model.Call;

/**
 * The statements over {@code dialbridge_call}, one row per call. Every write stamps {@code
 * updated_at} with the store's clock and keeps {@code live} true exactly while the call's status is
 * not terminal, which is what the live-call, by-number and reconciler queries select on.
 */
final class CallTable {
  private static final int RAW_CAUSE = 256;

  private final Dialect dialect;
  private final Clock clock;

  CallTable(Dialect dialect, Clock clock) {
    this.dialect = dialect;
    this.clock = clock;
  }

  Optional<Call> find(Connection c, String id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT " + CALL_COLUMNS + " FROM dialbridge_call WHERE id = ?")) {
      p.setString(1, id);
      return Rows.firstCall(p);
    }
  }

  /** The call, its row locked for the rest of the transaction. */
  Optional<Call> lock(Connection c, String id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT " + CALL_COLUMNS + " FROM dialbridge_call WHERE id = ? FOR UPDATE")) {
      p.setString(1, id);
      return Rows.firstCall(p);
    }
  }

  /**
   * Several calls by id, locked as {@link #lock} does one, in one statement (a round trip per chunk
   * of ids cost more than the look-ups), in the order of their ids (two transactions locking some
   * of the same calls never wait on each other in a circle). By {@code = ANY} of an array, which H2
   * and PostgreSQL look up by the key.
   */
  Map<String, Call> lockAll(Connection c, Collection<String> ids) throws SQLException {
    Map<String, Call> found = new HashMap<>();
    if (ids.isEmpty()) return found;
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + CALL_COLUMNS
                + " FROM dialbridge_call WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
      p.setArray(1, c.createArrayOf("VARCHAR", ids.toArray()));
      for (Call call : Rows.calls(p)) found.put(call.id(), call);
    }
    return found;
  }

  /** The calls of these ids, by id; missing ids are left out. */
  Map<String, Call> findAll(Connection c, Collection<String> ids) throws SQLException {
    String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT " + CALL_COLUMNS + " FROM dialbridge_call WHERE id IN (" + marks + ")")) {
      int i = 1;
      for (String id : ids) p.setString(i++, id);
      Map<String, Call> found = new LinkedHashMap<>();
      for (Call call : Rows.calls(p)) found.put(call.id(), call);
      return found;
    }
  }

  /** True when the call exists and is the provider's. */
  boolean isOf(Connection c, String provider, String callId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT 1 FROM dialbridge_call WHERE id = ? AND provider = ?")) {
      p.setString(1, callId);
      p.setString(2, provider);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Calls still live that started before {@code before}, oldest first. */
  List<Call> liveStartedBefore(Connection c, Instant before, int limit) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + CALL_COLUMNS
                + " FROM dialbridge_call "
                + "WHERE live = TRUE AND created_at < ? ORDER BY created_at, id LIMIT ?")) {
      setInstant(p, 1, before);
      p.setInt(2, limit);
      return Rows.calls(p);
    }
  }

  void insert(Connection c, Call call) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT)) {
      bindInsert(p, call);
      p.executeUpdate();
    }
  }

  /** Inserts calls in one batch. */
  void insertAll(Connection c, Collection<Call> created) throws SQLException {
    if (created.isEmpty()) return;
    try (PreparedStatement p = c.prepareStatement(INSERT)) {
      for (Call call : created) {
        bindInsert(p, call);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static final String INSERT =
      "INSERT INTO dialbridge_call ("
          + CALL_COLUMNS
          + ", updated_at, live) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private void bindInsert(PreparedStatement p, Call call) throws SQLException {
    int i = bindColumns(p, call);
    setInstant(p, i++, clock.instant());
    p.setBoolean(i, !call.status().isTerminal());
  }

  /**
   * Writes what events move: status, outcome, times, contact, and the agent (who answered an
   * inbound call that rang several).
   */
  void update(Connection c, Call call) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(UPDATE)) {
      bindUpdate(p, call);
      p.executeUpdate();
    }
  }

  /** Updates several calls in one batch. */
  void updateAll(Connection c, Collection<Call> changed) throws SQLException {
    if (changed.isEmpty()) return;
    try (PreparedStatement p = c.prepareStatement(UPDATE)) {
      for (Call call : changed) {
        bindUpdate(p, call);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static final String UPDATE =
      "UPDATE dialbridge_call SET status = ?, cause = ?, raw_cause = ?, answered_at = ?,"
          + " ended_at = ?, duration_seconds = ?, contact_id = ?, agent = ?, agent_extension = ?,"
          + " updated_at = ?, live = ? WHERE id = ?";

  private void bindUpdate(PreparedStatement p, Call call) throws SQLException {
    p.setString(1, call.status().name());
    setEnum(p, 2, call.cause());
    p.setString(3, truncate(call.rawCause(), RAW_CAUSE));
    setInstant(p, 4, call.answeredAt());
    setInstant(p, 5, call.endedAt());
    setLong(p, 6, call.durationSeconds());
    p.setString(7, call.contactId());
    p.setString(8, call.agent());
    p.setString(9, call.agentExtension());
    setInstant(p, 10, clock.instant());
    p.setBoolean(11, !call.status().isTerminal());
    p.setString(12, call.id());
  }

  /**
   * Sets the call's provider id and answers the call as it is then, its row locked for the rest of
   * the transaction (as {@link #lock} would): one statement.
   */
  Optional<Call> setProviderCallIdAndLock(Connection c, String callId, String providerCallId)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            dialect.updateReturning(
                "UPDATE dialbridge_call SET provider_call_id = ?, updated_at = ? WHERE id = ?",
                CALL_COLUMNS))) {
      p.setString(1, providerCallId);
      setInstant(p, 2, clock.instant());
      p.setString(3, callId);
      return Rows.firstCall(p);
    }
  }

  /** Binds {@link Rows#CALL_COLUMNS} in order. @return the next parameter's index */
  private static int bindColumns(PreparedStatement p, Call call) throws SQLException {
    int i = 1;
    p.setString(i++, call.id());
    p.setString(i++, call.provider());
    p.setString(i++, call.providerCallId());
    p.setString(i++, call.contactId());
    p.setString(i++, call.agent());
    p.setString(i++, call.agentExtension());
    p.setString(i++, call.from());
    p.setString(i++, call.to());
    p.setString(i++, call.status().name());
    setEnum(p, i++, call.cause());
    p.setString(i++, truncate(call.rawCause(), RAW_CAUSE));
    setInstant(p, i++, call.createdAt());
    setInstant(p, i++, call.answeredAt());
    setInstant(p, i++, call.endedAt());
    setLong(p, i++, call.durationSeconds());
    p.setString(i++, call.direction().name());
    return i;
  }
}
