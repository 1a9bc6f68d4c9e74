package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.metrics.MicrometerMetrics;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dialbridge's Micrometer metrics (issue 19): webhooks by provider and reason, click-to-calls and
 * provider requests by outcome, the inbox and live calls as gauges; no number or user in a tag.
 */
class MetricsTest {
  private final MockWebServer c3 = new MockWebServer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Dialbridge dialbridge;

  @BeforeEach
  void start() throws Exception {
    c3.start();
    dialbridge =
        Dialbridge.builder(
                TestConfig.region("PE")
                    .provider("c3", "c3", c3.url("/").toString())
                    .token("c3", "t0k3n")
                    .webhookToken("c3", "wh")
                    .agent("ana", "6001")
                    .parse())
            .dataSource(Databases.freshH2())
            .metrics(new MicrometerMetrics(registry))
            .build();
  }

  @AfterEach
  void stop() {
    dialbridge.close();
    c3.close();
  }

  private double count(String name, String... tags) {
    return registry.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private void webhook(String token, String body) {
    try {
      dialbridge.ingest(
          "c3",
          new WebhookRequest(
              "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of()),
          token,
          "127.0.0.1");
    } catch (DialbridgeException e) {
      // counted all the same
    }
  }

  @Test
  void webhooksAreCountedByProviderAndReasonAndTimed() {
    String event = "{\"event\":\"answered\",\"callId\":\"m-1\",\"eventId\":\"m-1\"}";
    webhook("wh", event);
    webhook("wh", event);
    webhook("wrong", event);
    webhook("wh", "{\"event\":\"hangup\"}");

    assertThat(count("dialbridge.webhooks", "provider", "c3", "reason", "stored")).isEqualTo(1);
    assertThat(count("dialbridge.webhooks", "reason", "duplicate", "outcome", "accepted"))
        .isEqualTo(1);
    assertThat(
            count("dialbridge.webhooks", "reason", "webhook_unauthenticated", "outcome", "refused"))
        .isEqualTo(1);
    assertThat(count("dialbridge.webhooks", "reason", "webhook_unparseable")).isEqualTo(1);
    assertThat(registry.find("dialbridge.webhook.ingest").timer().count()).isEqualTo(2);
    assertThat(dialbridge.awaitInboxApplied(Duration.ofSeconds(5))).isTrue();
    assertThat(registry.find("dialbridge.inbox.pending").gauge().value()).isZero();
    assertThat(registry.find("dialbridge.inbox.lag").gauge().value()).isZero();
  }

  @Test
  void callsAndProviderRequestsAreCountedByOutcomeWithNoNumberInATag() {
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"message\":\"ok\",\"data\":{\"actionid\":\"api_1\"}}")
            .build());
    dialbridge.placeCall(Actor.user("ana"), new PlaceCall("42", "015551234", null, null));
    assertThatThrownBy(
            () ->
                dialbridge.placeCall(
                    Actor.user("ana"), new PlaceCall("43", "015551235", null, null)))
        .isInstanceOf(DialbridgeException.class); // ana is on a call

    assertThat(count("dialbridge.calls", "provider", "c3", "code", "placed")).isEqualTo(1);
    assertThat(count("dialbridge.calls", "code", "agent_busy", "outcome", "not_placed"))
        .isEqualTo(1);
    assertThat(
            registry
                .find("dialbridge.provider.requests")
                .tags("provider", "c3", "operation", "place_call", "outcome", "ok")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.find("dialbridge.calls.live").gauge().value()).isEqualTo(1);

    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue())
            .as(meter.getId().getName() + " " + tag.getKey())
            .doesNotContainPattern("\\d{5,}")
            .isNotEqualTo("ana");
      }
    }
  }

  @Test
  void theDetailedHealthTellsEachProvidersLastRequestThatWorkedAndFailed() {
    assertThat(dialbridge.detailedHealth(Actor.admin("root")).providers().get("c3").lastSuccess())
        .isNull();
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"message\":\"ok\",\"data\":{\"actionid\":\"api_2\"}}")
            .build());
    Call placed =
        dialbridge.placeCall(Actor.user("ana"), new PlaceCall("42", "015551234", null, null));
    c3.enqueue(new MockResponse.Builder().code(401).body("{\"message\":\"bad token\"}").build());
    assertThatThrownBy(() -> dialbridge.hangUp(Actor.user("ana"), placed.id()))
        .isInstanceOf(DialbridgeException.class);

    DetailedHealth.ProviderStatus c3Status =
        dialbridge.detailedHealth(Actor.admin("root")).providers().get("c3");
    assertThat(c3Status.lastSuccess()).isNotNull();
    assertThat(c3Status.lastFailure()).isNotNull();
    assertThat(c3Status.lastFailureCode()).isEqualTo("provider_authentication_failed");
    assertThatThrownBy(() -> dialbridge.detailedHealth(Actor.user("ana")))
        .isInstanceOf(DialbridgeException.class);
  }
}
