package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.dialbridge.core.config.RateLimit;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.FlakyDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The store's promises, on H2 and on a real PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(Databases.Kind.class)
class CallStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration WINDOW = Duration.ofHours(2);
  private static final RateLimit LIMIT = new RateLimit(10, Duration.ofMinutes(1));

  @Parameter Databases.Kind kind;

  private FlakyDataSource dataSource;
  private CallStore store;
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

  @BeforeEach
  void open() {
    dataSource = new FlakyDataSource(Databases.fresh(kind));
    store = CallStore.open(dataSource, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Call place(String id, String contact, String to, Instant at) {
    Call call = Call.placed(id, "bm", contact, "ana", "6001", "6001", to, at);
    assertThat(store.insertPlaced(call, placedEvent(call), LIMIT)).isTrue();
    return call;
  }

  private static CallEvent placedEvent(Call call) {
    return new CallEvent(
        call.id(),
        EventType.PLACED,
        CallStatus.DIALING,
        null,
        null,
        call.createdAt(),
        call.createdAt(),
        "dialbridge|placed|" + call.id(),
        "{}");
  }

  private Ingested ingest(ProviderEvent event) {
    return store.ingest("bm", event, T0.plusSeconds(1), EventInterpreter.AS_IS, null, WINDOW);
  }

  private static ProviderEvent answered(String providerCallId, int second) {
    return ProviderEvent.builder(
            "answered|" + providerCallId + "|" + second, EventType.ANSWERED, "{\"a\":1}")
        .status(CallStatus.ANSWERED)
        .providerCallId(providerCallId)
        .occurredAt(T0.plusSeconds(second))
        .build();
  }

  private static ProviderEvent hangup(String providerCallId, HangupCause cause, int second) {
    return ProviderEvent.builder(
            "hangup|" + providerCallId + "|" + second, EventType.HANGUP, "{\"h\":1}")
        .ended(cause, cause.name())
        .providerCallId(providerCallId)
        .occurredAt(T0.plusSeconds(second))
        .build();
  }

  private int rows(String table) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void createsItsPrefixedSchemaAndOpeningAgainChangesNothing() throws Exception {
    assertThat(store.schemaVersion()).isEqualTo(8);
    CallStore again = CallStore.open(dataSource, clock);
    assertThat(again.schemaVersion()).isEqualTo(8);
    assertThat(rows("dialbridge_schema_version")).isEqualTo(8);
    assertThat(rows("dialbridge_call")).isZero();
  }

  @Test
  void callsAreIndexedByNumberSoAnEarlyEventDoesNotReadEveryLiveCall() throws Exception {
    List<String> columns = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        ResultSet rs =
            c.getMetaData()
                .getIndexInfo(
                    null,
                    null,
                    kind == Databases.Kind.H2 ? "DIALBRIDGE_CALL" : "dialbridge_call",
                    false,
                    false)) {
      while (rs.next()) {
        if ("dialbridge_call_to_number".equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
          columns.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    assertThat(columns).containsExactly("to_number", "created_at");
  }

  @Test
  void callsAreIndexedByAgentAndLivenessSoPlacingACallDoesNotReadTheAgentsHistory()
      throws Exception {
    List<String> columns = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        ResultSet rs =
            c.getMetaData()
                .getIndexInfo(
                    null,
                    null,
                    kind == Databases.Kind.H2 ? "DIALBRIDGE_CALL" : "dialbridge_call",
                    false,
                    false)) {
      while (rs.next()) {
        if ("dialbridge_call_agent_live".equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
          columns.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    assertThat(columns).containsExactly("agent", "live", "created_at");
  }

  @Test
  void everyConnectionGoesBackToThePoolInAutoCommitMode() throws Exception {
    DataSource real = Databases.fresh(kind);
    List<Boolean> autoCommitAtClose = java.util.Collections.synchronizedList(new ArrayList<>());
    DataSource recording =
        (DataSource)
            java.lang.reflect.Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (ds, dsMethod, dsArgs) -> {
                  Object result = dsMethod.invoke(real, dsArgs);
                  if (!(result instanceof Connection c)) return result;
                  return java.lang.reflect.Proxy.newProxyInstance(
                      Connection.class.getClassLoader(),
                      new Class<?>[] {Connection.class},
                      (proxy, method, args) -> {
                        if (method.getName().equals("close"))
                          autoCommitAtClose.add(c.getAutoCommit());
                        return method.invoke(c, args);
                      });
                });
    CallStore pooled = CallStore.open(recording, clock);
    autoCommitAtClose.clear();

    Call call = Call.placed("c-1", "bm", "42", "ana", "6001", "6001", "+5511999999999", T0);
    assertThat(pooled.insertPlaced(call, placedEvent(call), LIMIT)).isTrue();
    pooled.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);
    pooled.ingest(
        "bm", answered("p-1", 5), T0.plusSeconds(5), EventInterpreter.AS_IS, null, WINDOW);
    pooled.ingest(
        "bm", answered("p-1", 5), T0.plusSeconds(6), EventInterpreter.AS_IS, null, WINDOW);

    // a host's pool that does not reset connections would otherwise hand the CRM one that never
    // commits
    assertThat(autoCommitAtClose).hasSizeGreaterThanOrEqualTo(4).containsOnly(true);
  }

  @Test
  void aPlacedCallReadsBackAsRecorded() {
    Call call = place("c-1", "42", "+5511999999999", T0);

    assertThat(store.call("c-1")).hasValue(call);
    assertThat(store.events("c-1")).extracting(CallEvent::type).containsExactly(EventType.PLACED);
  }

  @Test
  void eventsOfAKnownLegMoveTheCallForwardOnly() {
    place("c-1", "42", "+5511999999999", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);

    Ingested answer = ingest(answered("p-1", 5));
    Ingested end = ingest(hangup("p-1", HangupCause.NORMAL_CLEARING, 65));

    assertThat(answer.changedCall()).isTrue();
    assertThat(end.after().status()).isEqualTo(CallStatus.COMPLETED);
    Call stored = store.call("c-1").orElseThrow();
    assertThat(stored.providerCallId()).isEqualTo("p-1");
    assertThat(stored.durationSeconds()).isEqualTo(60);
    assertThat(store.events("c-1"))
        .extracting(CallEvent::type)
        .containsExactly(EventType.PLACED, EventType.ANSWERED, EventType.HANGUP);
  }

  @Test
  void aCallThatEndedUnansweredReadsBackWithoutDuration() {
    place("c-1", "42", "+5511999999999", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);

    Call busy = ingest(hangup("p-1", HangupCause.BUSY, 9)).after();

    assertThat(busy.durationSeconds()).isNull();
    assertThat(store.call("c-1")).hasValue(busy);
  }

  @Test
  void theSameEventDeliveredTenTimesInSequenceIsStoredOnce() throws Exception {
    place("c-1", "42", "+5511999999999", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);

    Ingested first = ingest(answered("p-1", 5));
    List<Ingested> redeliveries = new ArrayList<>();
    for (int i = 0; i < 9; i++) redeliveries.add(ingest(answered("p-1", 5)));

    assertThat(first.duplicate()).isFalse();
    assertThat(redeliveries).allSatisfy(r -> assertThat(r.duplicate()).isTrue());
    assertThat(rows("dialbridge_event")).isEqualTo(2);
    assertThat(store.call("c-1")).hasValue(first.after());
  }

  @Test
  void fiftyThreadsDeliveringTheSameEventStoreOneRowAndAllSucceed() throws Exception {
    place("c-1", "42", "+5511999999999", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Ingested>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return ingest(hangup("p-1", HangupCause.BUSY, 9));
                }));
      }
      go.countDown();
      int stored = 0;
      for (Future<Ingested> f : results) if (!f.get().duplicate()) stored++;
      assertThat(stored).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(rows("dialbridge_event")).isEqualTo(2);
    assertThat(store.call("c-1").orElseThrow().status()).isEqualTo(CallStatus.BUSY);
  }

  @Test
  void aDuplicateLeavesTheTransactionUsableForTheNextEvent() {
    place("c-1", "42", "+5511999999999", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);
    ingest(answered("p-1", 5));

    assertThat(ingest(answered("p-1", 5)).duplicate()).isTrue();
    assertThat(ingest(hangup("p-1", HangupCause.NORMAL_CLEARING, 20)).after().status())
        .isEqualTo(CallStatus.COMPLETED);
  }

  @Test
  void hangupBeforeAnswerGivesTheSameFinalCall() {
    place("c-1", "42", "+5511999999999", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);

    ingest(hangup("p-1", HangupCause.NORMAL_CLEARING, 65));
    ingest(answered("p-1", 5));

    Call call = store.call("c-1").orElseThrow();
    assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(call.answeredAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(call.durationSeconds()).isEqualTo(60);
  }

  @Test
  void aLateRingingAfterTheEndIsStoredButChangesNothing() {
    place("c-1", "42", "+5511999999999", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);
    ingest(hangup("p-1", HangupCause.NO_ANSWER, 30));
    Call ended = store.call("c-1").orElseThrow();

    Ingested late =
        ingest(
            ProviderEvent.builder("ringing|p-1", EventType.RINGING, "{}")
                .status(CallStatus.RINGING)
                .providerCallId("p-1")
                .occurredAt(T0.plusSeconds(40))
                .build());

    assertThat(late.duplicate()).isFalse();
    assertThat(late.changedCall()).isFalse();
    assertThat(store.call("c-1")).hasValue(ended);
    assertThat(store.events("c-1")).hasSize(3);
  }

  @Test
  void aWebhookThatArrivesBeforeTheProvidersAnswerEndsUpOnTheRightCall() {
    place("c-1", "42", "+5511999999999", T0);

    Ingested early = ingest(answered("p-1", 5));
    assertThat(early.after()).isNull();

    List<Ingested> linked = store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);

    assertThat(linked)
        .singleElement()
        .satisfies(i -> assertThat(i.after().status()).isEqualTo(CallStatus.ANSWERED));
    assertThat(store.call("c-1").orElseThrow().status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(store.events("c-1"))
        .extracting(CallEvent::type)
        .containsExactly(EventType.PLACED, EventType.ANSWERED);
  }

  @Test
  void theRaceBetweenAWebhookAndTheProvidersAnswerNeverLosesTheLink() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 40; i++) {
        String callId = "race-" + i;
        String providerCallId = "p-race-" + i;
        Call call =
            Call.placed(
                callId, "bm", "42", "race-agent-" + i, "6001", "6001", "+5511999999999", T0);
        store.insertPlaced(call, placedEvent(call), LIMIT);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> webhook =
            pool.submit(
                () -> {
                  go.await();
                  return ingest(answered(providerCallId, 5));
                });
        Future<?> answer =
            pool.submit(
                () -> {
                  go.await();
                  return store.linkLeg(callId, "bm", providerCallId, true, EventInterpreter.AS_IS);
                });
        go.countDown();
        webhook.get();
        answer.get();
        assertThat(store.call(callId).orElseThrow().status())
            .as(callId)
            .isEqualTo(CallStatus.ANSWERED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEventWithTheNumberOfACallJustPlacedFindsItBeforeTheProviderAnswers() {
    place("c-1", "42", "+5511999999999", T0);

    Ingested dialing =
        ingest(
            ProviderEvent.builder("dialing|p-1", EventType.DIALING, "{}")
                .status(CallStatus.DIALING)
                .providerCallId("p-1")
                .number("+5511999999999")
                .agentExtension("6001")
                .build());

    assertThat(dialing.after()).isNotNull();
    assertThat(ingest(hangup("p-1", HangupCause.BUSY, 9)).after().status())
        .isEqualTo(CallStatus.BUSY);
  }

  @Test
  void anEventWithoutCallIdFindsTheAgentsLiveCall() {
    place("c-1", "42", "+5511999999999", T0);

    Ingested ringNoAnswer =
        ingest(
            ProviderEvent.builder("AgentRingNoAnswer|ana", EventType.HANGUP, "{}")
                .ended(HangupCause.NO_ANSWER, "AgentRingNoAnswer")
                .agentExtension("6001")
                .build());

    assertThat(ringNoAnswer.after().status()).isEqualTo(CallStatus.NO_ANSWER);
  }

  private static ProviderEvent ringNoAnswer(String key, String number) {
    return ProviderEvent.builder("AgentRingNoAnswer|ana|" + key, EventType.HANGUP, "{}")
        .ended(HangupCause.NO_ANSWER, "AgentRingNoAnswer")
        .agentExtension("6001")
        .number(number)
        .build();
  }

  @Test
  void aRingNoAnswerEndsTheCallStillRingingNotALaterAnsweredOne() {
    place("unanswered", "42", "+5115550003", T0.minusSeconds(7));
    place("talking", "43", "+518423456", T0.minusSeconds(6));
    store.linkLeg("talking", "bm", "guid-talking", true, EventInterpreter.AS_IS);
    ingest(answered("guid-talking", -4));

    Ingested ended = ingest(ringNoAnswer("1", null));

    assertThat(ended.after().id()).isEqualTo("unanswered");
    assertThat(ended.after().status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(store.call("talking").orElseThrow().status()).isEqualTo(CallStatus.ANSWERED);
  }

  @Test
  void aRingNoAnswerGivingTheCustomersNumberEndsTheCallToThatNumber() {
    place("to-0003", "42", "+5115550003", T0.minusSeconds(7));
    place("to-other", "43", "+518423456", T0.minusSeconds(6));

    Ingested ended = ingest(ringNoAnswer("2", "5115550003"));

    assertThat(ended.after().id()).isEqualTo("to-0003");
    assertThat(store.call("to-other").orElseThrow().status()).isEqualTo(CallStatus.DIALING);
  }

  @Test
  void aRingNoAnswerThatCouldBeEitherOfTwoRingingCallsIsStoredUnlinked() {
    place("first", "42", "+5115550003", T0.minusSeconds(7));
    place("second", "43", "+518423456", T0.minusSeconds(6));

    Ingested unsure = ingest(ringNoAnswer("3", null));

    assertThat(unsure.duplicate()).isFalse();
    assertThat(unsure.after()).isNull();
    assertThat(store.call("first").orElseThrow().status()).isEqualTo(CallStatus.DIALING);
    assertThat(store.call("second").orElseThrow().status()).isEqualTo(CallStatus.DIALING);
  }

  @Test
  void anEventNamingAnotherProvidersCallIdLeavesThatCallAlone() {
    place("bm-call", "42", "+5511999999999", T0);

    Ingested forged =
        store.ingest(
            "bw",
            ProviderEvent.builder("hangup|forged", EventType.HANGUP, "{}")
                .ended(HangupCause.NORMAL_CLEARING, "NORMAL_CLEARING")
                .callId("bm-call")
                .providerCallId("c-forged")
                .build(),
            T0.plusSeconds(1),
            EventInterpreter.AS_IS,
            null,
            WINDOW);

    assertThat(forged.after()).isNull();
    assertThat(store.call("bm-call").orElseThrow().status()).isEqualTo(CallStatus.DIALING);
  }

  @Test
  void anEventFromBeforeTheCallKeepsItsTimeButNeitherEndsNorOrdersTheCallBeforeItsCreation() {
    place("c-old", "42", "+5511999999999", T0);
    store.linkLeg("c-old", "bm", "p-old", true, EventInterpreter.AS_IS);
    Instant longAgo = Instant.parse("2021-01-06T18:21:36.174Z");

    Call ended =
        ingest(
                ProviderEvent.builder("hangup|p-old|2021", EventType.HANGUP, "{}")
                    .ended(HangupCause.BUSY, "BUSY")
                    .providerCallId("p-old")
                    .occurredAt(longAgo)
                    .build())
            .after();

    assertThat(ended.endedAt()).isEqualTo(T0);
    assertThat(store.events("c-old"))
        .extracting(CallEvent::type)
        .containsExactly(EventType.PLACED, EventType.HANGUP);
    assertThat(store.events("c-old").get(1).occurredAt()).isEqualTo(longAgo);
  }

  @Test
  void anEventOfAnUnknownCallIsStoredUnlinkedUnlessItsNumberIsAContact() {
    Ingested unlinked = ingest(hangup("p-x", HangupCause.BUSY, 3));
    assertThat(unlinked.duplicate()).isFalse();
    assertThat(unlinked.after()).isNull();

    Ingested external =
        store.ingest(
            "bm",
            ProviderEvent.builder("dialing|p-y", EventType.DIALING, "{}")
                .status(CallStatus.DIALING)
                .providerCallId("p-y")
                .number("+5511988887777")
                .build(),
            T0,
            EventInterpreter.AS_IS,
            "contact-7",
            WINDOW);

    assertThat(external.after().contactId()).isEqualTo("contact-7");
    assertThat(external.after().agent()).isNull();
    assertThat(store.history("contact-7", null, null, 10).calls()).hasSize(1);
  }

  @Test
  void theRateLimitHoldsPerAgent() {
    RateLimit two = new RateLimit(2, Duration.ofMinutes(1));
    for (int i = 0; i < 2; i++) {
      Call call = Call.placed("r-" + i, "bm", "42", "ana", "6001", "6001", "+1", T0.plusSeconds(i));
      assertThat(store.insertPlaced(call, placedEvent(call), two)).isTrue();
    }
    Call third = Call.placed("r-3", "bm", "42", "ana", "6001", "6001", "+1", T0.plusSeconds(5));
    Call bruno = Call.placed("r-4", "bm", "42", "bruno", "6002", "6002", "+1", T0.plusSeconds(5));

    assertThat(store.insertPlaced(third, placedEvent(third), two)).isFalse();
    assertThat(store.insertPlaced(bruno, placedEvent(bruno), two)).isTrue();
    assertThat(store.call("r-3")).isEmpty();
    assertThat(store.rateLimitResetsAt("ana", two)).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void theRateLimitHoldsAcrossTwoNodesSharingTheDatabase() throws Exception {
    CallStore otherNode = CallStore.open(dataSource, clock);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> attempts = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        CallStore node = i % 2 == 0 ? store : otherNode;
        Call call = Call.placed("n-" + i, "bm", "42", "ana", "6001", "6001", "+1", T0);
        attempts.add(
            pool.submit(
                () -> {
                  go.await();
                  return node.insertPlaced(call, placedEvent(call), LIMIT);
                }));
      }
      go.countDown();
      int placed = 0;
      for (Future<Boolean> f : attempts) if (f.get()) placed++;
      assertThat(placed).isEqualTo(LIMIT.calls());
    } finally {
      pool.shutdownNow();
      otherNode.close();
    }
    assertThat(store.history("42", "ana", null, 100).calls()).hasSize(LIMIT.calls());
  }

  @Test
  void aSecondLiveCallOfTheSameAgentIsRefusedNamingTheFirst() {
    Call first = Call.placed("l-1", "bm", "42", "ana", "6001", "6001", "+1", T0);
    Call second = Call.placed("l-2", "c3", "43", "ana", "6001", "6001", "+2", T0.plusSeconds(1));
    Call bruno = Call.placed("l-3", "bm", "42", "bruno", "6002", "6002", "+1", T0.plusSeconds(1));

    assertThat(store.insertPlaced(first, placedEvent(first), LIMIT, true))
        .isEqualTo(Placement.PLACED);
    Placement refused = store.insertPlaced(second, placedEvent(second), LIMIT, true);
    assertThat(store.insertPlaced(bruno, placedEvent(bruno), LIMIT, true))
        .isEqualTo(Placement.PLACED);

    assertThat(refused.outcome()).isEqualTo(Placement.Outcome.AGENT_BUSY);
    assertThat(refused.inTheWay().id()).isEqualTo("l-1");
    assertThat(store.call("l-2")).isEmpty();
    assertThat(store.liveCallOf("ana")).map(Call::id).hasValue("l-1");
  }

  @Test
  void onceTheLiveCallEndsTheAgentMayPlaceTheNext() {
    Call first = Call.placed("e-1", "bm", "42", "ana", "6001", "6001", "+1", T0);
    store.insertPlaced(first, placedEvent(first), LIMIT, true);
    store.linkLeg("e-1", "bm", "p-e1", true, EventInterpreter.AS_IS);
    ingest(hangup("p-e1", HangupCause.BUSY, 3));
    Call next = Call.placed("e-2", "bm", "42", "ana", "6001", "6001", "+1", T0.plusSeconds(4));

    assertThat(store.liveCallOf("ana")).isEmpty();
    assertThat(store.insertPlaced(next, placedEvent(next), LIMIT, true))
        .isEqualTo(Placement.PLACED);
  }

  @Test
  void twoNodesPlacingForOneAgentAtOnceRecordOneLiveCall() throws Exception {
    CallStore otherNode = CallStore.open(dataSource, clock);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Placement>> attempts = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        CallStore node = i % 2 == 0 ? store : otherNode;
        Call call = Call.placed("b-" + i, "bm", "42", "ana", "6001", "6001", "+1", T0);
        attempts.add(
            pool.submit(
                () -> {
                  go.await();
                  return node.insertPlaced(call, placedEvent(call), LIMIT, true);
                }));
      }
      go.countDown();
      int placed = 0;
      for (Future<Placement> f : attempts)
        if (f.get().outcome() == Placement.Outcome.PLACED) placed++;
      assertThat(placed).isEqualTo(1);
    } finally {
      pool.shutdownNow();
      otherNode.close();
    }
    assertThat(store.history("42", "ana", null, 100).calls()).hasSize(1);
  }

  @Test
  void historyIsNewestFirstAndPagedByCursor() {
    for (int i = 0; i < 5; i++) place("h-" + i, "42", "+1", T0.plusSeconds(i));
    place("other", "43", "+1", T0);

    HistoryPage first = store.history("42", null, null, 2);
    HistoryPage second = store.history("42", null, first.next(), 2);
    HistoryPage last = store.history("42", null, second.next(), 2);

    assertThat(first.calls()).extracting(Call::id).containsExactly("h-4", "h-3");
    assertThat(second.calls()).extracting(Call::id).containsExactly("h-2", "h-1");
    assertThat(last.calls()).extracting(Call::id).containsExactly("h-0");
    assertThat(last.next()).isNull();
  }

  @Test
  void historyOfSameInstantCallsPagesWithoutSkipping() {
    for (int i = 0; i < 5; i++) place("s-" + i, "42", "+1", T0);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      HistoryPage page = store.history("42", null, cursor, 2);
      page.calls().forEach(c -> seen.add(c.id()));
      cursor = page.next();
    } while (cursor != null);

    assertThat(seen).containsExactly("s-4", "s-3", "s-2", "s-1", "s-0");
  }

  @Test
  void historyCanBeLimitedToOneAgent() {
    place("a-1", "42", "+1", T0);
    Call bruno = Call.placed("b-1", "bm", "42", "bruno", "6002", "6002", "+1", T0);
    store.insertPlaced(bruno, placedEvent(bruno), LIMIT);

    assertThat(store.history("42", "bruno", null, 10).calls())
        .extracting(Call::id)
        .containsExactly("b-1");
  }

  @Test
  void aForgedCursorIsRefused() {
    assertThatThrownBy(() -> store.history("42", null, "not-a-cursor", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid cursor");
  }

  @Test
  void liveCallsOlderThanAnInstantAreTheReconcilersCandidates() {
    place("old", "42", "+1", T0.minus(Duration.ofHours(3)));
    place("new", "42", "+1", T0);

    assertThat(store.liveCallsStartedBefore(T0.minus(WINDOW), 10))
        .extracting(Call::id)
        .containsExactly("old");
  }

  @Test
  void legsListTheFirstLegFirst() {
    place("c-1", "42", "+1", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);
    store.linkLeg("c-1", "bm", "a-leg-2", false, EventInterpreter.AS_IS);

    assertThat(store.legs("c-1")).containsExactly("p-1", "a-leg-2");
  }

  @Test
  void databaseDownRaisesStoreUnavailableAndTheNextDeliveryIsStored() throws Exception {
    place("c-1", "42", "+1", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);
    dataSource.down(true);

    assertThatThrownBy(() -> ingest(answered("p-1", 5)))
        .isInstanceOf(StoreUnavailableException.class);

    dataSource.down(false);
    assertThat(ingest(answered("p-1", 5)).duplicate()).isFalse();
    assertThat(rows("dialbridge_event")).isEqualTo(2);
  }

  @Test
  void aFailureBetweenStoringTheEventAndMovingTheCallLeavesNeither() throws Exception {
    place("c-1", "42", "+1", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);
    dataSource.failNextStatement("UPDATE dialbridge_call SET status");

    assertThatThrownBy(() -> ingest(answered("p-1", 5)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(rows("dialbridge_event")).isEqualTo(1);
    assertThat(store.call("c-1").orElseThrow().status()).isEqualTo(CallStatus.DIALING);

    assertThat(ingest(answered("p-1", 5)).after().status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(rows("dialbridge_event")).isEqualTo(2);
  }

  @Test
  void aVeryLongEventKeyIsStillUnique() {
    place("c-1", "42", "+1", T0);
    store.linkLeg("c-1", "bm", "p-1", true, EventInterpreter.AS_IS);
    String longKey = "k".repeat(500);
    ProviderEvent event =
        ProviderEvent.builder(longKey, EventType.OTHER, "{}").providerCallId("p-1").build();

    assertThat(ingest(event).duplicate()).isFalse();
    assertThat(ingest(event).duplicate()).isTrue();
    assertThat(EventTable.storedKey(longKey)).startsWith("sha256:").hasSize(71);
  }
}
