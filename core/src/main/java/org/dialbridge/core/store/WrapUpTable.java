package org.dialbridge.core.store;

import static org.dialbridge.core.store.Rows.CALL_COLUMNS;
import static org.dialbridge.core.store.Rows.instant;
import static org.dialbridge.core.store.Rows.setInstant;
import static org.dialbridge.core.store.Rows.truncate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.WrapUp;
import org.dialbridge.core.model.WrapUp.ProviderReceipt;

/**
 * {@code dialbridge_wrap_up}: one row per call the agent wrapped up, and the {@code WRAP_UP} event
 * each save adds to the call's events (who, when, before and after), so no save overwrites another
 * unseen. Saves of one call are serialized by the call's row lock.
 */
final class WrapUpTable {
  static final String COLUMNS =
      "disposition, note, callback_at, wrapped_at, wrapped_by, revision, followed_up_by,"
          + " provider_status, provider_message";

  /** A call's columns and its wrap-up's, for reading both in one statement. */
  static final String JOINED =
      CALL_COLUMNS.replaceAll("(^|, )", "$1c.")
          + ", w.call_id AS w_call_id, "
          + COLUMNS.replaceAll("(^|, )", "$1w.")
          + " FROM dialbridge_call c LEFT JOIN dialbridge_wrap_up w ON w.call_id = c.id";

  private static final int PROVIDER_MESSAGE = 1000;

  private final EventTable events;

  WrapUpTable(EventTable events) {
    this.events = events;
  }

