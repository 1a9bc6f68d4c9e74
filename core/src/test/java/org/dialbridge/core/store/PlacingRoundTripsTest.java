package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dialbridge.core.config.RateLimit;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.testing.AsIs;
import org.dialbridge.core.testing.CountingDataSource;
import org.dialbridge.core.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What linking a placed call to the provider's id costs in round trips: {@code POST /calls} waits
 * on each before it answers the agent. Counted, not timed: a count is the same on every machine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Databases.Kind.class)
class PlacingRoundTripsTest {
  private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
  private static final RateLimit LIMIT = new RateLimit(100_000, Duration.ofMinutes(1));

  @Parameter Databases.Kind kind;

  private CountingDataSource counting;
  private CallStore store;

  @BeforeEach
  void open() {
    counting = new CountingDataSource(Databases.fresh(kind));
    store = CallStore.open(counting, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /**
   * The usual case, no event of the leg came first: the leg inserted, the call's provider id set
   * and the call read back in one statement, the leg's waiting events looked for, the commit.
   */
  @Test
  void linkingANewLegTakesThreeStatementsAndTheCommit() {
    record("call-1");

    counting.reset();
    PlacedLink link = store.linkPlacedLeg("call-1", "bm", "leg-1", EventInterpreter.AS_IS);

    assertThat(counting.roundTrips()).as(statements()).isLessThanOrEqualTo(4);
    assertThat(link.linked()).isEmpty();
    assertThat(link.call().providerCallId()).isEqualTo("leg-1");
    assertThat(store.call("call-1")).hasValue(link.call());
  }

  /**
   * Recording a call under the default rules (one live call, a rate limit), the agent's lock row
   * there since their first call on this node: the lock, the two checks in one statement, the call
   * and its event inserted, the commit.
   */
  @Test
  void recordingACallUnderTheDefaultRulesTakesFourStatementsAndTheCommit() {
    assertThat(store.insertPlaced(call("call-2"), placed("call-2"), LIMIT, true).outcome())
        .isEqualTo(Placement.Outcome.PLACED);
    hangUp("call-2");

    counting.reset();
    Placement placement = store.insertPlaced(call("call-3"), placed("call-3"), LIMIT, true);

    assertThat(placement.outcome()).isEqualTo(Placement.Outcome.PLACED);
    assertThat(counting.roundTrips()).as(statements()).isLessThanOrEqualTo(5);
  }

  /** The checks made one statement still refuse: the agent's live call is the one in the way. */
  @Test
  void theAgentsLiveCallStillRefusesTheNext() {
    assertThat(store.insertPlaced(call("call-4"), placed("call-4"), LIMIT, true).outcome())
        .isEqualTo(Placement.Outcome.PLACED);

    Placement second = store.insertPlaced(call("call-5"), placed("call-5"), LIMIT, true);

    assertThat(second.outcome()).isEqualTo(Placement.Outcome.AGENT_BUSY);
    assertThat(second.inTheWay()).isEqualTo(store.call("call-4").orElseThrow());
    assertThat(store.call("call-5")).isEmpty();
  }

  /** ... and so does the rate limit, counted in the same statement. */
  @Test
  void theRateLimitStillRefuses() {
    RateLimit two = new RateLimit(2, Duration.ofMinutes(1));
    for (String id : List.of("call-6", "call-7")) {
      assertThat(store.insertPlaced(call(id), placed(id), two, true).outcome())
          .isEqualTo(Placement.Outcome.PLACED);
      hangUp(id);
    }

    assertThat(store.insertPlaced(call("call-8"), placed("call-8"), two, true).outcome())
        .isEqualTo(Placement.Outcome.RATE_LIMITED);
    assertThat(store.call("call-8")).isEmpty();
  }

  /**
   * An event of the leg that came before the provider answered (stored unlinked, its leg row
   * without a call) still moves the call once the leg is linked, and the call returned is the moved
   * one.
   */
  @Test
  void aLegWhoseEventCameFirstIsLinkedAndItsEventMovesTheCall() {
    record("call-2");
    store.appendToInbox(
        List.of(
            new Inbound(
                "bm",
                ProviderEvent.builder("ringing|leg-2", EventType.RINGING, "{}")
                    .status(CallStatus.RINGING)
                    .providerCallId("leg-2")
                    .occurredAt(T0.plusSeconds(1))
                    .build(),
                T0.plusSeconds(1))));
    store.applyInbox(16, AsIs.APPLICATION);

    PlacedLink link = store.linkPlacedLeg("call-2", "bm", "leg-2", EventInterpreter.AS_IS);

    assertThat(link.linked()).hasSize(1);
    assertThat(link.call().status()).isEqualTo(CallStatus.RINGING);
    assertThat(link.call().providerCallId()).isEqualTo("leg-2");
    assertThat(store.call("call-2")).hasValue(link.call());
    assertThat(store.events("call-2"))
        .extracting(CallEvent::type)
        .containsExactly(EventType.PLACED, EventType.RINGING);
  }

  private void hangUp(String id) {
    store.ingest(
        "bm",
        ProviderEvent.builder("hangup|" + id, EventType.HANGUP, "{}")
            .ended(HangupCause.NORMAL_CLEARING, "16")
            .callId(id)
            .occurredAt(T0.plusSeconds(3))
            .build(),
        T0.plusSeconds(3),
        EventInterpreter.AS_IS,
        null,
        Duration.ofHours(2));
    assertThat(store.call(id).orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
  }

  private void record(String id) {
    assertThat(store.insertPlaced(call(id), placed(id), LIMIT)).isTrue();
  }

  private static Call call(String id) {
    return Call.placed(id, "bm", "contact-" + id, "ana", "6001", "6001", "+5511", T0);
  }

  private static CallEvent placed(String id) {
    return new CallEvent(
        id, EventType.PLACED, CallStatus.DIALING, null, null, T0, T0, "placed|" + id, "{}");
  }

  private String statements() {
    StringBuilder s = new StringBuilder(kind + ", round trips by statement:");
    counting.bySql().forEach((sql, n) -> s.append("\n  ").append(n).append("  ").append(sql));
    return s.toString();
  }
}
