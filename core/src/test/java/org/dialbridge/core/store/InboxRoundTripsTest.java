package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
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
 * What applying a batch of the inbox costs in round trips to the database: the applier waits on
 * each, so under a backlog their number per batch, not the database's work, sets how fast it goes
 * on PostgreSQL. Counted, not timed: a count is the same on every machine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Databases.Kind.class)
class InboxRoundTripsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  private static final RateLimit LIMIT = new RateLimit(100_000, Duration.ofMinutes(1));

  @Parameter Databases.Kind kind;

  private CountingDataSource counting;
  private CallStore store;

  /** Reads events as they are; the CRM has a contact for the numbers that end in an even digit. */
  private static final InboxApplication APPLICATION =
      AsIs.withContacts(
          (provider, event) -> {
            if (event.number() == null) return null;
            int last = event.number().charAt(event.number().length() - 1) - '0';
            return last % 2 == 0 ? "crm-" + event.providerCallId() : null;
          });

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
   * A batch as a backlog brings it: 256 events of 104 calls interleaved, each call's in order. 48
   * calls Dialbridge placed (ringing, answered, hangup by their leg), 16 whose provider also echoes
   * Dialbridge's id (answered, hangup: Bandwidth's tag), and 40 calls Dialbridge did not place,
   * their first event a leg nobody knows (half of them the CRM's contacts, the others stored
   * unlinked).
   */
  @Test
  void aTypicalBatchOf256Events() {
    List<Queue<Inbound>> calls = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      place("k" + i);
      calls.add(
          new ArrayDeque<>(
              List.of(
                  status("ringing", "k" + i, null, CallStatus.RINGING, 1),
                  status("answered", "k" + i, null, CallStatus.ANSWERED, 5),
                  hangup("k" + i, null))));
    }
    for (int i = 0; i < 16; i++) {
      place("e" + i);
      calls.add(
          new ArrayDeque<>(
              List.of(
                  status("answered", "e" + i, "call-e" + i, CallStatus.ANSWERED, 5),
                  hangup("e" + i, "call-e" + i))));
    }
    for (int i = 0; i < 40; i++) {
      calls.add(
          new ArrayDeque<>(
              List.of(firstOfANewCall("n" + i, "+551199900" + (100 + i)), hangup("n" + i, null))));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++)
      for (int n = calls.get(i).size(); n > 0; n--) order.add(i);
    Collections.shuffle(order, new Random(20261201L));
    List<Inbound> events = new ArrayList<>();
    for (int i : order) events.add(calls.get(i).remove());
    assertThat(events).hasSize(256);
    store.appendToInbox(events);

    // taking the batch; the look-ups, the calls locked, calls, legs and events inserted, calls
    // updated, the commit; and each of the 40 legs nobody knew matched by its number against the
    // calls just placed (one query each, as when applied alone)
    assertRoundTripsToApply(256, taking(256) + 7 + 40);
    for (int i = 0; i < 48; i++)
      assertThat(store.call("call-k" + i).orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(store.call("call-e0").orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
  }

  /**
   * A backlog's batch of 1,024 events of calls known by their legs costs what a small one does: the
   * statements are per batch, not per event or per chunk of ids.
   */
  @Test
  void aBacklogBatchOf1024EventsOfKnownCalls() {
    List<Inbound> events = new ArrayList<>();
    for (int i = 0; i < 128; i++) place("k" + i);
    for (int step = 0; step < 8; step++) {
      for (int i = 0; i < 128; i++) {
        String leg = "k" + i;
        events.add(
            switch (step) {
              case 0 -> status("ringing", leg, null, CallStatus.RINGING, 1);
              case 1 -> status("answered", leg, null, CallStatus.ANSWERED, 5);
              case 7 -> hangup(leg, null);
              default ->
                  new Inbound(
                      "bm",
                      ProviderEvent.builder("other" + step + "|" + leg, EventType.OTHER, "{}")
                          .providerCallId(leg)
                          .occurredAt(T0.plusSeconds(6))
                          .build(),
                      T0.plusSeconds(6));
            });
      }
    }
    store.appendToInbox(events);

    // taking the batch; the look-ups, the calls locked, events inserted, calls updated, the commit
    assertRoundTripsToApply(1_024, taking(1_024) + 5);
    for (int i = 0; i < 128; i++)
      assertThat(store.call("call-k" + i).orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(store.events("call-k0")).hasSize(9);
  }

  /**
   * A group commit at a moderate rate holds one delivery or a few: when they fit one statement, it
   * is its own transaction, with no commit to wait for (on H2 the file is then written, in the same
   * process). Three events take three statements, and a commit.
   */
  @Test
  void anAppendThatFitsOneStatementIsOneRoundTrip() {
    int fileWrite = kind == Databases.Kind.H2 ? 1 : 0;
    for (int events : new int[] {1, 4, 16, 3}) {
      List<Inbound> batch = new ArrayList<>();
      for (int i = 0; i < events; i++)
        batch.add(status("answered", "a" + events + "-" + i, null, CallStatus.ANSWERED, 5));
      counting.reset();
      store.appendToInbox(batch);
      int statements = events == 3 ? 3 + 1 : 1;
      assertThat(counting.roundTrips())
          .as("%d events: %s", events, counting.bySql())
          .isEqualTo(statements + fileWrite);
    }
    assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(24, 0));
  }

  /**
   * Taking a batch out of the inbox: on PostgreSQL one round trip, the NOTIFY for the other nodes
   * with it; on H2 a claim and a delete per 64 ids (in H2's own process a statement is no round
   * trip).
   */
  private int taking(int size) {
    return kind == Databases.Kind.POSTGRESQL ? 1 : 1 + size / 64;
  }

  /** Applies the whole inbox as one batch, in at most {@code expected} round trips. */
  private void assertRoundTripsToApply(int size, int expected) {
    counting.reset();
    List<Applied> applied = store.applyInbox(size, APPLICATION);
    int roundTrips = counting.roundTrips();
    StringBuilder statements = new StringBuilder(kind + ", round trips by statement:");
    counting
        .bySql()
        .forEach((sql, n) -> statements.append("\n  ").append(n).append("  ").append(sql));

    assertThat(applied.size()).isEqualTo(size);
    assertThat(applied).noneMatch(a -> a.result().duplicate());
    assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(0, 0));
    assertThat(roundTrips).as(statements.toString()).isLessThanOrEqualTo(expected);
  }

  private void place(String leg) {
    String id = "call-" + leg;
    Call call = Call.placed(id, "bm", "contact-" + leg, "ana", "6001", "6001", "+5511", T0);
    CallEvent placed =
        new CallEvent(
            id, EventType.PLACED, CallStatus.DIALING, null, null, T0, T0, "placed|" + id, "{}");
    assertThat(store.insertPlaced(call, placed, LIMIT)).isTrue();
    store.linkLeg(id, "bm", leg, true, EventInterpreter.AS_IS);
  }

  private static Inbound status(
      String what, String leg, String echoedId, CallStatus status, int second) {
    return new Inbound(
        "bm",
        ProviderEvent.builder(what + "|" + leg, EventType.valueOf(what.toUpperCase()), "{}")
            .status(status)
            .providerCallId(leg)
            .callId(echoedId)
            .occurredAt(T0.plusSeconds(second))
            .build(),
        T0.plusSeconds(second));
  }

  private static Inbound hangup(String leg, String echoedId) {
    return new Inbound(
        "bm",
        ProviderEvent.builder("hangup|" + leg, EventType.HANGUP, "{}")
            .ended(HangupCause.NORMAL_CLEARING, "16")
            .providerCallId(leg)
            .callId(echoedId)
            .occurredAt(T0.plusSeconds(9))
            .build(),
        T0.plusSeconds(9));
  }

  /** The first event of a call Dialbridge did not place: a leg and the customer's number. */
  private static Inbound firstOfANewCall(String leg, String number) {
    return new Inbound(
        "bm",
        ProviderEvent.builder("ringing|" + leg, EventType.RINGING, "{}")
            .status(CallStatus.RINGING)
            .providerCallId(leg)
            .number(number)
            .occurredAt(T0.plusSeconds(1))
            .build(),
        T0.plusSeconds(1));
  }
}