  Optional<WrapUp> find(Connection c, String callId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT call_id AS w_call_id, "
                + COLUMNS
                + " FROM dialbridge_wrap_up WHERE call_id = ?")) {
      p.setString(1, callId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.ofNullable(wrapUp(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Saves {@code edit} over {@code current} (the call's row is locked by the caller) and adds the
   * change as a {@code WRAP_UP} event of the call.
   */
  WrapUp save(
      Connection c, Call call, Optional<WrapUp> current, WrapUpEdit edit, String by, Instant at)
      throws SQLException {
    int revision = current.map(w -> w.revision() + 1).orElse(1);
    at = at.truncatedTo(ChronoUnit.MILLIS); // as stored: a save reads back equal
    WrapUp saved =
        new WrapUp(
            call.id(),
            edit.disposition(),
            edit.note(),
            edit.callbackAt(),
            at,
            by,
            revision,
            current.map(WrapUp::followedUpBy).orElse(null),
            null);
    String sql =
        current.isPresent()
            ? "UPDATE dialbridge_wrap_up SET disposition = ?, note = ?, callback_at = ?,"
                + " wrapped_at = ?, wrapped_by = ?, revision = ?, provider_status = NULL,"
                + " provider_message = NULL, callback_agent = ? WHERE call_id = ?"
            : "INSERT INTO dialbridge_wrap_up (disposition, note, callback_at, wrapped_at,"
                + " wrapped_by, revision, callback_agent, call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, saved.disposition());
      p.setString(2, saved.note());
      setInstant(p, 3, saved.callbackAt());
      setInstant(p, 4, at);
      p.setString(5, by);
      p.setInt(6, revision);
      p.setString(7, call.agent());
      p.setString(8, call.id());
      p.executeUpdate();
    }
    CallEvent event =
        new CallEvent(
            call.id(),
            EventType.WRAP_UP,
            null,
            null,
            null,
            at,
            at,
            "dialbridge|wrap-up|" + call.id() + "|" + revision,
            change(by, current.orElse(null), saved));
    events.insert(c, call.provider(), event, null, null, null);
    return saved;
  }

  /** The event's payload: who saved, and the fields before and after. */
  private static String change(String by, WrapUp before, WrapUp after) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("by", by);
    node.put("revision", after.revision());
    node.set("before", before == null ? null : fields(before));
    node.set("after", fields(after));
    return node.toString();
  }

  private static ObjectNode fields(WrapUp w) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("disposition", w.disposition());
    node.put("note", w.note());
    node.put("callbackAt", w.callbackAt() == null ? null : w.callbackAt().toString());
    return node;
  }

  /** Records what the provider did with revision {@code revision}, unless a later save came. */
  void recordReceipt(Connection c, String callId, int revision, ProviderReceipt receipt)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_wrap_up SET provider_status = ?, provider_message = ? WHERE call_id"
                + " = ? AND revision = ?")) {
      p.setString(1, receipt.status().name());
      p.setString(2, truncate(receipt.message(), PROVIDER_MESSAGE));
      p.setString(3, callId);
      p.setInt(4, revision);
      p.executeUpdate();
    }
  }

  /** Links the callback of {@code callId} to the call placed from it; false when it had none. */
  boolean followUp(Connection c, String callId, String followUpCallId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_wrap_up SET followed_up_by = ? WHERE call_id = ? AND followed_up_by"
                + " IS NULL")) {
      p.setString(1, followUpCallId);
      p.setString(2, callId);
      return p.executeUpdate() == 1;
    }
  }

  /**
   * The agent's most recent call that ended after {@code endedAfter} (only answered ones with
   * {@code answeredOnly}), with its wrap-up, when it has no disposition yet.
   */
  static Optional<CallWithWrapUp> awaiting(
      Connection c, String agent, boolean answeredOnly, Instant endedAfter) throws SQLException {
    // newest first by the agent's index; the first ended call decides: an older call without a
    // disposition does not come back once a newer one was wrapped up
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + JOINED
                + " WHERE c.agent = ? AND c.live = FALSE"
                + (answeredOnly
                    ? " AND c.answered_at IS NOT NULL"
                    // a missed inbound call has nothing to wrap up: it is in the missed list
                    : " AND (c.answered_at IS NOT NULL OR c.direction = 'OUTBOUND')")
                + " ORDER BY c.created_at DESC, c.id DESC LIMIT 1")) {
      p.setString(1, agent);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        CallWithWrapUp last = joined(rs);
        boolean recent = last.call().endedAt().isAfter(endedAfter);
        boolean undecided = last.wrapUp() == null || last.wrapUp().disposition() == null;
        return recent && undecided ? Optional.of(last) : Optional.empty();
      }
    }
  }

  /** The agent's open callbacks (a time set, no call placed from it), soonest first. */
  static List<CallWithWrapUp> openCallbacks(Connection c, String agent, int limit)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + JOINED.replace("LEFT JOIN", "JOIN")
                + " WHERE w.callback_agent = ? AND w.callback_at IS NOT NULL AND w.followed_up_by"
                + " IS NULL ORDER BY w.callback_at, c.id LIMIT ?")) {
      p.setString(1, agent);
      p.setInt(2, limit);
      return all(p);
    }
  }

  static List<CallWithWrapUp> all(PreparedStatement p) throws SQLException {
    List<CallWithWrapUp> found = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) found.add(joined(rs));
    }
    return found;
  }

  /** The call and wrap-up of a row of {@link #JOINED}. */
  static CallWithWrapUp joined(ResultSet rs) throws SQLException {
    return new CallWithWrapUp(Rows.call(rs), wrapUp(rs));
  }

  /** The wrap-up of a row with {@link #COLUMNS} and {@code w_call_id}; null where it has none. */
  static WrapUp wrapUp(ResultSet rs) throws SQLException {
    String callId = rs.getString("w_call_id");
    if (callId == null) return null;
    String status = rs.getString("provider_status");
    return new WrapUp(
        callId,
        rs.getString("disposition"),
        rs.getString("note"),
        instant(rs, "callback_at"),
        instant(rs, "wrapped_at"),
        rs.getString("wrapped_by"),
        rs.getInt("revision"),
        rs.getString("followed_up_by"),
        status == null
            ? null
            : new ProviderReceipt(
                ProviderReceipt.Status.valueOf(status), rs.getString("provider_message")));
  }
}
