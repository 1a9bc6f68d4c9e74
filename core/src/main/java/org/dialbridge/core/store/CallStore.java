package org.dialbridge.core.store;

import static org.dialbridge.core.store.Rows.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.dialbridge.core.config.RateLimit;
import org.dialbridge.core.config.StoreSettings;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * Calls and their events over plain JDBC (H2 or PostgreSQL), the only state Dialbridge shares
 * between CRM nodes.
 *
 * <p>Each event is stored exactly once: a unique key on (provider, event key) makes a duplicate or
 * concurrent redelivery a no-op. An event finds its call through the call's legs (the provider's
 * call ids), Dialbridge's own id when the provider echoes it, a call just placed to the same number
 * whose provider id is not known yet (all of the event's own provider), or the one call still
 * ringing on the agent's extension; else it is stored unlinked and
 * linked later when the provider's call id becomes known. Storing an event and moving its call
 * happen in one transaction: a failure leaves neither.
 */
public final class CallStore implements AutoCloseable {
  private final Database db;
  private final Clock clock;
  private final AutoCloseable ownedPool;
  private final CallTable calls;
  private final EventTable events;
  private final Placements placements;

  private CallStore(DataSource dataSource, Clock clock, AutoCloseable ownedPool) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.ownedPool = ownedPool;
    this.db = new Database(dataSource);
    try (Connection c = dataSource.getConnection()) {
      Schema.migrate(c, db.dialect());
    } catch (SQLException e) {
      throw new StoreUnavailableException("the call store's schema could not be created: " + e.getMessage(), e);
    }
    this.calls = new CallTable(clock);
    this.events = new EventTable(db.dialect());
    this.placements = new Placements(db, calls, events);
  }

  /** A store over the host's (or a test's) {@code DataSource}; creates or upgrades the schema. */
  public static CallStore open(DataSource dataSource, Clock clock) {
    return new CallStore(dataSource, clock, null);
  }

  /**
   * A store as configured: the host's DataSource by JNDI name, or a pool over the JDBC URL whose
   * driver is loaded through the webapp's class loader.
   *
   * @throws org.dialbridge.core.error.ConfigException when the URL's JDBC driver is missing
   * @throws StoreUnavailableException when the database cannot be reached
   */
  public static CallStore open(StoreSettings settings, Clock clock) {
    if (settings.jndiName() != null) {
      try {
        DataSource ds = (DataSource) new InitialContext().lookup(settings.jndiName());
        return new CallStore(ds, clock, null);
      } catch (NamingException | ClassCastException e) {
        throw new StoreUnavailableException("no DataSource under JNDI name " + settings.jndiName()
            + " (dialbridge.store.jndi-name)", e);
      }
    }
    JdbcPool pool = JdbcPool.open(settings);
    try {
      return new CallStore(pool.dataSource(), clock, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The schema version in the database. */
  public int schemaVersion() {
    return db.read(Schema::version);
  }

  /** Answers when the database is reachable. @throws StoreUnavailableException when it is not */
  public void ping() {
    db.read(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
        return rs.next();
      }
    });
  }

  // ---------------------------------------------------------------- calls placed by Dialbridge

  /**
   * Records a call about to be placed and its {@code PLACED} event, unless the agent reached the
   * rate limit or, with {@code oneLiveCall}, is on a live call already. The checks and the insert
   * run under a per-agent lock, so they hold across nodes sharing the database and across tabs.
   */
  public Placement insertPlaced(Call call, CallEvent placed, RateLimit limit, boolean oneLiveCall) {
    return placements.place(call, placed, limit, oneLiveCall);
  }

  /** {@link #insertPlaced(Call, CallEvent, RateLimit, boolean)} without the live-call check. @return false when rate limited */
  public boolean insertPlaced(Call call, CallEvent placed, RateLimit limit) {
    return insertPlaced(call, placed, limit, false).outcome() == Placement.Outcome.PLACED;
  }

  /** The agent's live call, if they have one. */
  public Optional<Call> liveCallOf(String agent) {
    return db.read(c -> Placements.liveCallOf(c, agent));
  }

  /** When the agent's oldest call within the rate-limit window leaves it (for {@code Retry-After}). */
  public Instant rateLimitResetsAt(String agent, RateLimit limit) {
    Instant now = clock.instant();
    return db.read(c -> Placements.rateLimitResetsAt(c, agent, limit, now));
  }

  /**
   * Links a provider call id (a leg) to a call and moves the call by any events of that leg that
   * arrived before the link was known. With {@code primary} the id also becomes the call's
   * {@code providerCallId}.
   *
   * @return the events linked by this, each with the call before and after it
   */
  public List<Ingested> linkLeg(String callId, String provider, String providerCallId, boolean primary,
      EventInterpreter interpreter) {
    return db.inTransaction(c -> {
      claimLeg(c, provider, providerCallId, leg(c, provider, providerCallId), callId);
      if (primary) calls.setProviderCallId(c, callId, providerCallId);
      Call call = calls.lock(c, callId).orElseThrow(() -> new SQLException("no call " + callId));
      List<Ingested> linked = new ArrayList<>();
      for (EventTable.Unlinked waiter : events.unlinkedOf(c, provider, providerCallId)) {
        CallEvent event = toCallEvent(callId, interpreter.interpret(waiter.parsed(), call), waiter.event().receivedAt());
        events.link(c, waiter.id(), event);
        Call after = call.apply(event);
        linked.add(new Ingested(false, event, call, after));
        call = after;
      }
      calls.update(c, call);
      return linked;
    });
  }

  // ---------------------------------------------------------------- events

  /**
   * Stores one event exactly once and moves its call forward.
   *
   * @param contactForNewCall the CRM contact to create a call for when the event belongs to no
   *     known call (the host's ContactDirectory matched its number); null to store it unlinked
   * @param window how far back a live call may have started to be matched by number or extension
   * @throws StoreUnavailableException when the database fails; nothing was written
   */
  public Ingested ingest(String provider, ProviderEvent event, Instant receivedAt, EventInterpreter interpreter,
      String contactForNewCall, Duration window) {
    Instant received = receivedAt.truncatedTo(ChronoUnit.MILLIS);
    return db.inTransaction(c -> {
      Leg leg = leg(c, provider, event.providerCallId());
      String callId = resolve(c, provider, event, leg, received, received.minus(window));
      if (callId == null && contactForNewCall != null && event.providerCallId() != null) {
        callId = insertExternalCall(c, provider, event, received, contactForNewCall);
      }
      if (event.providerCallId() != null) {
        callId = claimLeg(c, provider, event.providerCallId(), leg, callId);
      }
      Call before = callId == null ? null : calls.lock(c, callId).orElse(null);
      ProviderEvent interpreted = before == null ? event : interpreter.interpret(event, before);
      CallEvent stored = toCallEvent(before == null ? null : callId, interpreted, received);
      if (!events.insert(c, provider, stored, event.providerCallId(), event.agentExtension(), event.number())) {
        c.rollback();
        return Ingested.duplicateDelivery();
      }
      if (before == null) return new Ingested(false, stored, null, null);
      Call after = before.apply(stored);
      if (after != before) calls.update(c, after);
      return new Ingested(false, stored, before, after);
    });
  }

  /** The call an event would be linked to now, without writing (for a look-up before ingesting). */
  public Optional<String> resolveCallId(String provider, ProviderEvent event, Duration window) {
    Instant now = clock.instant();
    return Optional.ofNullable(db.read(c -> resolve(c, provider, event, leg(c, provider, event.providerCallId()), now,
        now.minus(window))));
  }

  /** The leg row of a provider's call id, as read once per event: whether it exists, and its call. */
  private record Leg(boolean exists, String callId) {
    static final Leg NONE = new Leg(false, null);
  }

  private static Leg leg(Connection c, String provider, String providerCallId) throws SQLException {
    if (providerCallId == null) return Leg.NONE;
    try (PreparedStatement p = c.prepareStatement(
        "SELECT call_id FROM dialbridge_call_leg WHERE provider = ? AND provider_call_id = ?")) {
      p.setString(1, provider);
      p.setString(2, providerCallId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? new Leg(true, rs.getString(1)) : Leg.NONE;
      }
    }
  }

  private String resolve(Connection c, String provider, ProviderEvent event, Leg leg, Instant receivedAt, Instant since)
      throws SQLException {
    // only a call of the provider the event was authenticated for: another provider's credentials never move it
    if (event.callId() != null && calls.isOf(c, provider, event.callId())) return event.callId();
    if (event.providerCallId() != null) {
      if (leg.callId() != null) return leg.callId();
      if (event.number() != null) {
        // the webhook outran the provider's HTTP answer: a call just placed to this number has no provider id yet
        String sql = "SELECT id FROM dialbridge_call WHERE live = TRUE AND provider = ? AND provider_call_id IS NULL "
            + "AND to_number = ? AND created_at > ?" + (event.agentExtension() != null ? " AND agent_extension = ?" : "")
            + " ORDER BY created_at DESC, id DESC LIMIT 1";
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setString(1, provider);
          p.setString(2, event.number());
          setInstant(p, 3, since);
          if (event.agentExtension() != null) p.setString(4, event.agentExtension());
          try (ResultSet rs = p.executeQuery()) {
            if (rs.next()) return rs.getString(1);
          }
        }
      }
      return null;
    }
    if (event.agentExtension() != null) {
      return RingingCalls.onExtension(c, provider, event.agentExtension(), event.number(), receivedAt, since).orElse(null);
    }
    return null;
  }

  /**
   * Makes sure the leg row exists and returns the call it belongs to. The row doubles as the lock
   * that orders an event racing the provider's answer against the write of that answer: whichever
   * inserts it second sees the first's call id.
   */
  private String claimLeg(Connection c, String provider, String providerCallId, Leg leg, String callId)
      throws SQLException {
    if (!leg.exists()) {
      String insert = db.dialect().insertIgnoringDuplicates(
          "INSERT INTO dialbridge_call_leg (provider, provider_call_id, call_id) VALUES (?, ?, ?)",
          "provider, provider_call_id");
      try (PreparedStatement p = c.prepareStatement(insert)) {
        p.setString(1, provider);
        p.setString(2, providerCallId);
        p.setString(3, callId);
        if (p.executeUpdate() == 0) throw new Database.Conflict("leg inserted concurrently");
      } catch (SQLException e) {
        if (Database.isDuplicateKey(e)) throw new Database.Conflict("leg inserted concurrently");
        throw e;
      }
      return callId;
    }
    if (leg.callId() == null && callId != null) {
      try (PreparedStatement p = c.prepareStatement("UPDATE dialbridge_call_leg SET call_id = ? "
          + "WHERE provider = ? AND provider_call_id = ? AND call_id IS NULL")) {
        p.setString(1, callId);
        p.setString(2, provider);
        p.setString(3, providerCallId);
        // another transaction linked the leg since we read it: start over and take its call
        if (p.executeUpdate() == 0) throw new Database.Conflict("leg linked concurrently");
      }
      return callId;
    }
    return leg.callId() != null ? leg.callId() : callId;
  }

  private String insertExternalCall(Connection c, String provider, ProviderEvent event, Instant received, String contactId)
      throws SQLException {
    Instant at = event.occurredAt() != null ? event.occurredAt().truncatedTo(ChronoUnit.MILLIS) : received;
    Call call = new Call(UUID.randomUUID().toString(), provider, event.providerCallId(), contactId, null,
        event.agentExtension(), event.agentExtension(), event.number(), CallStatus.DIALING, null, null, at, null, null, null);
    calls.insert(c, call);
    return call.id();
  }

  // ---------------------------------------------------------------- reading

  public Optional<Call> call(String id) {
    return db.read(c -> calls.find(c, id));
  }

  /** Several calls by id, for watchers; missing ids are left out. */
  public Map<String, Call> calls(Collection<String> ids) {
    if (ids.isEmpty()) return Map.of();
    return db.read(c -> calls.findAll(c, ids));
  }

  /**
   * A call's events in the order they happened (provider time, else receipt), those reported
   * before the call was created (a replay, a clock behind) counted as happening at its creation.
   */
  public List<CallEvent> events(String callId) {
    return db.read(c -> events.ofCall(c, callId));
  }

  /** The provider call ids of a call's legs, the first leg first. */
  public List<String> legs(String callId) {
    return db.read(c -> {
      List<String> legs = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT l.provider_call_id FROM dialbridge_call_leg l "
          + "JOIN dialbridge_call k ON k.id = l.call_id WHERE l.call_id = ? "
          + "ORDER BY CASE WHEN l.provider_call_id = k.provider_call_id THEN 0 ELSE 1 END, l.provider_call_id")) {
        p.setString(1, callId);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) legs.add(rs.getString(1));
        }
      }
      return legs;
    });
  }

  /**
   * A contact's calls, newest first.
   *
   * @param agent only this agent's calls, or null for everyone's
   * @param cursor the {@code next} of the previous page, or null for the first page
   * @throws IllegalArgumentException for a cursor this store did not hand out
   */
  public HistoryPage history(String contactId, String agent, String cursor, int limit) {
    History.Cursor after = History.after(cursor, limit);
    return db.read(c -> History.page(c, contactId, agent, after, limit));
  }

  /** Calls still live that started before {@code before}, oldest first: candidates for the reconciler. */
  public List<Call> liveCallsStartedBefore(Instant before, int limit) {
    return db.read(c -> calls.liveStartedBefore(c, before, limit));
  }

  @Override
  public void close() {
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception ignored) {
        // closing idle connections: nothing to report
      }
    }
  }

  private static CallEvent toCallEvent(String callId, ProviderEvent e, Instant receivedAt) {
    return new CallEvent(callId, e.type(), e.status(), e.cause(), e.rawCause(),
        e.occurredAt() == null ? null : e.occurredAt().truncatedTo(ChronoUnit.MILLIS), receivedAt, e.eventKey(), e.payload());
  }
}
