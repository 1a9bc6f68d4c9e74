package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.DialbridgeTest.MutableClock;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.spi.CallListener;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Logs that follow a call (issue 19): while a call's webhook event is applied or the reconciler
 * closes it, SLF4J's MDC holds its id and provider, and the thread has its own context back after.
 */
class LogContextTest {
  private final MockWebServer c3 = new MockWebServer();
  private final MutableClock clock = new MutableClock(java.time.Instant.now());
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private Dialbridge dialbridge;

  @BeforeEach
  void start() throws Exception {
    c3.start();
    dialbridge =
        Dialbridge.builder(
                TestConfig.region("PE")
                    .provider("c3", "c3", c3.url("/").toString())
                    .token("c3", "t")
                    .webhookToken("c3", "w")
                    .agent("ana", "6001")
                    .set("dialbridge.store.stuck-after", "1m")
                    .parse())
            .clock(clock)
            .dataSource(Databases.freshH2())
            .listener(
                new CallListener() {
                  @Override
                  public void onStatusChange(Call call, CallEvent event) {
                    seen.add(
                        call.id()
                            + " "
                            + event.type()
                            + ": "
                            + MDC.get("dialbridge.provider")
                            + " "
                            + MDC.get("dialbridge.callId"));
                  }
                })
            .build();
  }

  @AfterEach
  void stop() {
    dialbridge.close();
    c3.close();
  }

  private Call placed() {
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"message\":\"ok\",\"data\":{\"actionid\":\"api_1\"}}")
            .build());
    return dialbridge.placeCall(Actor.user("ana"), new PlaceCall("42", "015551234", null, null));
  }

  @Test
  void anEventAppliedAndAReconciliationCarryTheCallAndItsProvider() {
    Call call = placed();
    dialbridge.ingestWithoutVerification(
        "c3", WebhookRequest.json("{\"event\":\"answered\",\"callId\":\"api_1\"}"));
    assertThat(dialbridge.awaitInboxApplied(Duration.ofSeconds(5))).isTrue();

    MDC.put("dialbridge.callId", "the test's own");
    clock.advance(Duration.ofMinutes(2));
    assertThat(dialbridge.reconcile()).isEqualTo(1);

    assertThat(seen)
        .containsExactly(
            call.id() + " ANSWERED: c3 " + call.id(), call.id() + " HANGUP: c3 " + call.id());
    assertThat(MDC.get("dialbridge.callId")).as("restored").isEqualTo("the test's own");
    assertThat(MDC.get("dialbridge.provider")).isNull();
    MDC.clear();
  }
}
