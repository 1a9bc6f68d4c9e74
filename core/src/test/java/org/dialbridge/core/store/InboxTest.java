package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dialbridge.core.config.RateLimit;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.testing.AsIs;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.FlakyDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The webhook inbox's promises, on H2 and on a real PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(Databases.Kind.class)
class InboxTest {
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  private static final RateLimit LIMIT = new RateLimit(1_000, Duration.ofMinutes(1));

  @Parameter Databases.Kind kind;

  private FlakyDataSource dataSource;
  private CallStore store;

  @BeforeEach
  void open() {
    dataSource = new FlakyDataSource(Databases.fresh(kind));
    store = CallStore.open(dataSource, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Call place(String id, String providerCallId) {
    return placeIn(store, id, providerCallId);
  }

  private static Call placeIn(CallStore store, String id, String providerCallId) {
    Call call = Call.placed(id, "bm", "contact-" + id, "ana", "6001", "6001", "+5511", T0);
    CallEvent placed =
        new CallEvent(
            id,
            EventType.PLACED,
            CallStatus.DIALING,
            null,
            null,
            T0,
            T0,
            "dialbridge|placed|" + id,
            "{}");
    assertThat(store.insertPlaced(call, placed, LIMIT)).isTrue();
    store.linkLeg(id, "bm", providerCallId, true, EventInterpreter.AS_IS);
    return call;
  }

  private static Inbound answered(String providerCallId) {
    return new Inbound(
        "bm",
        ProviderEvent.builder("answered|" + providerCallId, EventType.ANSWERED, "{}")
            .status(CallStatus.ANSWERED)
            .providerCallId(providerCallId)
            .occurredAt(T0.plusSeconds(1))
            .build(),
        T0.plusSeconds(1));
  }

  private static Inbound hungUp(String providerCallId) {
    return new Inbound(
        "bm",
        ProviderEvent.builder("hangup|" + providerCallId, EventType.HANGUP, "{}")
            .ended(HangupCause.NORMAL_CLEARING, "16")
            .providerCallId(providerCallId)
            .occurredAt(T0.plusSeconds(9))
            .build(),
        T0.plusSeconds(9));
  }

  @Test
  void anEventIsAppendedOnceWhetherWaitingAppliedOrTwiceInOneBatch() {
    place("c1", "p1");

    assertThat(store.appendToInbox(List.of(answered("p1"), answered("p1"), hungUp("p1"))))
        .containsExactly(true, false, true);
    assertThat(store.appendToInbox(List.of(answered("p1")))).containsExactly(false);
    assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(2, 0));

    assertThat(store.applyInbox(100, AsIs.APPLICATION)).hasSize(2);
    assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(0, 0));
    assertThat(store.appendToInbox(List.of(hungUp("p1")))).containsExactly(false);
  }

  @Test
  void anEventStoredMeanwhileOrInTheInboxTwiceIsStoredOnce() throws Exception {
    place("c1", "p1");
    place("c2", "p2");
    store.appendToInbox(List.of(answered("p1"), answered("p2"), hungUp("p2")));
    // two nodes appended the same events at once
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      String columns = "provider, event_key, type, provider_call_id, status, received_at, payload";
      s.executeUpdate(
          "INSERT INTO dialbridge_inbox ("
              + columns
              + ") SELECT "
              + columns
              + " FROM dialbridge_inbox ORDER BY id");
    }
    // and one was applied meanwhile by a node that stored it alone
    store.ingest(
        "bm",
        answered("p1").event(),
        T0.plusSeconds(1),
        EventInterpreter.AS_IS,
        null,
        CallStore.CORRELATION_WINDOW);

    List<Applied> applied = store.applyInbox(100, AsIs.APPLICATION);

