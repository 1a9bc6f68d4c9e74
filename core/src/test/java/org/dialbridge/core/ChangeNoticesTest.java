package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.dialbridge.core.config.RateLimit;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.EventInterpreter;
import org.dialbridge.core.store.Inbound;
import org.dialbridge.core.testing.AsIs;
import org.dialbridge.core.testing.Databases;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL: a change written by one reaches the other's watcher at once, by
 * NOTIFY, long before its poll would have found it.
 */
class ChangeNoticesTest {
  private static final Duration NEVER = Duration.ofMinutes(10);

  @Test
  void aChangeOnOneNodeReachesTheOtherNodesWatcherWithoutWaitingForItsPoll() throws Exception {
    assertNodeBSeesTheAnswer(
        (nodeA, answered) ->
            nodeA.ingest(
                "c3",
                answered,
                Instant.now(),
                EventInterpreter.AS_IS,
                null,
                CallStore.CORRELATION_WINDOW));
  }

  /** The applier's claim tells the other nodes, in its own round trip: no statement of its own. */
  @Test
  void anEventAppliedFromTheInboxReachesTheOtherNodesWatcherAsSoon() throws Exception {
    assertNodeBSeesTheAnswer(
        (nodeA, answered) -> {
          nodeA.appendToInbox(List.of(new Inbound("c3", answered, Instant.now())));
          assertThat(nodeA.applyInbox(16, AsIs.APPLICATION)).hasSize(1);
        });
  }

  /** What node A does with the answer of a call it placed, node B watching the call. */
  private interface Answer {
    void on(CallStore nodeA, ProviderEvent answered) throws Exception;
  }

  private static void assertNodeBSeesTheAnswer(Answer answer) throws Exception {
    DataSource db = Databases.freshPostgres();
    Instant now = Instant.now();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    try (CallStore nodeA = CallStore.open(db, Clock.systemUTC());
        CallStore nodeB = CallStore.open(db, Clock.systemUTC());
        CallWatcher watcherB = new CallWatcher(nodeB, scheduler, NEVER.toMillis())) {
      Call call = Call.placed("n1", "c3", "42", "ana", "6001", "6001", "+5115551234", now);
      nodeA.insertPlaced(
          call,
          new CallEvent(
              "n1", EventType.PLACED, CallStatus.DIALING, null, null, now, now, "placed|n1", "{}"),
          new RateLimit(100, Duration.ofMinutes(1)));
      nodeA.linkLeg("n1", "c3", "api_n1", true, EventInterpreter.AS_IS);
      BlockingQueue<CallStatus> seenOnB = new LinkedBlockingQueue<>();
      watcherB.watch("n1", c -> seenOnB.add(c.status()));
      assertThat(seenOnB.poll(5, TimeUnit.SECONDS)).isEqualTo(CallStatus.DIALING);
      Thread.sleep(1_500); // B's connection is listening

      answer.on(
          nodeA,
          ProviderEvent.builder("answered|api_n1", EventType.ANSWERED, "{}")
              .status(CallStatus.ANSWERED)
              .providerCallId("api_n1")
              .build());

      assertThat(seenOnB.poll(3, TimeUnit.SECONDS))
          .as("node B's watcher, which polls every 10 min")
          .isEqualTo(CallStatus.ANSWERED);
    } finally {
      scheduler.shutdownNow();
    }
  }
}
