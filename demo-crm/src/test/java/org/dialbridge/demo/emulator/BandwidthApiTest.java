package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BandwidthApiTest {
  private static final String AUTH = Http.basic(TestSettings.BW_TOKEN, TestSettings.BW_SECRET);
  private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
  private static final String AGENT = "+13865245000";
  private static final String OUR_NUMBER = "+15753222083";
  private static final String CUSTOMER = "+13125556666";

  @RegisterExtension
  final EmulatorUnderTest emulator = new EmulatorUnderTest(ProviderSettings.Type.BANDWIDTH);

  private URI calls() {
    return emulator.url("/users/" + TestSettings.BW_USER + "/calls");
  }

  private String callbackUrl() {
    URI url = emulator.receiver().url("/dialbridge/webhooks/bw");
    return "http://bw-hook:s3cr%40t@" + url.getAuthority() + url.getPath();
  }

  private HttpResponse<String> createCall(String to) {
    return Http.to("POST", calls())
        .json(
            "{\"from\":\""
                + OUR_NUMBER
                + "\",\"to\":\""
                + to
                + "\",\"callbackUrl\":\""
                + callbackUrl()
                + "\",\"callTimeout\":60,\"tag\":\"dialbridge-call-1\"}")
        .headers("Authorization", AUTH)
        .send();
  }

  /** Creates the agent leg, waits for its answer, transfers it; answers the customer leg's URL. */
  private URI answeredAndTransferred(URI agentLeg, String customer) {
    assertThat(emulator.receiver().take().event()).isEqualTo("answer");
    HttpResponse<String> transfer =
        Http.to("POST", agentLeg)
            .json(
                "{\"state\":\"transferring\",\"transferTo\":\""
                    + customer
                    + "\",\"transferCallerId\":\""
                    + OUR_NUMBER
                    + "\"}")
            .headers("Authorization", AUTH)
            .send();
    assertThat(transfer.statusCode()).isEqualTo(201);
    return URI.create(transfer.headers().firstValue("Location").orElseThrow());
  }

  private static String id(URI leg) {
    String path = leg.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Test
  void createCallAnswers201WithLocationAndNoBody() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response = createCall(AGENT);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(
            location ->
                assertThat(location)
                    .matches(
                        "http://127\\.0\\.0\\.1:"
                            + emulator.port()
                            + "/bandwidth/v1/users/u-7d2c41/calls/c-[a-z0-9]{24}"));
  }

  @Test
  void agentLegPostsAnswerToTheCallbackUrlWithItsCredentials() {
    emulator.start(TestSettings.longTalk());
    URI leg = URI.create(createCall(AGENT).headers().firstValue("Location").orElseThrow());

    WebhookReceiver.Received answer = emulator.receiver().take();

    assertThat(answer.path()).isEqualTo("/dialbridge/webhooks/bw");
    assertThat(answer.header("Authorization")).isEqualTo(Http.basic("bw-hook", "s3cr@t"));
    assertThat(answer.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(answer.header("X-Dialbridge-Token")).isNull();
    JsonNode json = answer.json();
    assertThat(json.get("eventType").asText()).isEqualTo("answer");
    assertThat(json.get("from").asText()).isEqualTo(OUR_NUMBER);
    assertThat(json.get("to").asText()).isEqualTo(AGENT);
    assertThat(json.get("callId").asText()).isEqualTo(id(leg));
    assertThat(json.get("callUri").asText()).isEqualTo(leg.toString());
    assertThat(json.get("callState").asText()).isEqualTo("active");
    assertThat(json.get("time").asText()).matches(TIME);
    assertThat(json.get("tag").asText()).isEqualTo("dialbridge-call-1");
    assertThat(emulator.sentWebhooks())
        .allSatisfy(
            sent ->
                assertThat(sent.url().toString())
                    .doesNotContain("s3cr")
                    .startsWith("http://127.0.0.1:"));
  }

  @Test
  void transferCreatesTheCustomerLegWhichAnswersThenBothLegsHangUp() {
    emulator.start(EmulatorSettings.Timing.fast());
    URI agentLeg = URI.create(createCall(AGENT).headers().firstValue("Location").orElseThrow());

    URI customerLeg = answeredAndTransferred(agentLeg, CUSTOMER);

    assertThat(customerLeg.toString())
        .matches(".*/bandwidth/v1/users/u-7d2c41/calls/c-[a-z0-9]{24}");
    assertThat(customerLeg).isNotEqualTo(agentLeg);
    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(3);
    assertThat(webhooks)
        .extracting(w -> w.event() + " " + w.json().get("callId").asText())
        .containsExactly(
            "answer " + id(customerLeg), "hangup " + id(customerLeg), "hangup " + id(agentLeg));
    JsonNode answer = webhooks.get(0).json();
    assertThat(answer.get("from").asText()).isEqualTo(OUR_NUMBER);
    assertThat(answer.get("to").asText()).isEqualTo(CUSTOMER);
    assertThat(answer.get("callUri").asText()).isEqualTo(customerLeg.toString());
    assertThat(answer.get("tag").asText()).isEqualTo("dialbridge-call-1");
    assertThat(webhooks.subList(1, 3))
        .allSatisfy(
            hangup -> {
              assertThat(hangup.json().get("cause").asText()).isEqualTo("NORMAL_CLEARING");
              assertThat(hangup.json().get("time").asText()).matches(TIME);
              assertThat(hangup.header("Authorization")).isEqualTo(Http.basic("bw-hook", "s3cr@t"));
            });
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "+13125550002, 'hangup', USER_BUSY",
    "+13125550003, 'timeout,hangup', NO_ANSWER",
    "+13125550004, 'hangup', UNALLOCATED_NUMBER",
    "+13125550005, 'hangup', CALL_REJECTED",
  })
  void customerNumberSuffixPicksTheCustomerLegsCause(
      String customer, String customerEvents, String cause) {
    emulator.start(EmulatorSettings.Timing.fast());
    URI agentLeg = URI.create(createCall(AGENT).headers().firstValue("Location").orElseThrow());
    URI customerLeg = answeredAndTransferred(agentLeg, customer);

    List<String> expected = List.of(customerEvents.split(","));
    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(expected.size() + 1);

    assertThat(webhooks.subList(0, expected.size()))
        .extracting(WebhookReceiver.Received::event)
        .containsExactlyElementsOf(expected);
    assertThat(webhooks.subList(0, expected.size()))
        .allSatisfy(w -> assertThat(w.json().get("callId").asText()).isEqualTo(id(customerLeg)));
    assertThat(webhooks.get(expected.size() - 1).json().get("cause").asText()).isEqualTo(cause);
    WebhookReceiver.Received agentHangup = webhooks.get(expected.size());
    assertThat(agentHangup.json().get("callId").asText()).isEqualTo(id(agentLeg));
    assertThat(agentHangup.json().get("cause").asText()).isEqualTo("NORMAL_CLEARING");
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void rejectedLegReadsRejectedAndEndsWithCallRejected() {
    emulator.start(EmulatorSettings.Timing.fast());
    URI leg = URI.create(createCall("+13865240005").headers().firstValue("Location").orElseThrow());

    WebhookReceiver.Received hangup = emulator.receiver().take();

    assertThat(hangup.json().get("cause").asText()).isEqualTo("CALL_REJECTED");
    assertThat(hangup.json().get("callState").asText()).isEqualTo("completed");
    assertThat(
            Http.json(Http.to("GET", leg).headers("Authorization", AUTH).send())
                .get("state")
                .asText())
        .isEqualTo("rejected");
  }

  @Test
  void completedHangsUpAnAnsweredLegEarlyAndAgainIsCallInvalidState() {
    emulator.start(TestSettings.longTalk());
    URI leg = URI.create(createCall(AGENT).headers().firstValue("Location").orElseThrow());
    assertThat(emulator.receiver().take().event()).isEqualTo("answer");

    HttpResponse<String> completed =
        Http.to("POST", leg)
            .json("{\"state\":\"completed\"}")
            .headers("Authorization", AUTH)
            .send();

    assertThat(completed.statusCode()).isEqualTo(200);
    WebhookReceiver.Received hangup = emulator.receiver().take();
    assertThat(hangup.event()).isEqualTo("hangup");
    assertThat(hangup.json().get("cause").asText()).isEqualTo("NORMAL_CLEARING");
    HttpResponse<String> again =
        Http.to("POST", leg)
            .json("{\"state\":\"completed\"}")
            .headers("Authorization", AUTH)
            .send();
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(Http.json(again).get("code").asText()).isEqualTo("call-invalid-state");
    assertThat(Http.json(again).get("category").asText()).isNotBlank();
    assertThat(Http.json(again).get("message").asText()).isNotBlank();
  }

  @Test
  void completedBeforeAnswerIsOriginatorCancel() {
    emulator.start(TestSettings.longRinging());
    URI leg = URI.create(createCall("+13865240003").headers().firstValue("Location").orElseThrow());
    emulator
        .receiver()
        .expectNothingFor(Duration.ofMillis(300)); // ringing: Bandwidth v1 posts nothing

    assertThat(
            Http.to("POST", leg)
                .json("{\"state\":\"completed\"}")
                .headers("Authorization", AUTH)
                .send()
                .statusCode())
        .isEqualTo(200);

    WebhookReceiver.Received hangup = emulator.receiver().take();
    assertThat(hangup.event()).isEqualTo("hangup");
    assertThat(hangup.json().get("cause").asText()).isEqualTo("ORIGINATOR_CANCEL");
  }

  @Test
  void completingTheAgentLegHangsUpTheBridgedCustomerLegToo() {
    emulator.start(TestSettings.longTalk());
    URI agentLeg = URI.create(createCall(AGENT).headers().firstValue("Location").orElseThrow());
    URI customerLeg = answeredAndTransferred(agentLeg, CUSTOMER);
    assertThat(emulator.receiver().take().json().get("callId").asText())
        .isEqualTo(id(customerLeg)); // answer

    assertThat(
            Http.to("POST", agentLeg)
                .json("{\"state\":\"completed\"}")
                .headers("Authorization", AUTH)
                .send()
                .statusCode())
        .isEqualTo(200);

    List<WebhookReceiver.Received> hangups = emulator.receiver().take(2);
    assertThat(hangups)
        .extracting(
            w ->
                w.event()
                    + " "
                    + w.json().get("callId").asText()
                    + " "
                    + w.json().get("cause").asText())
        .containsExactly(
            "hangup " + id(agentLeg) + " NORMAL_CLEARING",
            "hangup " + id(customerLeg) + " NORMAL_CLEARING");
  }

  @Test
  void getCallAnswersTheDocumentedResource() {
    emulator.start(TestSettings.longTalk());
    URI leg = URI.create(createCall(AGENT).headers().firstValue("Location").orElseThrow());
    emulator.receiver().take(); // answer

    JsonNode active = Http.json(Http.to("GET", leg).headers("Authorization", AUTH).send());
    assertThat(active.get("id").asText()).isEqualTo(id(leg));
    assertThat(active.get("direction").asText()).isEqualTo("out");
    assertThat(active.get("from").asText()).isEqualTo(OUR_NUMBER);
    assertThat(active.get("to").asText()).isEqualTo(AGENT);
    assertThat(active.get("state").asText()).isEqualTo("active");
    assertThat(active.get("startTime").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(active.has("activeTime")).isTrue();
    assertThat(active.has("endTime")).isFalse();
    assertThat(active.get("callbackUrl").asText())
        .doesNotContain("s3cr")
        .endsWith("/dialbridge/webhooks/bw");
    assertThat(active.get("events").asText()).isEqualTo(leg + "/events");

    Http.to("POST", leg).json("{\"state\":\"completed\"}").headers("Authorization", AUTH).send();
    JsonNode completed = Http.json(Http.to("GET", leg).headers("Authorization", AUTH).send());
    assertThat(completed.get("state").asText()).isEqualTo("completed");
    assertThat(completed.has("endTime")).isTrue();
    assertThat(completed.get("chargeableDuration").asInt()).isEqualTo(60);
  }

  @Test
  void transferOfAnUnansweredLegIsCallInvalidState() {
    emulator.start(TestSettings.longRinging());
    URI leg = URI.create(createCall("+13865240003").headers().firstValue("Location").orElseThrow());

    HttpResponse<String> transfer =
        Http.to("POST", leg)
            .json("{\"state\":\"transferring\",\"transferTo\":\"" + CUSTOMER + "\"}")
            .headers("Authorization", AUTH)
            .send();

    assertThat(transfer.statusCode()).isEqualTo(403);
    assertThat(Http.json(transfer).get("code").asText()).isEqualTo("call-invalid-state");
  }

  @Test
  void updateOfAnUnknownCallIsCallIdNotFound() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("POST", URI.create(calls() + "/c-doesnotexist"))
            .json("{\"state\":\"completed\"}")
            .headers("Authorization", AUTH)
            .send();

    assertThat(response.statusCode()).isEqualTo(403);
    JsonNode error = Http.json(response);
    assertThat(error.get("code").asText()).isEqualTo("call-id-not-found");
    assertThat(error.get("category").asText()).isNotBlank();
    assertThat(error.get("message").asText()).contains("c-doesnotexist");
  }

  @Test
  void wrongApiSecretIs401AndPlacesNoCall() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("POST", calls())
            .json(
                "{\"from\":\""
                    + OUR_NUMBER
                    + "\",\"to\":\""
                    + AGENT
                    + "\",\"callbackUrl\":\""
                    + callbackUrl()
                    + "\"}")
            .headers("Authorization", Http.basic(TestSettings.BW_TOKEN, "nope"))
            .send();

    assertThat(response.statusCode()).isEqualTo(401);
    emulator.receiver().expectNothingFor(Duration.ofMillis(400));
  }

  @Test
  void createWithoutToIsMissingProperty() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("POST", calls())
            .json("{\"from\":\"" + OUR_NUMBER + "\"}")
            .headers("Authorization", AUTH)
            .send();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("code").asText()).isEqualTo("missing-property");
  }

  @Test
  void anotherUsersCallsAreNotFound() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("POST", emulator.url("/users/u-other/calls"))
            .json("{\"from\":\"" + OUR_NUMBER + "\",\"to\":\"" + AGENT + "\"}")
            .headers("Authorization", AUTH)
            .send();

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("code").asText()).isEqualTo("user-not-found");
  }
}
