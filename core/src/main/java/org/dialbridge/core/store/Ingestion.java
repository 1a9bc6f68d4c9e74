package org.dialbridge.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
   * Links a leg to a call and moves the call by the leg's waiting events (see {@link
   * CallStore#linkLeg}).
   */
  List<Ingested> linkLeg(
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
    calls.update(c, call);
    return linked;
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
