package org.dialbridge.core.store;

import static org.dialbridge.core.store.Rows.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * How an event finds the call it belongs to. Only a call of the provider the event was
 * authenticated for is ever chosen: another provider's credentials never move a call. In order:
 *
 * <ol>
 *   <li>Dialbridge's own call id, when the provider echoes it;
 *   <li>the leg: a provider call id already linked to a call ({@code dialbridge_call_leg});
 *   <li>by number: when the event has a provider call id no leg knows yet and a number, the newest
 *       live call just placed to that number (on the event's extension, when it names one) whose
 *       provider id is not known yet: the webhook outran the provider's HTTP answer;
 *   <li>by extension: when the event names no provider call id but the agent's extension
 *       (uContact's {@code AgentRingNoAnswer}), the one call of that extension still ringing when
 *       the event arrived, to the event's number when it gives one. An answered call is never the
 *       one that "rang without an answer", and when two calls could be, none is chosen: an event
 *       stored unlinked is better than the wrong call ended;
 *   <li>else an external call: a call Dialbridge did not place, created for the CRM contact the
 *       host matched, when the event has a provider call id;
 *   <li>else none: the event is stored unlinked, and linked when its leg becomes known.
 * </ol>
 *
 * <p>An event with a provider call id then claims its leg: the leg row is created, or linked to the
 * call found, within the event's transaction. The row doubles as the lock that orders an event
 * racing the provider's answer against the write of that answer: whichever inserts it second sees
 * the first's call id, and a transaction that loses the race starts over ({@link
 * Database.Conflict}).
 */
final class Correlation {
  private static final int RINGING_CANDIDATES = 8;

  /** The CRM contact to create an external call for, asked only when no call is found. */
  @FunctionalInterface
  interface ContactForNewCall {
    ContactForNewCall NONE = event -> null;

    String contactFor(ProviderEvent event);
  }

  /**
   * The leg row of a provider's call id, as read once per event: whether it exists, and its call.
   */
  record Leg(boolean exists, String callId) {
    static final Leg NONE = new Leg(false, null);
  }

  /** A leg row to insert with {@link #insertLegs}. */
  record NewLeg(String provider, String providerCallId, String callId) {}

  /**
   * Calls a transaction has moved or created and not written yet (a batch writes them at its end),
   * which finding a call must see as they are, not as the database still has them.
   */
  interface Held {
    /** Nothing held: the database is all there is. */
    Held NOTHING =
        new Held() {
          @Override
          public Boolean isOf(String callId, String provider) {
            return null;
          }

          @Override
          public void beforeMatching(boolean byExtension) {}
        };

    /** Whether a held call is the provider's; null when no call of this id is held. */
    Boolean isOf(String callId, String provider);

    /**
     * Called before live calls are matched by number, or with {@code byExtension} ringing calls by
     * extension: writes the held calls that query would otherwise read stale.
     */
    void beforeMatching(boolean byExtension) throws SQLException;
  }

  private final Dialect dialect;
  private final CallTable calls;

  Correlation(Dialect dialect, CallTable calls) {
    this.dialect = dialect;
    this.calls = calls;
  }

  /**
   * The call an event belongs to, found or created, its leg claimed.
   *
   * @param since how far back a live call may have started to be matched by number or extension
   * @param contactForNewCall the CRM contact of an external call, or null from it to create none
   * @return the call's id, or null when the event is to be stored unlinked
   */
  String claimCall(
      Connection c,
      String provider,
      ProviderEvent event,
      Instant receivedAt,
      Instant since,
      ContactForNewCall contactForNewCall)
      throws SQLException {
    Leg leg = leg(c, provider, event.providerCallId());
    String callId = resolve(c, provider, event, leg, receivedAt, since, Held.NOTHING);
    if (callId == null && event.providerCallId() != null) {
      String contact = contactForNewCall.contactFor(event);
      if (contact != null) {
        Call call = externalCall(provider, event, receivedAt, contact);
        calls.insert(c, call);
        callId = call.id();
      }
    }
    if (event.providerCallId() != null) {
      callId = claimLeg(c, provider, event.providerCallId(), leg, callId);
    }
    return callId;
  }

