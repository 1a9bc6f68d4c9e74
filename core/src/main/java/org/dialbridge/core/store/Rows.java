package org.dialbridge.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * Row mapping, apart from the statements that need it: the columns of a call and of an event, a row
 * read back as a {@link Call} or {@link CallEvent}, and the conventions every statement binds its
 * parameters by. Instants are stored in UTC to the millisecond, enums by name, a missing value as a
 * typed null, and free text cut to its column.
 */
final class Rows {
  static final String CALL_COLUMNS =
      "id, provider, provider_call_id, contact_id, agent, agent_extension, from_number, to_number,"
          + " status, cause, raw_cause, created_at, answered_at, ended_at, duration_seconds,"
          + " direction";
  static final String EVENT_COLUMNS =
      "call_id, type, status, cause, raw_cause, occurred_at, received_at, "
          + "event_key, payload, provider_call_id, agent_extension, number";

  private Rows() {}

  // ---------------------------------------------------------------- ResultSet to model

  static Call call(ResultSet rs) throws SQLException {
    long seconds = rs.getLong("duration_seconds");
    Long duration = rs.wasNull() ? null : seconds;
    return new Call(
        rs.getString("id"),
        rs.getString("provider"),
        rs.getString("provider_call_id"),
        rs.getString("contact_id"),
        rs.getString("agent"),
        rs.getString("agent_extension"),
        rs.getString("from_number"),
        rs.getString("to_number"),
        CallStatus.valueOf(rs.getString("status")),
        cause(rs.getString("cause")),
        rs.getString("raw_cause"),
        instant(rs, "created_at"),
        instant(rs, "answered_at"),
        instant(rs, "ended_at"),
        duration,
        Direction.valueOf(rs.getString("direction")));
  }

  /** The first call the statement finds, if any. */
  static Optional<Call> firstCall(PreparedStatement p) throws SQLException {
    try (ResultSet rs = p.executeQuery()) {
      return rs.next() ? Optional.of(call(rs)) : Optional.empty();
    }
  }

  /** Every call the statement finds, in its order. */
  static List<Call> calls(PreparedStatement p) throws SQLException {
    List<Call> calls = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) calls.add(call(rs));
    }
    return calls;
  }

  static CallEvent event(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    return new CallEvent(
        rs.getString("call_id"),
        EventType.valueOf(rs.getString("type")),
        status == null ? null : CallStatus.valueOf(status),
        cause(rs.getString("cause")),
        rs.getString("raw_cause"),
        instant(rs, "occurred_at"),
        instant(rs, "received_at"),
        rs.getString("event_key"),
        rs.getString("payload"));
  }

  /**
   * An event row as the provider's event it was stored from, to be interpreted again once its call
   * is known.
   */
  static ProviderEvent providerEvent(ResultSet rs) throws SQLException {
    CallEvent e = event(rs);
    return new ProviderEvent(
        e.providerEventKey(),
        e.type(),
        e.status(),
        e.cause(),
        e.rawCause(),
        e.occurredAt(),
        rs.getString("provider_call_id"),
        null,
        rs.getString("agent_extension"),
        rs.getString("number"),
        e.payload());
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return instantOf(rs.getObject(column, OffsetDateTime.class));
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    return instantOf(rs.getObject(column, OffsetDateTime.class));
  }

  private static Instant instantOf(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static HangupCause cause(String name) {
    return name == null ? null : HangupCause.valueOf(name);
  }

  // ---------------------------------------------------------------- statement parameters

  static void setInstant(PreparedStatement p, int i, Instant instant) throws SQLException {
    if (instant == null) p.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    else
      p.setObject(
          i, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
  }

  static void setEnum(PreparedStatement p, int i, Enum<?> value) throws SQLException {
    p.setString(i, value == null ? null : value.name());
  }

  static void setLong(PreparedStatement p, int i, Long value) throws SQLException {
    if (value == null) p.setNull(i, Types.BIGINT);
    else p.setLong(i, value);
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
