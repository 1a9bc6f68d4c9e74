package org.dialbridge.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.EventType;
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
  private final InboundTable inbound;

  Ingestion(Correlation correlation, CallTable calls, EventTable events, InboundTable inbound) {
    this.correlation = correlation;
    this.calls = calls;
    this.events = events;
    this.inbound = inbound;
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
   * Stores a batch of inbox events in order, each as {@link #ingest} would, in a few statements for
   * the whole batch rather than several per event: the applier waits on each round trip. The
   * duplicates and leg rows are looked up in one query and the calls known by their legs locked in
   * one; the batch then moves its calls in memory and writes them, its events and its new legs at
   * its end, one batch of rows each. An event whose leg is unknown still reads what finding its
   * call needs (a call just placed to its number, one ringing on its extension, an echoed id) as it
   * comes, the batch's calls written first when that read would see them stale.
   *
   * @return what each event did, in the order of {@code batch}
   */
  List<Ingested> ingestAll(
      Connection c, List<Inbound> batch, Duration window, InboxApplication application)
      throws SQLException {
    Batch applying = new Batch(c, application, batch);
    List<Ingested> results = new ArrayList<>(batch.size());
    for (Inbound in : batch) results.add(applying.apply(in, window));
    applying.write();
    return results;
  }

  /** An event of the batch stored without a call: its place among the batch's new events. */
  private record Waiting(int index, ProviderEvent event, Instant receivedAt) {}

  private static String key(String provider, String key) {
    return provider + '\n' + key;
  }

  /**
   * For each event (arrays of provider, key as stored and provider call id), whether its key is
   * stored and its leg row's call ('' for a row without a call, NULL for none). Scalar subqueries
   * so each is an index probe on H2 and PostgreSQL alike: joined to the arrays instead, PostgreSQL
   * hash-joined a whole table for 1,024 keys of a table of 50,000 rows (8.9 ms, 2.8 ms probed).
   */
  static final String LOOK_UP =
      "SELECT v.p, v.k, v.l,"
          + " (SELECT 1 FROM dialbridge_event e WHERE e.provider = v.p AND e.event_key = v.k),"
          + " (SELECT COALESCE(l.call_id, '') FROM dialbridge_call_leg l"
          + " WHERE l.provider = v.p AND l.provider_call_id = v.l)"
          + " FROM UNNEST(?, ?, ?) v (p, k, l)";

  /**
   * One batch being applied: what it found stored, the calls it holds (locked, or created by it) as
   * moved so far, and the rows it writes at its end.
   */
  private final class Batch implements Correlation.Held {
    private final Connection c;
    private final InboxApplication application;

    /** Keys of the events stored, before the batch or by it. */
    private final Set<String> stored = new HashSet<>();

    /**
     * The leg rows whose state is known for the rest of the transaction: linked ones (a leg stays
     * linked), those missing when looked up (inserting one that another transaction inserted since
     * is a conflict, so the batch starts over), and those this batch inserts or links. A leg row
     * found without a call is left out: another transaction may link it, so it is read again.
     */
    private final Map<String, Correlation.Leg> legs = new HashMap<>();

    /** The calls as the database has them in this transaction (locked) by id. */
    private final Map<String, Call> written = new HashMap<>();

    /** The calls the batch holds, as its events moved them so far, by id. */
    private final Map<String, Call> held = new LinkedHashMap<>();

    private final List<EventTable.NewEvent> newEvents = new ArrayList<>();
    private final List<InboundTable.NewInbound> newInbound = new ArrayList<>();

    /** Events of this batch stored without a call, by leg, until an event of it finds one. */
    private final Map<String, List<Waiting>> unlinked = new HashMap<>();

    private final Map<String, Correlation.NewLeg> newLegs = new LinkedHashMap<>();

    Batch(Connection c, InboxApplication application, List<Inbound> batch) throws SQLException {
      this.c = c;
      this.application = application;
      lookUp(batch);
      Set<String> callIds = new TreeSet<>();
      for (Inbound in : batch) {
        if (stored.contains(key(in.provider(), EventTable.storedKey(in.event().eventKey()))))
          continue;
        Correlation.Leg leg = knownLeg(in.provider(), in.event().providerCallId());
        if (leg != null && leg.callId() != null) callIds.add(leg.callId());
      }
      Map<String, Call> locked = calls.lockAll(c, callIds);
      written.putAll(locked);
      held.putAll(locked);
    }

    private void lookUp(List<Inbound> batch) throws SQLException {
      String[] providers = new String[batch.size()];
      String[] keys = new String[batch.size()];
      String[] providerCallIds = new String[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        providers[i] = batch.get(i).provider();
        keys[i] = EventTable.storedKey(batch.get(i).event().eventKey());
        providerCallIds[i] = batch.get(i).event().providerCallId();
      }
      try (PreparedStatement p = c.prepareStatement(LOOK_UP)) {
        p.setArray(1, c.createArrayOf("VARCHAR", providers));
        p.setArray(2, c.createArrayOf("VARCHAR", keys));
        p.setArray(3, c.createArrayOf("VARCHAR", providerCallIds));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            String provider = rs.getString(1);
            if (rs.getObject(4) != null) stored.add(key(provider, rs.getString(2)));
            String providerCallId = rs.getString(3);
            String callId = rs.getString(5);
            if (providerCallId == null || "".equals(callId)) continue;
            legs.put(
                key(provider, providerCallId),
                callId == null ? Correlation.Leg.NONE : new Correlation.Leg(true, callId));
          }
        }
      }
    }

    /** The leg row of a provider call id when its state is known, else null. */
    private Correlation.Leg knownLeg(String provider, String providerCallId) {
      return providerCallId == null
          ? Correlation.Leg.NONE
          : legs.get(key(provider, providerCallId));
    }

    Ingested apply(Inbound in, Duration window) throws SQLException {
      String provider = in.provider();
      ProviderEvent event = in.event();
      // first: an event of a provider no longer configured cannot be read, and is parked with why
      EventInterpreter interpreter = application.interpreter(provider);
      // stored before, or earlier in this batch (two nodes appended it at once): a duplicate
      if (!stored.add(key(provider, EventTable.storedKey(event.eventKey()))))
        return Ingested.duplicateDelivery();
      Correlation.Leg leg = knownLeg(provider, event.providerCallId());
      if (leg == null) {
        leg = correlation.leg(c, provider, event.providerCallId());
        if (leg.callId() != null) legs.put(key(provider, event.providerCallId()), leg);
      }
      // a leg linked to a call decides, whatever else the event says (as claimCall finds it)
      String callId = leg.callId() != null ? leg.callId() : claimCall(in, leg, window);
      Call before = callId == null ? null : hold(callId);
      ProviderEvent interpreted = before == null ? event : interpreter.interpret(event, before);
      CallEvent storedEvent =
          callEvent(before == null ? null : callId, interpreted, in.receivedAt());
      newEvents.add(
          new EventTable.NewEvent(
              provider,
              storedEvent,
              event.providerCallId(),
              event.agentExtension(),
              event.number()));
      if (before == null) {
        if (event.providerCallId() != null) {
          unlinked
              .computeIfAbsent(key(provider, event.providerCallId()), k -> new ArrayList<>())
              .add(new Waiting(newEvents.size() - 1, event, in.receivedAt()));
        }
        return new Ingested(false, storedEvent, null, null);
      }
      Call after = answeredBy(provider, event, before.apply(storedEvent));
      held.put(callId, after);
      return new Ingested(false, storedEvent, before, after);
    }

    /**
     * An inbound call that rang several agents, or one that another agent picked up: the event
     * naming who answered makes them its agent.
     */
    private Call answeredBy(String provider, ProviderEvent event, Call call) {
      if (!call.inbound()
          || event.type() != EventType.ANSWERED
          || event.agentExtension() == null
          || event.agentExtension().equals(call.agentExtension())) return call;
      String user = application.agentFor(provider, event.agentExtension());
      return user == null ? call : call.withAgent(user, event.agentExtension());
    }

    /**
     * {@link Correlation#claimCall} for an event whose leg has no call: its external call and its
     * leg row are written with the batch, a leg row found without a call is linked now.
     */
    private String claimCall(Inbound in, Correlation.Leg leg, Duration window) throws SQLException {
      String provider = in.provider();
      ProviderEvent event = in.event();
      String callId =
          correlation.resolve(
              c, provider, event, leg, in.receivedAt(), in.receivedAt().minus(window), this);
      boolean created = false;
      if (callId == null && event.providerCallId() != null) {
        Call call = newCall(in);
        if (call != null) {
          held.put(call.id(), call);
          callId = call.id();
          created = true;
        }
      }
      String providerCallId = event.providerCallId();
      if (providerCallId == null) return callId;
      String key = key(provider, providerCallId);
      boolean storedBefore = leg.exists() && !newLegs.containsKey(key);
      if (!storedBefore) {
        newLegs.put(key, new Correlation.NewLeg(provider, providerCallId, callId));
        legs.put(key, new Correlation.Leg(true, callId));
      } else if (callId != null) {
        Correlation.linkLeg(c, provider, providerCallId, callId);
        legs.put(key, new Correlation.Leg(true, callId));
      }
      if (created) linkWaiting(in, callId, storedBefore);
      return callId;
    }

    /**
     * The events of a leg stored without a call, before this batch or earlier in it (an {@code
     * answered} that outran its {@code ringing}), now that an event of the leg created its call:
     * linked to it and moving it, as {@link Ingestion#linkLeg} does for a leg the provider's answer
     * names.
     */
    private void linkWaiting(Inbound in, String callId, boolean storedBefore) throws SQLException {
      String provider = in.provider();
      String providerCallId = in.event().providerCallId();
      List<Waiting> batchWaiting = unlinked.remove(key(provider, providerCallId));
      List<EventTable.Unlinked> stored =
          storedBefore ? events.unlinkedOf(c, provider, providerCallId) : List.of();
      if (stored.isEmpty() && batchWaiting == null) return;
      EventInterpreter interpreter = application.interpreter(provider);
      Call call = hold(callId);
      for (EventTable.Unlinked waiter : stored) {
        CallEvent linked =
            callEvent(
                callId, interpreter.interpret(waiter.parsed(), call), waiter.event().receivedAt());
        events.link(c, waiter.id(), linked);
        call = call.apply(linked);
      }
      for (Waiting waiter : batchWaiting == null ? List.<Waiting>of() : batchWaiting) {
        EventTable.NewEvent was = newEvents.get(waiter.index());
        CallEvent linked =
            callEvent(callId, interpreter.interpret(waiter.event(), call), waiter.receivedAt());
        newEvents.set(
            waiter.index(),
            new EventTable.NewEvent(
                provider, linked, was.providerCallId(), was.agentExtension(), was.number()));
        call = call.apply(linked);
      }
      held.put(callId, call);
    }

    /**
     * The call an event of no known call starts: an inbound call, routed; else an external call of
     * the CRM contact its number matches; else none.
     */
    private Call newCall(Inbound in) {
      String provider = in.provider();
      ProviderEvent event = in.event();
      if (event.startsInbound()) {
        InboundTable.NewInbound arriving =
            InboundTable.arriving(
                provider, event, in.receivedAt(), application.route(provider, event));
        newInbound.add(arriving);
        return arriving.call();
      }
      String contact = application.contactForNewCall(provider, event);
      return contact == null
          ? null
          : Correlation.externalCall(provider, event, in.receivedAt(), contact);
    }

    /** The call, held: as the batch moved it, else locked now. Null when there is none. */
    private Call hold(String callId) throws SQLException {
      Call call = held.get(callId);
      if (call != null) return call;
      call = calls.lock(c, callId).orElse(null);
      if (call != null) {
        written.put(callId, call);
        held.put(callId, call);
      }
      return call;
    }

    @Override
    public Boolean isOf(String callId, String provider) {
      Call call = held.get(callId);
      return call == null ? null : call.provider().equals(provider);
    }

    /**
     * Matching by number reads whether a call without a provider id is live; by extension, the
     * status of calls on it: a held call whose status moved would be read as it was, and a created
     * one on an extension not at all. Only then are the calls written before.
     */
    @Override
    public void beforeMatching(boolean byExtension) throws SQLException {
      for (Call call : held.values()) {
        Call was = written.get(call.id());
        boolean stale =
            was == null
                ? byExtension && call.agentExtension() != null
                : was.status() != call.status() && (byExtension || call.providerCallId() == null);
        if (stale) {
          writeCalls();
          return;
        }
      }
    }

    private void writeCalls() throws SQLException {
      List<Call> created = new ArrayList<>();
      List<Call> changed = new ArrayList<>();
      for (Call call : held.values()) {
        Call was = written.get(call.id());
        if (was == null) created.add(call);
        else if (!was.equals(call)) changed.add(call);
      }
      calls.insertAll(c, created);
      calls.updateAll(c, changed);
      for (Call call : created) written.put(call.id(), call);
      for (Call call : changed) written.put(call.id(), call);
    }

    /**
     * Writes what the batch holds: its calls, its events in order, its new legs.
     *
     * @throws Database.Conflict when another transaction stored one of its events or legs since
     */
    void write() throws SQLException {
      writeCalls();
      inbound.insertAll(c, newInbound);
      events.insertAll(c, newEvents);
      correlation.insertLegs(c, newLegs.values());
    }
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
    // most legs are new: the insert first, the leg read only when it was there already
    if (!correlation.insertedLeg(c, provider, providerCallId, callId)) {
      correlation.claimLeg(
          c, provider, providerCallId, correlation.leg(c, provider, providerCallId), callId);
    }
    Call call =
        (primary
                ? calls.setProviderCallIdAndLock(c, callId, providerCallId)
                : calls.lock(c, callId))
            .orElseThrow(() -> new SQLException("no call " + callId));
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
