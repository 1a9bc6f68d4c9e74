package org.dialbridge.core.store;

import static org.dialbridge.core.store.Rows.CALL_COLUMNS;
import static org.dialbridge.core.store.Rows.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dialbridge.core.config.RateLimit;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;

/**
 * Recording a call about to be placed, under the agent's rules: at most {@code limit} calls per
 * window, and with one live call, none while the agent is on a live call already. The checks and
 * the insert run under the agent's row in {@code dialbridge_agent_lock}, taken {@code FOR UPDATE},
 * so they hold across nodes sharing the database and across tabs.
 *
 * <p>The agent's live call is the newest call of theirs that has not ended, whatever the provider.
 * One agent has one phone, so a second call while this one lives would ring it over the first. A
 * call the provider accepted to hang up no longer holds the agent, even before its final event
 * comes (some providers send none): the agent's way out of a call that would otherwise wait for the
 * reconciler.
 */
final class Placements {
  private final Database db;
  private final CallTable calls;
  private final EventTable events;
  private final WrapUpTable wrapUps;
  private final InboundTable inbound;

  /** Agents whose lock row exists (rows are never deleted, so this can only lag, never lie). */
  private final Set<String> knownAgents = ConcurrentHashMap.newKeySet();

  Placements(
      Database db, CallTable calls, EventTable events, WrapUpTable wrapUps, InboundTable inbound) {
    this.db = db;
    this.calls = calls;
    this.events = events;
    this.wrapUps = wrapUps;
    this.inbound = inbound;
  }

  /**
   * Records the call and its {@code PLACED} event unless the agent's rules refuse it; with {@code
   * followsUp}, links that call's callback to this one in the same transaction.
   */
  Placement place(Call call, CallEvent placed, PlacementRules rules, String followsUp) {
    boolean locked = call.agent() != null && rules.needAgentLock();
    if (locked) ensureAgentLockRow(call.agent());
    return db.inTransaction(
        c -> {
          if (locked) {
            lockAgent(c, call.agent());
            Checks checks = check(c, call, rules);
            if (checks.liveCallId() != null) {
              Optional<Call> live = calls.find(c, checks.liveCallId());
              if (live.isPresent()) return Placement.busy(live.get());
            }
            if (rules.wrapUpWindow() != null) {
              Instant endedAfter = call.createdAt().minus(rules.wrapUpWindow());
              Optional<CallWithWrapUp> awaiting =
                  WrapUpTable.awaiting(c, call.agent(), true, endedAfter);
              if (awaiting.isPresent()) return Placement.wrapUpPending(awaiting.get().call());
            }
            if (checks.reachedRateLimit()) return Placement.RATE_LIMITED;
          }
          calls.insert(c, call);
          events.insert(c, call.provider(), placed, null, null, null);
          if (followsUp != null) {
            wrapUps.followUp(c, followsUp, call.id());
            inbound.calledBack(c, followsUp, call.id());
          }
          return Placement.PLACED;
        });
  }

  /** What the agent's rules asked of the database, once their lock is held. */
  private record Checks(String liveCallId, boolean reachedRateLimit) {}

  /**
   * The agent's live call (with one live call) and whether they reached the rate limit (with a
   * limit), in one statement: {@code POST /calls} waits on each round trip. The statement runs
   * after the agent's lock is taken, so it sees every call a concurrent placement committed.
   */
  private static Checks check(Connection c, Call call, PlacementRules rules) throws SQLException {
    RateLimit limit = rules.rateLimit();
    if (!rules.oneLiveCall() && limit == null) return new Checks(null, false);
    String live =
        rules.oneLiveCall()
            ? "(SELECT id FROM dialbridge_call " + LIVE_CALL_OF_AGENT + ")"
            : "NULL";
    String recent =
        limit != null
            ? "(SELECT COUNT(*) FROM dialbridge_call WHERE agent = ? AND created_at > ?)"
            : "0";
    try (PreparedStatement p = c.prepareStatement("SELECT " + live + ", " + recent)) {
      int i = 1;
      if (rules.oneLiveCall()) p.setString(i++, call.agent());
      if (limit != null) {
        p.setString(i++, call.agent());
        setInstant(p, i, call.createdAt().minus(limit.per()));
      }
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return new Checks(rs.getString(1), limit != null && rs.getLong(2) >= limit.calls());
      }
    }
  }

  /**
   * The rows of {@code dialbridge_call} that are the agent's live call: the newest of theirs not
   * ended whose hang-up was not requested. One parameter, the agent.
   */
  private static final String LIVE_CALL_OF_AGENT =
      "WHERE agent = ? AND live = TRUE AND NOT EXISTS (SELECT 1 FROM dialbridge_event e WHERE"
          + " e.call_id = dialbridge_call.id AND e.type = 'HANGUP_REQUESTED') ORDER BY created_at"
          + " DESC, id DESC LIMIT 1";

  /** The agent's live call, if they have one. */
  static Optional<Call> liveCallOf(Connection c, String agent) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT " + CALL_COLUMNS + " FROM dialbridge_call " + LIVE_CALL_OF_AGENT)) {
      p.setString(1, agent);
      return Rows.firstCall(p);
    }
  }

  /** When the agent's oldest call within the window leaves it, {@code now} when none is in it. */
  static Instant rateLimitResetsAt(Connection c, String agent, RateLimit limit, Instant now)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT MIN(created_at) FROM dialbridge_call WHERE agent = ? AND created_at > ?")) {
      p.setString(1, agent);
      setInstant(p, 2, now.minus(limit.per()));
      try (ResultSet rs = p.executeQuery()) {
        Instant oldest = rs.next() ? Rows.instant(rs, 1) : null;
        return oldest == null ? now : oldest.plus(limit.per());
      }
    }
  }

  /**
   * Creates the agent's lock row once per node, on a connection of its own and before the placing
   * transaction opens: inside it, the insert would hold a second pooled connection per first call,
   * and a burst of first calls from as many agents as the pool has connections would wait out the
   * pool's timeout. Rows are never deleted, so a row once there stays.
   */
  private void ensureAgentLockRow(String agent) {
    if (knownAgents.contains(agent)) return;
    db.read(
        c -> {
          String insert =
              db.dialect()
                  .insertIgnoringDuplicates(
                      "INSERT INTO dialbridge_agent_lock (agent) VALUES (?)", "agent");
          try (PreparedStatement p = c.prepareStatement(insert)) {
            p.setString(1, agent);
            p.executeUpdate();
          } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) throw e;
          }
          return null;
        });
    knownAgents.add(agent);
  }

  /** Takes the agent's row lock for the rest of the transaction. */
  private static void lockAgent(Connection c, String agent) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT agent FROM dialbridge_agent_lock WHERE agent = ? FOR UPDATE")) {
      p.setString(1, agent);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) throw new SQLException("agent lock row for " + agent + " is missing");
      }
    }
  }
}