  /** The call an event would be linked to now, without writing. */
  String resolve(
      Connection c, String provider, ProviderEvent event, Instant receivedAt, Instant since)
      throws SQLException {
    Leg leg = leg(c, provider, event.providerCallId());
    return resolve(c, provider, event, leg, receivedAt, since, Held.NOTHING);
  }

  /**
   * The call an event belongs to by the rules above, its leg row as read, without writing: the
   * calls {@code held} are taken as held, not as the database has them.
   */
  String resolve(
      Connection c,
      String provider,
      ProviderEvent event,
      Leg leg,
      Instant receivedAt,
      Instant since,
      Held held)
      throws SQLException {
    if (event.callId() != null) {
      Boolean heldIsOf = held.isOf(event.callId(), provider);
      if (heldIsOf != null ? heldIsOf : calls.isOf(c, provider, event.callId()))
        return event.callId();
    }
    if (event.providerCallId() != null) {
      if (leg.callId() != null) return leg.callId();
      // a caller is not a call just placed to their number: theirs starts a call of its own
      if (event.number() == null || event.startsInbound()) return null;
      held.beforeMatching(false);
      return justPlacedTo(c, provider, event, since);
    }
    if (event.agentExtension() != null) {
      held.beforeMatching(true);
      return ringingOn(c, provider, event.agentExtension(), event.number(), receivedAt, since)
          .orElse(null);
    }
    return null;
  }

