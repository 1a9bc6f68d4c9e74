package org.dialbridge.core.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.spi.ContactMatch;

/**
 * The store's side of inbound calls (docs/inbound.md): what they rang for and matched, an agent's
 * open and missed calls, the unrouted ones, and the agent's choice of contact. Inbound calls
 * themselves are created by the inbox applier, as the events that start them are applied.
 */
public final class InboundCalls {
  /** How far back an agent's stream and missed list look. */
  static final Duration OPEN_FOR = Duration.ofDays(1);

  static final Duration MISSED_FOR = Duration.ofDays(30);

  private final Database db;
  private final Clock clock;
  private final CallTable calls;
  private final InboundTable table;

  InboundCalls(Database db, Clock clock, CallTable calls, InboundTable table) {
    this.db = db;
    this.clock = clock;
    this.calls = calls;
    this.table = table;
  }

  /** The details of those of {@code callIds} that are inbound calls, by call id. */
  public Map<String, InboundDetails> details(Collection<String> callIds) {
    if (callIds.isEmpty()) return Map.of();
    return db.read(c -> table.find(c, callIds));
  }

  /** The call and its details, when it is an inbound call. */
  public Optional<InboundCall> find(String callId) {
    return db.read(
        c -> {
          Optional<Call> call = calls.find(c, callId);
          if (call.isEmpty() || !call.get().inbound()) return Optional.<InboundCall>empty();
          InboundDetails details = table.find(c, List.of(callId)).get(callId);
          return Optional.ofNullable(details).map(d -> new InboundCall(call.get(), d));
        });
  }

  /**
   * The inbound calls ringing for {@code agent}, and those ended less than {@code choosingFor} ago
   * whose match is still to choose, oldest first.
   */
  public List<InboundCall> open(String agent, Duration choosingFor) {
    Instant now = clock.instant();
    return db.read(c -> table.open(c, agent, now.minus(OPEN_FOR), now.minus(choosingFor)));
  }

  /** {@link #open} of several agents at once, by agent; agents without any are left out. */
  public Map<String, List<InboundCall>> openForAll(
      Collection<String> agents, Duration choosingFor) {
    if (agents.isEmpty()) return Map.of();
    Instant now = clock.instant();
    return db.read(c -> table.openForAll(c, agents, now.minus(OPEN_FOR), now.minus(choosingFor)));
  }

  /** The agent's missed calls of the last 30 days not dealt with, newest first. */
  public List<InboundCall> missed(String agent, int limit) {
    Instant since = clock.instant().minus(MISSED_FOR);
    return db.read(c -> table.missed(c, agent, since, limit));
  }

  /** The inbound calls of the last {@code within} that rang for nobody, newest first. */
  public List<InboundCall> unrouted(Duration within, int limit) {
    Instant since = clock.instant().minus(within);
    return db.read(c -> table.unrouted(c, since, limit));
  }

  /** Marks a missed call done, by {@code user}. @return false when it was done already */
  public boolean markDone(String callId, String user) {
    Instant now = clock.instant();
    return db.inTransaction(c -> table.markDone(c, callId, user, now));
  }

  /**
   * Fills in the caller of an inbound call whose events did not name one, and who they may be.
   *
   * @return the call as filled in; empty when it had a caller already
   */
  public Optional<Call> fillInCaller(
      String callId, String caller, List<ContactMatch> matches, String contactId, boolean choose) {
    Instant now = clock.instant();
    return db.inTransaction(
        c -> {
          if (!table.fillInCaller(c, callId, caller, matches, contactId, choose, now))
            return Optional.<Call>empty();
          if (db.dialect() == Dialect.POSTGRESQL) ChangeNotices.send(c);
          return calls.find(c, callId);
        });
  }

  /**
   * Links an inbound call to the contact the agent chose, unless it has one already.
   *
   * @return the call as linked; empty when it had a contact (or is gone)
   */
  public Optional<Call> linkContact(String callId, String contactId) {
    Instant now = clock.instant();
    return db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE dialbridge_call SET contact_id = ?, updated_at = ? WHERE id = ? AND"
                      + " contact_id IS NULL")) {
            p.setString(1, contactId);
            Rows.setInstant(p, 2, now);
            p.setString(3, callId);
            if (p.executeUpdate() == 0) return Optional.<Call>empty();
          }
          table.chosen(c, callId);
          Optional<Call> linked = calls.find(c, callId);
          if (db.dialect() == Dialect.POSTGRESQL) ChangeNotices.send(c);
          return linked;
        });
  }
}
