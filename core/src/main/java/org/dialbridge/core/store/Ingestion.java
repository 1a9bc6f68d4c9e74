package org.dialbridge.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * Storing an event and moving its call, inside the caller's transaction. The call's row is locked
 * before the event is written, so events of one call apply one after the other; the provider
 * re-reads its event once the call is known ({@link EventInterpreter}); a duplicate delivery rolls
 * back whatever finding its call wrote. An event that arrived before its leg was known moves its
 * call when the leg is linked, in the order the events were stored.
 */
final class Ingestion {
  private final Correlation correlation;
  private final CallTable calls;
  private final EventTable events;

  Ingestion(Correlation correlation, CallTable calls, EventTable events) {
    this.correlation = correlation;
    this.calls = calls;
    this.events = events;
  }

  /**
   * Stores one event exactly once and moves its call forward (see {@link CallStore#ingest}). A
   * duplicate writes nothing, so many events can share one transaction; one stored concurrently by
   * another transaction makes this one start over ({@link Database.Conflict}).
   */
  Ingested ingest(
      Connection c,
      String provider,
      ProviderEvent event,
      Instant received,
      Instant since,
      EventInterpreter interpreter,
      Correlation.ContactForNewCall contactForNewCall)
      throws SQLException {
    if (events.exists(c, provider, event.eventKey())) return Ingested.duplicateDelivery();
    String callId = correlation.claimCall(c, provider, event, received, since, contactForNewCall);
    Call before = callId == null ? null : calls.lock(c, callId).orElse(null);
    ProviderEvent interpreted = before == null ? event : interpreter.interpret(event, before);
    CallEvent stored = callEvent(before == null ? null : callId, interpreted, received);
    if (!events.insert(
        c, provider, stored, event.providerCallId(), event.agentExtension(), event.number())) {
      throw new Database.Conflict("event " + event.eventKey() + " stored concurrently");
    }
    if (before == null) return new Ingested(false, stored, null, null);
    Call after = before.apply(stored);
    if (after != before) calls.update(c, after);
    return new Ingested(false, stored, before, after);
  }