  /** By number: the newest live call placed to the event's number that has no provider id yet. */
  private static String justPlacedTo(
      Connection c, String provider, ProviderEvent event, Instant since) throws SQLException {
    String sql =
        "SELECT id FROM dialbridge_call WHERE live = TRUE AND provider = ? AND provider_call_id IS"
            + " NULL AND to_number = ? AND created_at > ?"
            + (event.agentExtension() != null ? " AND agent_extension = ?" : "")
            + " ORDER BY created_at DESC, id DESC LIMIT 1";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, provider);
      p.setString(2, event.number());
      setInstant(p, 3, since);
      if (event.agentExtension() != null) p.setString(4, event.agentExtension());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * By extension: the one call still ringing there.
   *
   * @param number the customer's number as the event gives it (any format), or null
   * @param receivedAt when the event arrived: calls placed after it cannot be the one
   * @param since how far back the call may have been placed
   */
  private static Optional<String> ringingOn(
      Connection c,
      String provider,
      String extension,
      String number,
      Instant receivedAt,
      Instant since)
      throws SQLException {
    List<String[]> ringing = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id, to_number FROM dialbridge_call WHERE provider = ? AND agent_extension = ?"
                + " AND live = TRUE AND status IN ('DIALING', 'RINGING') AND created_at > ? AND"
                + " created_at <= ? ORDER BY created_at DESC, id DESC LIMIT "
                + RINGING_CANDIDATES)) {
      p.setString(1, provider);
      p.setString(2, extension);
      setInstant(p, 3, since);
      setInstant(p, 4, receivedAt);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) ringing.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    String digits = digits(number);
    List<String> matching =
        ringing.stream()
            .filter(call -> digits.isEmpty() || digits.equals(digits(call[1])))
            .map(call -> call[0])
            .toList();
    return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
  }

  private static String digits(String number) {
    return number == null ? "" : number.replaceAll("\\D", "");
  }

  /** The leg row of a provider call id; {@link Leg#NONE} without one. */
  Leg leg(Connection c, String provider, String providerCallId) throws SQLException {
    if (providerCallId == null) return Leg.NONE;
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT call_id FROM dialbridge_call_leg WHERE provider = ? AND provider_call_id ="
                + " ?")) {
      p.setString(1, provider);
      p.setString(2, providerCallId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? new Leg(true, rs.getString(1)) : Leg.NONE;
      }
    }
  }

  /**
   * Makes sure the leg row exists and returns the call it belongs to: the leg's own call when it
   * has one, else {@code callId}, which an unlinked leg is linked to.
   *
   * @throws Database.Conflict when another transaction inserted or linked the leg since it was read
   */
  String claimLeg(Connection c, String provider, String providerCallId, Leg leg, String callId)
      throws SQLException {
    if (!leg.exists()) {
      insertLeg(c, provider, providerCallId, callId);
      return callId;
    }
    if (leg.callId() == null && callId != null) {
      linkLeg(c, provider, providerCallId, callId);
      return callId;
    }
    return leg.callId() != null ? leg.callId() : callId;
  }

  /**
   * Inserts the leg row of {@code callId} unless one exists. @return false when it did: {@link
   * #leg} and {@link #claimLeg} then decide
   */
  boolean insertedLeg(Connection c, String provider, String providerCallId, String callId)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(insertLegSql())) {
      p.setString(1, provider);
      p.setString(2, providerCallId);
      p.setString(3, callId);
      return p.executeUpdate() == 1;
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) return false;
      throw e;
    }
  }

  private void insertLeg(Connection c, String provider, String providerCallId, String callId)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(insertLegSql())) {
      p.setString(1, provider);
      p.setString(2, providerCallId);
      p.setString(3, callId);
      if (p.executeUpdate() == 0) throw new Database.Conflict("leg inserted concurrently");
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) throw new Database.Conflict("leg inserted concurrently");
      throw e;
    }
  }

  /**
   * Inserts leg rows in one batch.
   *
   * @throws Database.Conflict when another transaction inserted one of them meanwhile
   */
  void insertLegs(Connection c, Collection<NewLeg> legs) throws SQLException {
    if (legs.isEmpty()) return;
    try (PreparedStatement p = c.prepareStatement(insertLegSql())) {
      for (NewLeg leg : legs) {
        p.setString(1, leg.provider());
        p.setString(2, leg.providerCallId());
        p.setString(3, leg.callId());
        p.addBatch();
      }
      for (int count : p.executeBatch()) {
        if (count == 0) throw new Database.Conflict("a leg was inserted concurrently");
      }
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)
          || (e.getNextException() != null && Database.isDuplicateKey(e.getNextException())))
        throw new Database.Conflict("a leg was inserted concurrently");
      throw e;
    }
  }

  private String insertLegSql() {
    return dialect.insertIgnoringDuplicates(
        "INSERT INTO dialbridge_call_leg (provider, provider_call_id, call_id) VALUES (?, ?, ?)",
        "provider, provider_call_id");
  }

  /**
   * Links a leg row without a call to one.
   *
   * @throws Database.Conflict when another transaction linked it since it was read
   */
  static void linkLeg(Connection c, String provider, String providerCallId, String callId)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_call_leg SET call_id = ? "
                + "WHERE provider = ? AND provider_call_id = ? AND call_id IS NULL")) {
      p.setString(1, callId);
      p.setString(2, provider);
      p.setString(3, providerCallId);
      // another transaction linked the leg since we read it: start over and take its call
      if (p.executeUpdate() == 0) throw new Database.Conflict("leg linked concurrently");
    }
  }

  /** The provider call ids of a call's legs, the first leg (the call's own provider id) first. */
  static List<String> legsOf(Connection c, String callId) throws SQLException {
    List<String> legs = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT l.provider_call_id FROM dialbridge_call_leg l JOIN dialbridge_call k ON k.id ="
                + " l.call_id WHERE l.call_id = ? ORDER BY CASE WHEN l.provider_call_id ="
                + " k.provider_call_id THEN 0 ELSE 1 END, l.provider_call_id")) {
      p.setString(1, callId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) legs.add(rs.getString(1));
      }
    }
    return legs;
  }

  /** A call Dialbridge did not place, dialing since the event happened (or arrived). */
  static Call externalCall(
      String provider, ProviderEvent event, Instant receivedAt, String contactId) {
    Instant at =
        event.occurredAt() != null ? event.occurredAt().truncatedTo(ChronoUnit.MILLIS) : receivedAt;
    return new Call(
        UUID.randomUUID().toString(),
        provider,
        event.providerCallId(),
        contactId,
        null,
        event.agentExtension(),
        event.agentExtension(),
        event.number(),
        CallStatus.DIALING,
        null,
        null,
        at,
        null,
        null,
        null);
  }
}
