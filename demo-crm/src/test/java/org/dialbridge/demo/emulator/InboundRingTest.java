package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** The emulator ringing an agent: Bandwidth's {@code incomingcall} and the generic format. */
class InboundRingTest {
  private static final String AUTH = Http.basic(TestSettings.BW_TOKEN, TestSettings.BW_SECRET);
  private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
  private static final String CALLER = "+51987654321";
  private static final String DID = "+19195551212";
  private static final String ANA = "sip:6001@agents.demo.bwsip.example";

  @RegisterExtension
  final EmulatorUnderTest emulator = new EmulatorUnderTest(ProviderSettings.Type.BANDWIDTH);

  private HttpResponse<String> ring(String json) {
    return Http.to("POST", URI.create(emulator.baseUri() + "/emulator/ring")).json(json).send();
  }

  private String ringBandwidth(String from, String outcome) {
    HttpResponse<String> response =
        ring(
            "{\"provider\":\"bw\",\"from\":\""
                + from
                + "\",\"to\":\""
                + DID
                + "\""
                + (outcome == null ? "" : ",\"outcome\":\"" + outcome + "\"")
                + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Http.json(response).get("callId").asText();
  }

  /** Takes the {@code incomingcall} and transfers the caller's leg to ana, as Dialbridge does. */
  private String transferredToAna(String callerLeg) {
    WebhookReceiver.Received incoming = emulator.receiver().take();
    assertThat(incoming.event()).isEqualTo("incomingcall");
    HttpResponse<String> transfer =
        Http.to("POST", legUri(callerLeg))
            .json(
                "{\"state\":\"transferring\",\"transferTo\":\""
                    + ANA
                    + "\",\"transferCallerId\":\""
                    + CALLER
                    + "\"}")
            .headers("Authorization", AUTH)
            .send();
    assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(201);
    String location = transfer.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private URI legUri(String leg) {
    return emulator.url("/users/" + TestSettings.BW_USER + "/calls/" + leg);
  }

  private static String describe(WebhookReceiver.Received w) {
    JsonNode json = w.json();
    return w.event()
        + " "
        + json.get("callId").asText()
        + (json.has("cause") ? " " + json.get("cause").asText() : "");
  }

  // --- Bandwidth

  @Test
  void bandwidthPostsIncomingCallToTheApplicationsUrlWithItsCredentials() {
    emulator.start(TestSettings.longTalk());

    String callerLeg = ringBandwidth("+51 987 654 321", null);

    WebhookReceiver.Received incoming = emulator.receiver().take();
    assertThat(incoming.path()).isEqualTo("/dialbridge/webhooks/bw");
    assertThat(incoming.header("Authorization")).isEqualTo(Http.basic("bw-hook", "s3cr@t"));
    assertThat(incoming.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    JsonNode json = incoming.json();
    assertThat(json.get("eventType").asText()).isEqualTo("incomingcall");
    assertThat(json.get("from").asText()).isEqualTo(CALLER);
    assertThat(json.get("to").asText()).isEqualTo(DID);
    assertThat(json.get("callId").asText()).isEqualTo(callerLeg).matches("c-[a-z0-9]{24}");
    assertThat(json.get("callUri").asText()).isEqualTo(legUri(callerLeg).toString());
    assertThat(json.get("callState").asText()).isEqualTo("active");
    assertThat(json.get("applicationId").asText()).startsWith("a-");
    assertThat(json.get("time").asText()).matches(TIME);
    assertThat(json.has("tag")).isFalse();
    JsonNode resource =
        Http.json(Http.to("GET", legUri(callerLeg)).headers("Authorization", AUTH).send());
    assertThat(resource.get("direction").asText()).isEqualTo("in");
    assertThat(resource.get("state").asText()).isEqualTo("active");
  }

  @Test
  void theAgentAnswersTheTransferShowingTheCallerThenBothLegsHangUp() {
    emulator.start(EmulatorSettings.Timing.fast());
    String callerLeg = ringBandwidth(CALLER, null);

    String anasLeg = transferredToAna(callerLeg);

    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(3);
    assertThat(webhooks)
        .extracting(InboundRingTest::describe)
        .containsExactly(
            "answer " + anasLeg,
            "hangup " + anasLeg + " NORMAL_CLEARING",
            "hangup " + callerLeg + " NORMAL_CLEARING");
    JsonNode answer = webhooks.get(0).json();
    assertThat(answer.get("from").asText()).isEqualTo(CALLER);
    assertThat(answer.get("to").asText()).isEqualTo(ANA);
    assertThat(webhooks).allSatisfy(w -> assertThat(w.path()).isEqualTo("/dialbridge/webhooks/bw"));
  }

  @Test
  void theCallersLegIsTransferringWhileTheAgentTalks() {
    emulator.start(TestSettings.longTalk());
    String callerLeg = ringBandwidth(CALLER, null);
    transferredToAna(callerLeg);
    assertThat(emulator.receiver().take().event()).isEqualTo("answer");

    JsonNode resource =
        Http.json(Http.to("GET", legUri(callerLeg)).headers("Authorization", AUTH).send());

    assertThat(resource.get("state").asText()).isEqualTo("transferring");
  }

  @ParameterizedTest
  @CsvSource({
    "no-answer, timeout|hangup NO_ANSWER",
    "busy, hangup USER_BUSY",
    "rejected, hangup CALL_REJECTED",
  })
  void theAgentsLegEndsUnansweredAsTheOutcomeSaysAndTheCallerIsLetGo(
      String outcome, String agentEvents) {
    emulator.start(EmulatorSettings.Timing.fast());
    String callerLeg = ringBandwidth(CALLER, outcome);
    String anasLeg = transferredToAna(callerLeg);
    List<String> expected =
        new java.util.ArrayList<>(
            List.of(agentEvents.split("\\|")).stream()
                .map(e -> e.replaceFirst("^(\\w+)", "$1 " + anasLeg))
                .toList());
    expected.add("hangup " + callerLeg + " NORMAL_CLEARING");

    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(expected.size());

    assertThat(webhooks).extracting(InboundRingTest::describe).containsExactlyElementsOf(expected);
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void theCallerHangingUpWhileTheAgentsPhoneRingsCancelsTheAgentsLeg() {
    emulator.start(TestSettings.longRinging());
    String callerLeg = ringBandwidth(CALLER, "caller-hangs-up");
    String anasLeg = transferredToAna(callerLeg);

    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(2);

    assertThat(webhooks)
        .extracting(InboundRingTest::describe)
        .containsExactly(
            "hangup " + callerLeg + " NORMAL_CLEARING", "hangup " + anasLeg + " ORIGINATOR_CANCEL");
  }

  @Test
  void aCallerNobodyTransfersHangsUpAfterThirtySecondsScaled() {
    emulator.start(EmulatorSettings.Timing.fast().withScale(0.02));
    String callerLeg = ringBandwidth(CALLER, null);
    assertThat(emulator.receiver().take().event()).isEqualTo("incomingcall");

    assertThat(describe(emulator.receiver().take()))
        .isEqualTo("hangup " + callerLeg + " NORMAL_CLEARING");
  }

  @Test
  void theCallersLastDigitsPickTheOutcome() {
    emulator.start(EmulatorSettings.Timing.fast());

    JsonNode rung =
        Http.json(ring("{\"provider\":\"bw\",\"from\":\"+51 1 555 0003\",\"to\":\"" + DID + "\"}"));

    assertThat(rung.get("outcome").asText()).isEqualTo("no-answer");
    String anasLeg = transferredToAna(rung.get("callId").asText());
    assertThat(describe(emulator.receiver().take())).isEqualTo("timeout " + anasLeg);
  }

  @Test
  void bandwidthWithoutAnIncomingCallUrlCannotRing() {
    WebhookReceiver receiver = emulator.receiver();
    emulator.start(
        TestSettings.forReceiver(receiver)
            .withProviders(
                List.of(
                    new ProviderSettings.Bandwidth(
                        "bw", TestSettings.BW_USER, TestSettings.BW_TOKEN, TestSettings.BW_SECRET)))
            .withTiming(EmulatorSettings.Timing.fast()));

    HttpResponse<String> response =
        ring("{\"provider\":\"bw\",\"from\":\"" + CALLER + "\",\"to\":\"" + DID + "\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("error").asText()).contains("incoming call URL");
    receiver.expectNothingFor(Duration.ofMillis(200));
  }

  // --- the generic format (C3, BemMelhor)

  @Test
  void c3RingsInTheGenericFormatThenTheAgentAnswersAndHangsUp() {
    emulator.start(EmulatorSettings.Timing.fast());

    JsonNode rung =
        Http.json(
            ring(
                "{\"provider\":\"c3\",\"from\":\""
                    + CALLER
                    + "\",\"to\":\"+5114400000\",\"agent\":\"6001\"}"));

    String callId = rung.get("callId").asText();
    assertThat(rung.get("outcome").asText()).isEqualTo("answered");
    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(3);
    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("ringing", "answered", "hangup");
    assertThat(webhooks)
        .allSatisfy(
            w -> {
              assertThat(w.path()).isEqualTo("/dialbridge/webhooks/c3");
              assertThat(w.header("X-Dialbridge-Token")).isEqualTo("wh-c3");
              assertThat(w.json().get("callId").asText()).isEqualTo(callId);
              assertThat(w.json().get("time").asText()).matches(TIME);
              assertThat(w.json().get("eventId").asText()).isNotBlank();
            });
    JsonNode ringing = webhooks.get(0).json();
    assertThat(ringing.get("direction").asText()).isEqualTo("inbound");
    assertThat(ringing.get("from").asText()).isEqualTo(CALLER);
    assertThat(ringing.get("to").asText()).isEqualTo("+5114400000");
    assertThat(ringing.get("agent").asText()).isEqualTo("6001");
    assertThat(webhooks.get(1).json().get("agent").asText()).isEqualTo("6001");
    assertThat(webhooks.get(2).json().get("cause").asText()).isEqualTo("NORMAL_CLEARING");
  }

  @Test
  void anInboundC3CallCanBeHungUpThroughItsApi() {
    emulator.start(TestSettings.longTalk());
    String callId =
        Http.json(
                ring(
                    "{\"provider\":\"c3\",\"from\":\""
                        + CALLER
                        + "\",\"to\":\"+5114400000\",\"agent\":\"6001\"}"))
            .get("callId")
            .asText();
    assertThat(emulator.receiver().take(2))
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("ringing", "answered");

    HttpResponse<String> hangup =
        Http.to(
                "POST",
                URI.create(emulator.baseUri(ProviderSettings.Type.C3) + "/api/v1/calls/hangup"))
            .json("{\"actionid\":\"" + callId + "\"}")
            .headers("Authorization", "Bearer " + TestSettings.C3_TOKEN)
            .send();

    assertThat(hangup.statusCode()).isEqualTo(200);
    assertThat(emulator.receiver().take().json().get("cause").asText())
        .isEqualTo("NORMAL_CLEARING");
  }

  @ParameterizedTest
  @CsvSource({
    "no-answer, NO_ANSWER",
    "busy, USER_BUSY",
    "rejected, CALL_REJECTED",
    "caller-hangs-up, ORIGINATOR_CANCEL",
  })
  void aMissedGenericCallIsRingingThenAHangupWithTheCause(String outcome, String cause) {
    emulator.start(EmulatorSettings.Timing.fast());

    ring(
        "{\"provider\":\"bm\",\"from\":\""
            + CALLER
            + "\",\"to\":\"+5511400000000\",\"agent\":\"6001\",\"outcome\":\""
            + outcome
            + "\"}");

    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(2);
    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("ringing", "hangup");
    assertThat(webhooks.get(0).path()).isEqualTo("/dialbridge/webhooks/bm");
    assertThat(webhooks.get(1).json().get("cause").asText()).isEqualTo(cause);
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  // --- the endpoint's answers to bad requests

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"provider\":\"bw\",\"to\":\"+19195551212\"}| 400 | from is required",
        "{\"provider\":\"bw\",\"from\":\"987654321\",\"to\":\"+19195551212\"}| 400 | from must",
        "{\"provider\":\"bw\",\"from\":\"+51 98x\",\"to\":\"+19195551212\"}| 400 | from must",
        "{\"provider\":\"bw\",\"from\":\"+51987654321\"}| 400 | to is required",
        "{\"from\":\"+51987654321\",\"to\":\"+19195551212\"}| 400 | provider is required",
        "{\"provider\":\"bw\",\"from\":\"+51987654321\",\"to\":\"+19195551212\",\"outcome\":\"x\"}"
            + "| 400 | outcome must",
        "{\"provider\":\"c3\",\"from\":\"+51987654321\",\"to\":\"+5114400000\",\"agent\":\"6 1\"}"
            + "| 400 | agent must",
        "not json| 400 | JSON object",
        "{\"provider\":\"nope\",\"from\":\"+51987654321\",\"to\":\"+19195551212\"}| 404 | nope",
        "{\"provider\":\"uc\",\"from\":\"+51987654321\",\"to\":\"+19195551212\"}| 422 | no inbound",
      })
  void aBadRingIsAClearErrorAndRingsNobody(String body, int status, String message) {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response = ring(body);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(Http.json(response).get("error").asText()).contains(message);
    emulator.receiver().expectNothingFor(Duration.ofMillis(200));
  }

  @Test
  void ringIsPostOnly() {
    emulator.start(EmulatorSettings.Timing.fast());

    assertThat(
            Http.to("GET", URI.create(emulator.baseUri() + "/emulator/ring")).send().statusCode())
        .isEqualTo(405);
    assertThat(
            Http.to("POST", URI.create(emulator.baseUri() + "/emulator/other")).send().statusCode())
        .isEqualTo(404);
  }

  @Test
  void theJavaApiRingsToo() {
    emulator.start(EmulatorSettings.Timing.fast());
    ProviderEmulator running = emulatorItself();

    assertThatThrownBy(() -> running.ring("nope", Ring.of(CALLER, DID, null, null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(running.ring("c3", Ring.of(CALLER, "+5114400000", "6001", RingOutcome.BUSY)))
        .startsWith("api_");
    assertThat(emulator.receiver().take().event()).isEqualTo("ringing");
  }

  private ProviderEmulator emulatorItself() {
    return emulator.emulator();
  }
}