  /**
   * Stores a batch of inbox events in order, each as {@link #ingest} would, with the statements of
   * the common case shared: the duplicates and legs are found in one query, and a run of events
   * whose call is known by its leg has its calls locked in one query, its events inserted in one
   * batch and each call updated once. Any other event (an unknown leg, Dialbridge's own id echoed
   * back) goes through {@link #ingest} alone, after the run before it is written.
   *
   * @return what each event did, in the order of {@code batch}
   */
  List<Ingested> ingestAll(
      Connection c, List<Inbound> batch, Duration window, InboxApplication application)
      throws SQLException {
    Known known = Known.lookUp(c, batch);
    Ingested[] results = new Ingested[batch.size()];
    List<Integer> run = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Inbound in = batch.get(i);
      ProviderEvent event = in.event();
      if (known
          .stored()
          .contains(Known.key(in.provider(), EventTable.storedKey(event.eventKey())))) {
        results[i] = Ingested.duplicateDelivery();
      } else if (event.callId() == null && known.callOf(in) != null) {
        run.add(i);
      } else {
        writeRun(c, batch, run, known, application, results);
        String provider = in.provider();
        results[i] =
            ingest(
                c,
                provider,
                event,
                in.receivedAt(),
                in.receivedAt().minus(window),
                application.interpreter(provider),
                e -> application.contactForNewCall(provider, e));
      }
    }
    writeRun(c, batch, run, known, application, results);
    return Arrays.asList(results);
  }

  /**
   * What a batch's events find stored before any is applied: the event keys stored already and the
   * leg rows of their provider call ids, each as {@code provider + '\n' + key}, read in one
   * statement (arrays joined to the unique keys, which H2 and PostgreSQL look up by index one pair
   * at a time): a query per provider and per chunk of keys cost a round trip each.
   */
  record Known(Set<String> stored, Map<String, Correlation.Leg> legs) {
    private static final String SQL =
        "SELECT 'event', e.provider, e.event_key, CAST(NULL AS VARCHAR(36))"
            + " FROM UNNEST(?, ?) v (p, k)"
            + " JOIN dialbridge_event e ON e.provider = v.p AND e.event_key = v.k"
            + " UNION ALL SELECT 'leg', l.provider, l.provider_call_id, l.call_id"
            + " FROM UNNEST(?, ?) w (p, k)"
            + " JOIN dialbridge_call_leg l ON l.provider = w.p AND l.provider_call_id = w.k";

    static String key(String provider, String key) {
      return provider + '\n' + key;
    }

    static Known lookUp(Connection c, List<Inbound> batch) throws SQLException {
      Set<String> keys = new LinkedHashSet<>();
      Set<String> legs = new LinkedHashSet<>();
      for (Inbound in : batch) {
        keys.add(key(in.provider(), EventTable.storedKey(in.event().eventKey())));
        if (in.event().providerCallId() != null)
          legs.add(key(in.provider(), in.event().providerCallId()));
      }
      Set<String> stored = new HashSet<>();
      Map<String, Correlation.Leg> found = new HashMap<>();
      try (PreparedStatement p = c.prepareStatement(SQL)) {
        bindPairs(c, p, 1, keys);
        bindPairs(c, p, 3, legs);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            String key = key(rs.getString(2), rs.getString(3));
            if (rs.getString(1).equals("event")) stored.add(key);
            else found.put(key, new Correlation.Leg(true, rs.getString(4)));
          }
        }
      }
      return new Known(stored, found);
    }

    /** Binds {@code provider + '\n' + key} pairs as an array of providers and one of keys. */
    private static void bindPairs(Connection c, PreparedStatement p, int at, Set<String> pairs)
        throws SQLException {
      String[] providers = new String[pairs.size()];
      String[] keys = new String[pairs.size()];
      int i = 0;
      for (String pair : pairs) {
        int cut = pair.indexOf('\n');
        providers[i] = pair.substring(0, cut);
        keys[i++] = pair.substring(cut + 1);
      }
      p.setArray(at, c.createArrayOf("VARCHAR", providers));
      p.setArray(at + 1, c.createArrayOf("VARCHAR", keys));
    }

    /** The call of the event's leg, when the leg was linked to one. */
    String callOf(Inbound in) {
      String providerCallId = in.event().providerCallId();
      if (providerCallId == null) return null;
      Correlation.Leg leg = legs.get(key(in.provider(), providerCallId));
      return leg == null ? null : leg.callId();
    }
  }

  /** Applies and writes a run of events whose calls are known by their legs; empties the run. */
  private void writeRun(
      Connection c,
      List<Inbound> batch,
      List<Integer> run,
      Known known,
      InboxApplication application,
      Ingested[] results)
      throws SQLException {
    if (run.isEmpty()) return;
    Set<String> callIds = new HashSet<>();
    for (int i : run) callIds.add(known.callOf(batch.get(i)));
    Map<String, Call> locked = calls.lockAll(c, callIds);
    Map<String, Call> current = new HashMap<>(locked);
    List<EventTable.NewEvent> rows = new ArrayList<>(run.size());
    for (int i : run) {
      Inbound in = batch.get(i);
      ProviderEvent event = in.event();
      String callId = known.callOf(in);
      Call before = current.get(callId);
      ProviderEvent interpreted =
          before == null ? event : application.interpreter(in.provider()).interpret(event, before);
      CallEvent storedEvent =
          callEvent(before == null ? null : callId, interpreted, in.receivedAt());
      rows.add(
          new EventTable.NewEvent(
              in.provider(),
              storedEvent,
              event.providerCallId(),
              event.agentExtension(),
              event.number()));
      if (before == null) {
        results[i] = new Ingested(false, storedEvent, null, null);
        continue;
      }
      Call after = before.apply(storedEvent);
      current.put(callId, after);
      results[i] = new Ingested(false, storedEvent, before, after);
    }
    events.insertAll(c, rows);
    List<Call> changed = new ArrayList<>();
    for (Map.Entry<String, Call> e : current.entrySet()) {
      if (!e.getValue().equals(locked.get(e.getKey()))) changed.add(e.getValue());
    }
    calls.updateAll(c, changed);
    run.clear();
  }

  /**
   * Links a leg to a call and moves the call by the leg's waiting events (see {@link
   * CallStore#linkLeg}).
   */
  PlacedLink linkLeg(
      Connection c,
      String callId,
      String provider,
      String providerCallId,
      boolean primary,
      EventInterpreter interpreter)
      throws SQLException {
    correlation.claimLeg(
        c, provider, providerCallId, correlation.leg(c, provider, providerCallId), callId);
    if (primary) calls.setProviderCallId(c, callId, providerCallId);
    Call call = calls.lock(c, callId).orElseThrow(() -> new SQLException("no call " + callId));
    List<Ingested> linked = new ArrayList<>();
    for (EventTable.Unlinked waiter : events.unlinkedOf(c, provider, providerCallId)) {
      CallEvent event =
          callEvent(
              callId, interpreter.interpret(waiter.parsed(), call), waiter.event().receivedAt());
      events.link(c, waiter.id(), event);
      Call after = call.apply(event);
      linked.add(new Ingested(false, event, call, after));
      call = after;
    }
    if (!linked.isEmpty()) calls.update(c, call); // else the row is as locked
    return new PlacedLink(linked, call);
  }

  private static CallEvent callEvent(String callId, ProviderEvent e, Instant receivedAt) {
    return new CallEvent(
        callId,
        e.type(),
        e.status(),
        e.cause(),
        e.rawCause(),
        e.occurredAt() == null ? null : e.occurredAt().truncatedTo(ChronoUnit.MILLIS),
        receivedAt,
        e.eventKey(),
        e.payload());
  }
}
