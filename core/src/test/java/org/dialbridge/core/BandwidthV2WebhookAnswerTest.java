package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dialbridge.core.DialbridgeTest.MutableClock;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.WebhookAnswer;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Bandwidth v2 call through the whole core, over loopback HTTP: the webhook's BXML answer is
 * computed once the event is durable, from the event and the configuration (never the store), the
 * same for a duplicate; the legs' callbacks move the call to COMPLETED with its duration.
 */
class BandwidthV2WebhookAnswerTest {
  private static final Actor ANA = Actor.user("ana");
  private static final Instant T0 = Instant.parse("2026-12-02T15:54:20Z");
  private static final String FROM = "+19195551212";
  private static final String CUSTOMER = "+13125556666";
  private static final String AGENT_PHONE = "+13865245000";
  private static final String AGENT_LEG = "c-agent-1";
  private static final String CUSTOMER_LEG = "c-customer-1";
  private static final String HOOK = "https://crm.example.com/dialbridge/webhooks/bw2";
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("hook:w3bh00k-pw".getBytes(StandardCharsets.UTF_8));

  private final MockWebServer bandwidth = new MockWebServer();
  private final MutableClock clock = new MutableClock(T0);
  private Dialbridge dialbridge;

  @BeforeEach
  void start() throws Exception {
    bandwidth.start();
    dialbridge =
        Dialbridge.builder(
                TestConfig.region("US")
                    .defaultProvider("bw2")
                    .set("dialbridge.dial.allowed-regions", "US")
                    .provider("bw2", "bandwidth-v2", bandwidth.url("/api/v2").toString())
                    .providerKey("bw2", "account-id", "9900000")
                    .providerKey("bw2", "application-id", "app-1")
                    .providerKey("bw2", "username", "api-user")
                    .providerKey("bw2", "password", "api-pw")
                    .providerKey("bw2", "from-number", FROM)
                    .providerKey("bw2", "callback-base-url", HOOK)
                    .providerKey("bw2", "webhook-basic-user", "hook")
                    .providerKey("bw2", "webhook-basic-password", "w3bh00k-pw")
                    .agent("ana", AGENT_PHONE)
                    .agent("bruno", "sip:bruno@agents.example.com")
                    .set("dialbridge.inbound.routes.+19195551212", "ana")
                    .parse())
            .clock(clock)
            .dataSource(Databases.freshH2())
            .build();
  }

  @AfterEach
  void stop() {
    dialbridge.close();
    bandwidth.close();
  }

