package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delivery log over real HTTP in Jetty (issue 19): every webhook delivery of a configured
 * provider, answered or refused, with the stable reason, the event it became and the sender's
 * address, for administrators only; never a secret, numbers masked.
 */
class DeliveryLogApiTest {
  private static final String TOKEN = "s3cret-hook-token";
  private static JettyHost host;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .defaultProvider("c3")
                .h2Store("deliveries")
                .provider("c3", "c3", "http://127.0.0.1:9/")
                .token("c3", "c3-api-token")
                .webhookToken("c3", TOKEN)
                .provider("c3b", "c3", "http://127.0.0.1:9/")
                .token("c3b", "c3-api-token")
                .webhookToken("c3b", "other-token")
                .agent("ana", "6001")
                .properties());
    assertThat(host.startupFailure()).isNull();
    http = host.http();
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  private static int post(String path, String contentType, String body) {
    return http.post(path).body(contentType, body).send().statusCode();
  }

  private static JsonNode deliveries(String query) {
    HttpResponse<String> r = http.get("dialbridge/api/admin/deliveries" + query).as("admin").send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(TOKEN).doesNotContain("987654321");
    return Http.json(r).get("deliveries");
  }

  @Test
  void aRefusedDeliveryIsListedWithItsReasonInWordsAndAStoredOneWithItsEvent() {
    assertThat(
            post(
                "dialbridge/webhooks/c3/wrong-token",
                "application/json",
                "{\"event\":\"answered\",\"callId\":\"d-1\"}"))
        .isEqualTo(401);
    JsonNode refused = deliveries("?provider=c3&outcome=refused").get(0);
    assertThat(refused.get("answer").asInt()).isEqualTo(401);
    assertThat(refused.get("reason").asText()).isEqualTo("webhook_unauthenticated");
    assertThat(refused.get("detail").asText())
        .isEqualTo("webhook authentication failed: wrong token");
    assertThat(refused.get("remoteAddress").asText()).isEqualTo("127.0.0.1");

    assertThat(
            post(
                "dialbridge/webhooks/c3/" + TOKEN,
                "application/json",
                "{\"event\":\"ringing\",\"direction\":\"inbound\",\"callId\":\"d-2\","
                    + "\"from\":\"+51987654321\",\"eventId\":\"d-2-1\"}"))
        .isEqualTo(204);
    JsonNode stored = deliveries("?provider=c3&outcome=stored").get(0);
    assertThat(stored.get("answer").asInt()).isEqualTo(204);
    assertThat(stored.get("events").get(0).asText()).isEqualTo("INCOMING RINGING call d-2 •••4321");

    assertThat(
            post(
                "dialbridge/webhooks/c3/" + TOKEN,
                "application/json",
                "{\"event\":\"ringing\",\"direction\":\"inbound\",\"callId\":\"d-2\","
                    + "\"from\":\"+51987654321\",\"eventId\":\"d-2-1\"}"))
        .isEqualTo(204);
    assertThat(deliveries("?provider=c3").get(0).get("reason").asText()).isEqualTo("duplicate");
  }

  @Test
  void anUnparseableBodyNamesItsFieldAndARefusalBeforeParsingIsKeptToo() {
    assertThat(
            post(
                "dialbridge/webhooks/c3b/other-token",
                "application/json",
                "{\"event\":\"hangup\"}"))
        .isEqualTo(400);
    JsonNode unparseable = deliveries("?provider=c3b&outcome=webhook_unparseable").get(0);
    assertThat(unparseable.get("answer").asInt()).isEqualTo(400);
    assertThat(unparseable.get("field").asText()).isEqualTo("callId");

    assertThat(post("dialbridge/webhooks/c3b/other-token", "text/xml", "<x/>")).isEqualTo(415);
    assertThat(deliveries("?provider=c3b").get(0).get("reason").asText())
        .isEqualTo("unsupported_media_type");
    assertThat(deliveries("?provider=c3b&outcome=accepted")).isEmpty();
  }

  @Test
  void onlyAdministratorsSeeItAndUnknownProvidersAreNotKept() {
    assertThat(http.get("dialbridge/api/admin/deliveries").as("ana").send().statusCode())
        .isEqualTo(403);
    assertThat(http.get("dialbridge/api/admin/deliveries?limit=0").as("admin").send().statusCode())
        .isEqualTo(400);
    assertThat(post("dialbridge/webhooks/made-up", "application/json", "{}")).isEqualTo(404);
    assertThat(deliveries("?provider=made-up")).isEmpty();
  }

  /** The detailed health names each provider's last webhook and how it was answered. */
  @Test
  void theDetailedHealthSaysWhenEachProvidersLastWebhookCameAndHowItWasAnswered() {
    post(
        "dialbridge/webhooks/c3b/wrong",
        "application/json",
        "{\"event\":\"answered\",\"callId\":\"h-1\"}");
    HttpResponse<String> r = http.get("dialbridge/api/admin/health").as("admin").send();
    JsonNode health = Http.json(r);
    assertThat(health.at("/providers/c3b/lastWebhookReason").asText())
        .isEqualTo("webhook_unauthenticated");
    assertThat(health.at("/providers/c3b/lastWebhook").isNull()).isFalse();
    assertThat(health.at("/store").asText()).isEqualTo("UP");
    assertThat(health.at("/inbox/lagSeconds").isNumber()).isTrue();
    assertThat(health.at("/calls/stuck").asLong()).isZero();
    assertThat(r.body()).doesNotContain("other-token").doesNotContain("c3-api-token");
    assertThat(http.get("dialbridge/api/admin/health").as("ana").send().statusCode())
        .isEqualTo(403);
  }
}
