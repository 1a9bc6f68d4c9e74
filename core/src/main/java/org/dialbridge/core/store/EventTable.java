package org.dialbridge.core.store;

import static org.dialbridge.core.store.Rows.EVENT_COLUMNS;
import static org.dialbridge.core.store.Rows.setEnum;
import static org.dialbridge.core.store.Rows.setInstant;
import static org.dialbridge.core.store.Rows.truncate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * The statements over {@code dialbridge_event}. An event is stored once: the unique key on
 * (provider, event key) turns a redelivery into a no-op, and a key longer than its column is stored
 * as its SHA-256, which keeps it unique. An event stored without a call keeps the provider's call
 * id, extension and number it came with, so it can be linked and read again once its call is known.
 */
final class EventTable {
  private static final int MAX_KEY = 200;
  private static final int RAW_CAUSE = 256;
  private static final int MATCH_FIELD = 128;

  /** An event stored without a call, waiting for its leg to be linked. */
  record Unlinked(long id, CallEvent event, ProviderEvent parsed) {}

  private final Dialect dialect;

  EventTable(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Inserts an event unless its key is stored already. @return false for a duplicate */
  boolean insert(
      Connection c,
      String provider,
      CallEvent e,
      String providerCallId,
      String agentExtension,
      String number)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(insertSql())) {
      bind(p, provider, e, providerCallId, agentExtension, number);
      return p.executeUpdate() == 1;
    } catch (SQLException ex) {
      if (Database.isDuplicateKey(ex)) return false;
      throw ex;
    }
  }

  private String insertSql() {
    return dialect.insertIgnoringDuplicates(
        "INSERT INTO dialbridge_event (provider, "
            + EVENT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "provider, event_key");
  }

  private static void bind(
      PreparedStatement p,
      String provider,
      CallEvent e,
      String providerCallId,
      String agentExtension,
      String number)
      throws SQLException {
    p.setString(1, provider);
    p.setString(2, e.callId());
    p.setString(3, e.type().name());
    setEnum(p, 4, e.status());
    setEnum(p, 5, e.cause());
    p.setString(6, truncate(e.rawCause(), RAW_CAUSE));
    setInstant(p, 7, e.occurredAt());
    setInstant(p, 8, e.receivedAt());
    p.setString(9, storedKey(e.providerEventKey()));
    p.setString(10, e.payload());
    p.setString(11, truncate(providerCallId, MATCH_FIELD));
    p.setString(12, truncate(agentExtension, MATCH_FIELD));
    p.setString(13, truncate(number, MATCH_FIELD));
  }

  /** An event to insert with {@link #insertAll}. */
  record NewEvent(
      String provider,
      CallEvent event,
      String providerCallId,
      String agentExtension,
      String number) {}

  /**
   * Inserts events known not to be stored, in one batch.
   *
   * @throws Database.Conflict when one was stored meanwhile by another transaction
   */
  void insertAll(Connection c, List<NewEvent> rows) throws SQLException {
    if (rows.isEmpty()) return;
    try (PreparedStatement p = c.prepareStatement(insertSql())) {
      for (NewEvent row : rows) {
        bind(
            p,
            row.provider(),
            row.event(),
            row.providerCallId(),
            row.agentExtension(),
            row.number());
        p.addBatch();
      }
      for (int count : p.executeBatch()) {
        if (count == 0) throw new Database.Conflict("an event was stored concurrently");
      }
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)
          || (e.getNextException() != null && Database.isDuplicateKey(e.getNextException())))
        throw new Database.Conflict("an event was stored concurrently");
      throw e;
    }
  }

  /** Whether an event with this key is stored. */
  boolean exists(Connection c, String provider, String eventKey) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT 1 FROM dialbridge_event WHERE provider = ? AND event_key = ?")) {
      p.setString(1, provider);
      p.setString(2, storedKey(eventKey));
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * The {@link Inbox#key}s of those of {@code events} stored already, in one statement: an index
   * probe of the events' key each.
   */
  static Set<String> storedOf(Connection c, List<Inbound> events) throws SQLException {
    String[] providers = new String[events.size()];
    String[] keys = new String[events.size()];
    for (int i = 0; i < events.size(); i++) {
      providers[i] = events.get(i).provider();
      keys[i] = storedKey(events.get(i).event().eventKey());
    }
    Set<String> stored = new HashSet<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT v.p, v.k FROM UNNEST(?, ?) v (p, k) WHERE EXISTS (SELECT 1 FROM"
                + " dialbridge_event e WHERE e.provider = v.p AND e.event_key = v.k)")) {
      p.setArray(1, c.createArrayOf("VARCHAR", providers));
      p.setArray(2, c.createArrayOf("VARCHAR", keys));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) stored.add(rs.getString(1) + '\n' + rs.getString(2));
      }
    }
    return stored;
  }

  /**
   * A call's events in the order they happened (provider time, else receipt), those reported before
   * the call was created counted as happening at its creation.
   */
  List<CallEvent> ofCall(Connection c, String callId) throws SQLException {
    List<CallEvent> events = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id, "
                + EVENT_COLUMNS
                + " FROM dialbridge_event "
                + "WHERE call_id = ? ORDER BY GREATEST(COALESCE(occurred_at, received_at), "
                + "(SELECT created_at FROM dialbridge_call WHERE id = ?)), id")) {
      p.setString(1, callId);
      p.setString(2, callId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) events.add(Rows.event(rs));
      }
    }
    return events;
  }

  /** The events of a leg stored without a call, in the order they were stored. */
  List<Unlinked> unlinkedOf(Connection c, String provider, String providerCallId)
      throws SQLException {
    List<Unlinked> waiting = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id, "
                + EVENT_COLUMNS
                + " FROM dialbridge_event "
                + "WHERE provider = ? AND provider_call_id = ? AND call_id IS NULL ORDER BY id")) {
      p.setString(1, provider);
      p.setString(2, providerCallId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next())
          waiting.add(new Unlinked(rs.getLong("id"), Rows.event(rs), Rows.providerEvent(rs)));
      }
    }
    return waiting;
  }

  /** Links a stored event to its call, as the provider interpreted it once the call was known. */
  void link(Connection c, long eventId, CallEvent event) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_event SET call_id = ?, type = ?, status = ?, "
                + "cause = ? WHERE id = ?")) {
      p.setString(1, event.callId());
      p.setString(2, event.type().name());
      setEnum(p, 3, event.status());
      setEnum(p, 4, event.cause());
      p.setLong(5, eventId);
      p.executeUpdate();
    }
  }

  /** The key as stored: itself, or its SHA-256 when longer than the column. */
  static String storedKey(String key) {
    if (key.length() <= MAX_KEY) return key;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