  private Delivery post(String body) {
    Delivery delivery =
        dialbridge.ingest(
            "bw2",
            new WebhookRequest(
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", List.of(BASIC))));
    assertThat(dialbridge.awaitInboxApplied(Duration.ofSeconds(10))).isTrue();
    return delivery;
  }

  private String callback(String type, String leg, String parent, String tag, String extra) {
    clock.advance(Duration.ofSeconds(2));
    return "{\"eventType\":\""
        + type
        + "\",\"eventTime\":\""
        + clock.instant()
        + "\",\"accountId\":\"9900000\",\"applicationId\":\"app-1\",\"from\":\""
        + FROM
        + "\",\"to\":\""
        + AGENT_PHONE
        + "\",\"direction\":\"outbound\",\"callId\":\""
        + leg
        + "\""
        + (parent == null ? "" : ",\"parentCallId\":\"" + parent + "\"")
        + (tag == null ? "" : ",\"tag\":\"" + tag + "\"")
        + extra
        + "}";
  }

  /** Places a call to the customer; returns it and the tag Bandwidth was given. */
  private String[] place() throws Exception {
    bandwidth.enqueue(
        new MockResponse.Builder()
            .code(201)
            .setHeader("Location", "/api/v2/accounts/9900000/calls/" + AGENT_LEG)
            .body("{\"callId\":\"" + AGENT_LEG + "\"}")
            .build());
    Call call = dialbridge.placeCall(ANA, new PlaceCall(null, CUSTOMER, "bw2"));
    RecordedRequest create = bandwidth.takeRequest();
    JsonNode body = Payloads.JSON.readTree(create.getBody().utf8());
    return new String[] {call.id(), body.get("tag").asText()};
  }

  @Test
  void theAgentsAnswerIsAnsweredWithTheTransferAndTheCallEndsCompletedWithItsDuration()
      throws Exception {
    String[] placed = place();
    String callId = placed[0];
    String tag = placed[1];

    String answer = callback("answer", AGENT_LEG, null, tag, "");
    Delivery first = post(answer);
    assertThat(first.stored()).isEqualTo(1);
    WebhookAnswer bxml = first.answer().orElseThrow();
    assertThat(bxml.mediaType()).isEqualTo("application/xml");
    assertThat(bxml.body()).contains(">" + CUSTOMER + "</PhoneNumber>");
    assertThat(dialbridge.call(callId).status()).isEqualTo(CallStatus.RINGING);

    Delivery again = post(answer);
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(again.answer()).isEqualTo(first.answer());

    Delivery answered = post(callback("transferAnswer", CUSTOMER_LEG, AGENT_LEG, tag, ""));
    assertThat(answered.answer()).isEmpty();
    assertThat(dialbridge.call(callId).status()).isEqualTo(CallStatus.ANSWERED);

    clock.advance(Duration.ofSeconds(60));
    post(callback("transferDisconnect", CUSTOMER_LEG, AGENT_LEG, tag, ",\"cause\":\"hangup\""));
    post(callback("transferComplete", AGENT_LEG, null, tag, ",\"cause\":\"hangup\""));
    post(callback("disconnect", AGENT_LEG, null, tag, ",\"cause\":\"hangup\""));

    Call ended = dialbridge.call(callId);
    assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(ended.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(ended.durationSeconds()).isEqualTo(62L);
  }

  @Test
  void hangingUpCompletesTheAgentLegAndTheCustomerLegOnceItAnswered() throws Exception {
    String[] placed = place();
    post(callback("answer", AGENT_LEG, null, placed[1], ""));
    post(callback("transferAnswer", CUSTOMER_LEG, AGENT_LEG, placed[1], ""));
    bandwidth.enqueue(new MockResponse.Builder().code(200).build());
    bandwidth.enqueue(new MockResponse.Builder().code(200).build());

    dialbridge.hangUp(ANA, placed[0]);

    assertThat(bandwidth.takeRequest().getTarget())
        .isEqualTo("/api/v2/accounts/9900000/calls/" + AGENT_LEG);
    RecordedRequest customer = bandwidth.takeRequest();
    assertThat(customer.getTarget()).isEqualTo("/api/v2/accounts/9900000/calls/" + CUSTOMER_LEG);
    assertThat(customer.getBody().utf8()).isEqualTo("{\"state\":\"completed\"}");
  }

  @Test
  void theAnswerNeedsNoStoredCall() {
    // a tag of ours for a call this store never saw: the BXML comes from the tag alone
    String tag = "never-stored;" + CUSTOMER + ";" + signedMac("never-stored;" + CUSTOMER);
    Delivery delivery = post(callback("answer", "c-elsewhere", null, tag, ""));
    assertThat(delivery.answer().orElseThrow().body()).contains(CUSTOMER);
  }

  @Test
  void anInboundCallIsAnsweredWithATransferToTheRoutedAgentAndStoredAsInbound() {
    String initiate =
        "{\"eventType\":\"initiate\",\"eventTime\":\"2026-12-02T15:55:00Z\",\"from\":\""
            + CUSTOMER
            + "\",\"to\":\""
            + FROM
            + "\",\"direction\":\"inbound\",\"callId\":\"c-in-1\"}";

    Delivery delivery = post(initiate);

    String bxml = delivery.answer().orElseThrow().body();
    assertThat(bxml).contains(">" + AGENT_PHONE + "</PhoneNumber>");
    assertThat(bxml).contains("transferCallerId=\"" + CUSTOMER + "\"");
    assertThat(post(initiate).answer()).isEqualTo(delivery.answer());
    Call call = dialbridge.liveCall(ANA).orElseThrow();
    assertThat(call.direction()).isEqualTo(Direction.INBOUND);
    assertThat(call.status()).isEqualTo(CallStatus.RINGING);
    assertThat(call.from()).isEqualTo(CUSTOMER);
  }

  @Test
  void anInboundCallToANumberNobodyIsRoutedToIsHungUp() {
    Delivery delivery =
        post(
            "{\"eventType\":\"initiate\",\"eventTime\":\"2026-12-02T15:55:00Z\",\"from\":\""
                + CUSTOMER
                + "\",\"to\":\"+19195550000\",\"callId\":\"c-in-2\"}");
    assertThat(delivery.answer().orElseThrow().body()).contains("<Hangup/>");
  }

  @Test
  void aCallbackWithoutTheWebhookCredentialsIsRefusedAndAnswersNothing() {
    assertThatThrownBy(
            () ->
                dialbridge.ingest(
                    "bw2",
                    WebhookRequest.json(callback("answer", AGENT_LEG, null, "exampleTag", ""))))
        .isInstanceOf(WebhookAuthenticationException.class);
  }

  private static String signedMac(String signed) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              "w3bh00k-pw".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] full = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(java.util.Arrays.copyOf(full, 16));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