    assertThat(applied)
        .extracting(a -> a.event().eventKey() + (a.result().duplicate() ? " again" : ""))
        .containsExactly(
            "answered|p1 again",
            "answered|p2",
            "hangup|p2",
            "answered|p1 again",
            "answered|p2 again",
            "hangup|p2 again");
    assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(0, 0));
    assertThat(store.events("c2")).hasSize(3);
    assertThat(store.call("c2").orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
  }

  @Test
  void aRedeliveryWhileTheApplierHoldsItsEventDoesNotWaitForIt() throws Exception {
    place("c1", "p1");
    store.appendToInbox(List.of(answered("p1")));
    try (java.sql.Connection applier = dataSource.getConnection()) {
      applier.setAutoCommit(false);
      try (java.sql.Statement s = applier.createStatement()) {
        // as the applier's transaction does once the event is applied, not committed yet
        s.executeUpdate("DELETE FROM dialbridge_inbox WHERE event_key = 'answered|p1'");
      }
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        Future<boolean[]> redelivery =
            other.submit(() -> store.appendToInbox(List.of(answered("p1"))));
        assertThat(redelivery.get(5, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(false);
      } finally {
        other.shutdownNow();
        applier.rollback();
      }
    }
  }

  @Test
  void theApplierMovesTheCallInTheOrderEventsWereAcceptedAndEmptiesTheInbox() {
    place("c1", "p1");
    store.appendToInbox(List.of(answered("p1")));
    store.appendToInbox(List.of(hungUp("p1")));

    List<Applied> applied = store.applyInbox(100, AsIs.APPLICATION);

    assertThat(applied)
        .extracting(a -> a.result().after().status())
        .containsExactly(CallStatus.ANSWERED, CallStatus.COMPLETED);
    assertThat(store.call("c1").orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(store.events("c1")).hasSize(3);
    assertThat(store.applyInbox(100, AsIs.APPLICATION)).isEmpty();
  }

  @Test
  void batchesOfEverySizeAreAppendedWhole() {
    for (int size : new int[] {1, 3, 4, 17, 64, 85, 200}) {
      List<Inbound> events = new ArrayList<>();
      for (int i = 0; i < size; i++) events.add(answered("size" + size + "-" + i));
      boolean[] appended = store.appendToInbox(events);
      assertThat(appended).hasSize(size).doesNotContain(false);
    }
    assertThat(store.inboxCounts().pending()).isEqualTo(1 + 3 + 4 + 17 + 64 + 85 + 200);
  }

  @Test
  void aPoisonEventIsParkedWithItsErrorAndTheOthersApply() {
    place("c1", "p1");
    place("c2", "p2");
    store.appendToInbox(List.of(answered("p1"), answered("p2"), hungUp("p2")));
    InboxApplication poisonOnP2 =
        new InboxApplication() {
          @Override
          public EventInterpreter interpreter(String provider) {
            return (event, call) -> {
              if (event.eventKey().equals("answered|p2"))
                throw new IllegalStateException("cannot read this one");
              return event;
            };
          }

          @Override
          public String contactForNewCall(String provider, ProviderEvent event) {
            return null;
          }
        };

    List<Applied> applied = store.applyInbox(100, poisonOnP2);

    assertThat(applied)
        .extracting(a -> a.event().eventKey())
        .containsExactly("answered|p1", "hangup|p2");
    assertThat(store.call("c1").orElseThrow().status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(store.call("c2").orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(0, 1));
    ParkedEvent parked = store.parkedEvents(10).get(0);
    assertThat(parked.eventKey()).isEqualTo("answered|p2");
    assertThat(parked.providerCallId()).isEqualTo("p2");
    assertThat(parked.error()).contains("cannot read this one");
    assertThat(store.applyInbox(100, poisonOnP2)).isEmpty();

    assertThat(store.retryParked(parked.id())).isTrue();
    assertThat(store.retryParked(parked.id())).isFalse();
    assertThat(store.applyInbox(100, AsIs.APPLICATION)).hasSize(1);
    assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(0, 0));
  }

  @Test
  void theStoreDownRefusesTheWholeBatchAndParksNothing() {
    place("c1", "p1");
    store.appendToInbox(List.of(answered("p1")));
    dataSource.down(true);

    assertThatThrownBy(() -> store.appendToInbox(List.of(hungUp("p1"))))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.applyInbox(100, AsIs.APPLICATION))
        .isInstanceOf(StoreUnavailableException.class);

    dataSource.down(false);
    assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(1, 0));
    assertThat(store.applyInbox(100, AsIs.APPLICATION)).hasSize(1);
  }

  @Test
  void aBatchMovesCallsExactlyAsTheSameEventsOneByOne() {
    // the same shuffled events: applied through the inbox in batches, and ingested one at a time
    CallStore oneByOne = CallStore.open(Databases.fresh(kind), Clock.fixed(T0, ZoneOffset.UTC));
    try {
      java.util.Random random = new java.util.Random(20261201L);
      List<Inbound> events = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        for (CallStore s : List.of(store, oneByOne)) placeIn(s, "c" + i, "p" + i);
        events.add(answered("p" + i));
        events.add(hungUp("p" + i));
        if (i % 3 == 0) events.add(answered("p" + i)); // a redelivery
        if (i % 4 == 0) events.add(echoingOurId("c" + i)); // Dialbridge's id echoed: one alone
        if (i % 5 == 0) events.add(answered("unknown" + i)); // a leg nobody placed: unlinked
      }
      java.util.Collections.shuffle(events, random);

      for (int from = 0; from < events.size(); from += 7) {
        store.appendToInbox(events.subList(from, Math.min(events.size(), from + 7)));
      }
      List<Applied> applied = new ArrayList<>();
      List<Applied> batch;
      while (!(batch = store.applyInbox(1 + random.nextInt(40), AsIs.APPLICATION)).isEmpty())
        applied.addAll(batch);
      for (Inbound in : events)
        oneByOne.ingest(
            in.provider(),
            in.event(),
            in.receivedAt(),
            EventInterpreter.AS_IS,
            null,
            CallStore.CORRELATION_WINDOW);

      assertThat(applied.stream().filter(a -> !a.result().duplicate()).count())
          .isEqualTo(events.stream().map(e -> e.event().eventKey()).distinct().count());
      for (int i = 0; i < 40; i++) {
        assertThat(store.call("c" + i)).as("c" + i).isEqualTo(oneByOne.call("c" + i));
        assertThat(store.events("c" + i))
            .as("c" + i)
            .extracting(CallEvent::providerEventKey)
            .containsExactlyInAnyOrderElementsOf(
                oneByOne.events("c" + i).stream().map(CallEvent::providerEventKey).toList());
      }
    } finally {
      oneByOne.close();
    }
  }

  /**
   * The same shuffled events, in batches and one by one, where finding the call depends on what
   * earlier events of the batch did: calls placed without a provider id found by number (not once
   * they ended), and by the agent's extension (not once answered), echoed ids, calls the CRM's
   * contacts made, and legs nobody knows whose events wait unlinked.
   */
  @Test
  void findingCallsInABatchSeesWhatTheBatchDidBefore() {
    InboxApplication contacts =
        AsIs.withContacts(
            (provider, event) -> {
              String number = event.number();
              return number != null && number.startsWith("+5521") ? "crm" + number : null;
            });
    for (long seed = 1; seed <= 3; seed++) {
      CallStore batches = CallStore.open(Databases.fresh(kind), Clock.fixed(T0, ZoneOffset.UTC));
      CallStore oneByOne = CallStore.open(Databases.fresh(kind), Clock.fixed(T0, ZoneOffset.UTC));
      try {
        Random random = new Random(seed);
        List<List<Inbound>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          String id = "x" + i;
          String number = "+55119000" + (100 + i);
          String extension = "7" + (100 + i);
          for (CallStore s : List.of(batches, oneByOne)) {
            Call call =
                Call.placed(id, "bm", "contact-" + id, "ana", extension, extension, number, T0);
            CallEvent placed =
                new CallEvent(
                    id,
                    EventType.PLACED,
                    CallStatus.DIALING,
                    null,
                    null,
                    T0,
                    T0,
                    "placed|" + id,
                    "{}");
            assertThat(s.insertPlaced(call, placed, LIMIT)).isTrue();
          }
          List<Inbound> ofCall =
              new ArrayList<>(
                  List.of(
                      echoingOurId(id),
                      inbound(
                          event("answered|q" + i, EventType.ANSWERED, CallStatus.ANSWERED, null)
                              .providerCallId("q" + i)
                              .number(number)
                              .build()),
                      inbound(
                          event(
                                  "rang|" + id,
                                  EventType.HANGUP,
                                  CallStatus.NO_ANSWER,
                                  HangupCause.NO_ANSWER)
                              .agentExtension(extension)
                              .number(i % 4 == 0 ? null : number)
                              .build()),
                      inbound(
                          event(
                                  "ended|" + id,
                                  EventType.HANGUP,
                                  CallStatus.COMPLETED,
                                  HangupCause.NORMAL_CLEARING)
                              .callId(id)
                              .build())));
          // in any order: each rule meets the call before and after the others moved it
          Collections.shuffle(ofCall, random);
          calls.add(ofCall);
          calls.add(
              List.of(
                  inbound(
                      event("ringing|ext" + i, EventType.RINGING, CallStatus.RINGING, null)
                          .providerCallId("ext" + i)
                          .agentExtension(i % 2 == 0 ? extension : null)
                          .number((i % 3 == 0 ? "+5511" : "+5521") + "8000" + (100 + i))
                          .build()),
                  hungUp("ext" + i)));
        }
        List<Inbound> events = new ArrayList<>();
        List<Iterator<Inbound>> left = new ArrayList<>();
        for (List<Inbound> call : calls) left.add(call.iterator());
        while (!left.isEmpty()) {
          int which = random.nextInt(left.size());
          events.add(left.get(which).next());
          if (!left.get(which).hasNext()) left.remove(which);
        }

        batches.appendToInbox(events);
        while (!batches.applyInbox(1 + random.nextInt(30), contacts).isEmpty()) {}
        for (Inbound in : events)
          oneByOne.ingest(
              in.provider(),
              in.event(),
              in.receivedAt(),
              EventInterpreter.AS_IS,
              contacts.contactForNewCall(in.provider(), in.event()),
              CallStore.CORRELATION_WINDOW);

        assertThat(batches.inboxCounts()).isEqualTo(new InboxCounts(0, 0));
        for (int i = 0; i < 12; i++) {
          String id = "x" + i;
          assertThat(batches.call(id)).as(id).isEqualTo(oneByOne.call(id));
          assertThat(keys(batches, id)).as(id).isEqualTo(keys(oneByOne, id));
          assertThat(batches.legs(id)).as(id).isEqualTo(oneByOne.legs(id));
          ProviderEvent byLeg = hungUp("ext" + i).event();
          Optional<String> inBatches = batches.resolveCallId("bm", byLeg, Duration.ofDays(365));
          Optional<String> alone = oneByOne.resolveCallId("bm", byLeg, Duration.ofDays(365));
          assertThat(inBatches.isPresent()).as("ext" + i).isEqualTo(alone.isPresent());
          if (inBatches.isEmpty()) continue;
          Call made = batches.call(inBatches.get()).orElseThrow();
          assertThat(made)
              .as("ext" + i)
              .usingRecursiveComparison()
              .ignoringFields("id")
              .isEqualTo(oneByOne.call(alone.get()).orElseThrow());
          assertThat(keys(batches, inBatches.get())).isEqualTo(keys(oneByOne, alone.get()));
        }
      } finally {
        batches.close();
        oneByOne.close();
      }
    }
  }

  private static ProviderEvent.Builder event(
      String key, EventType type, CallStatus status, HangupCause cause) {
    ProviderEvent.Builder event =
        ProviderEvent.builder(key, type, "{}").occurredAt(T0.plusSeconds(2));
    return cause != null ? event.ended(cause, null) : event.status(status);
  }

  private static Inbound inbound(ProviderEvent event) {
    return new Inbound("bm", event, T0.plusSeconds(2));
  }

  private static Set<String> keys(CallStore store, String callId) {
    Set<String> keys = new HashSet<>();
    for (CallEvent e : store.events(callId)) keys.add(e.providerEventKey());
    return keys;
  }

  private static Inbound echoingOurId(String callId) {
    return new Inbound(
        "bm",
        ProviderEvent.builder("ringing|" + callId, EventType.RINGING, "{}")
            .status(CallStatus.RINGING)
            .callId(callId)
            .occurredAt(T0.plusSeconds(1))
            .build(),
        T0.plusSeconds(1));
  }

  @Test
  void twoAppliersOnOneDatabaseApplyEachEventOnce() throws Exception {
    int calls = 200;
    List<Inbound> events = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      place("c" + i, "p" + i);
      events.add(answered("p" + i));
      events.add(hungUp("p" + i));
    }
    for (int from = 0; from < events.size(); from += 50) {
      store.appendToInbox(events.subList(from, from + 50));
    }
    // a second node: its own store and pool over the same database
    try (CallStore other = CallStore.open(dataSource, Clock.fixed(T0, ZoneOffset.UTC))) {
      Set<String> seen = ConcurrentHashMap.newKeySet();
      List<String> twice = new ArrayList<>();
      ExecutorService nodes = Executors.newFixedThreadPool(2);
      List<Future<?>> runs = new ArrayList<>();
      for (CallStore node : List.of(store, other)) {
        runs.add(
            nodes.submit(
                () -> {
                  List<Applied> batch;
                  while (!(batch = node.applyInbox(16, AsIs.APPLICATION)).isEmpty()) {
                    for (Applied a : batch) {
                      if (!seen.add(a.event().eventKey())) {
                        synchronized (twice) {
                          twice.add(a.event().eventKey());
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> run : runs) run.get();
      nodes.shutdown();
      assertThat(twice).isEmpty();
      assertThat(seen).hasSize(2 * calls);
    }
    Set<CallStatus> statuses = new HashSet<>();
    for (int i = 0; i < calls; i++) statuses.add(store.call("c" + i).orElseThrow().status());
    assertThat(statuses).containsExactly(CallStatus.COMPLETED);
  }
}
