package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The emulator's Bandwidth v2: its REST API, its callbacks with the Basic credentials the call and
 * the BXML verbs give, and the BXML it acts on, as Dialbridge's bandwidth-v2 adapter drives it.
 */
class BandwidthV2ApiTest {
  private static final String AUTH = Http.basic(TestSettings.BW2_USER, TestSettings.BW2_PASSWORD);
  private static final String AGENT = "+13865245000";
  private static final String OUR_NUMBER = "+19195551214";
  private static final String CUSTOMER = "+13125556666";
  private static final String CALL_HOOK_AUTH = Http.basic("call-hook", "call-pw");
  private static final String BXML_HOOK_AUTH = Http.basic("bxml-hook", "bxml-pw");

  @RegisterExtension
  final EmulatorUnderTest emulator = new EmulatorUnderTest(ProviderSettings.Type.BANDWIDTH_V2);

  private URI calls() {
    return emulator.url("/accounts/" + TestSettings.BW2_ACCOUNT + "/calls");
  }

  private String hook() {
    return emulator.receiver().url("/dialbridge/webhooks/bw2").toString();
  }

  private HttpResponse<String> createCall(String to) {
    return Http.to("POST", calls())
        .json(
            "{\"from\":\""
                + OUR_NUMBER
                + "\",\"to\":\""
                + to
                + "\",\"applicationId\":\"app-1\",\"answerUrl\":\""
                + hook()
                + "\",\"disconnectUrl\":\""
                + hook()
                + "\",\"username\":\"call-hook\",\"password\":\"call-pw\",\"callTimeout\":30,"
                + "\"tag\":\"call-1;"
                + CUSTOMER
                + ";mac\"}")
        .headers("Authorization", AUTH)
        .send();
  }

  private String transferTo(String number) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Transfer transferCallerId=\""
        + OUR_NUMBER
        + "\" callTimeout=\"30\" transferCompleteUrl=\""
        + hook()
        + "\" username=\"bxml-hook\" password=\"bxml-pw\"><PhoneNumber transferAnswerUrl=\""
        + hook()
        + "\" transferDisconnectUrl=\""
        + hook()
        + "\" username=\"bxml-hook\" password=\"bxml-pw\" tag=\"leg-tag\">"
        + number
        + "</PhoneNumber></Transfer></Response>";
  }

  @Test
  void createCallAnswers201WithLocationAndTheCallId() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response = createCall(AGENT);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String callId = Http.json(response).get("callId").asText();
    assertThat(callId).startsWith("c-");
    assertThat(response.headers().firstValue("Location")).hasValue(calls() + "/" + callId);
  }

  @Test
  void requestsWithoutTheApiCredentialsAre401AndMissingPropertiesAre400() {
    emulator.start(EmulatorSettings.Timing.fast());
    assertThat(Http.to("POST", calls()).json("{}").send().statusCode()).isEqualTo(401);
    HttpResponse<String> missing =
        Http.to("POST", calls())
            .json("{\"to\":\"" + AGENT + "\"}")
            .headers("Authorization", AUTH)
            .send();
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Http.json(missing).get("description").asText()).contains("from");
  }

  @Test
  void theAgentsAnswerIsActedOnThroughTheBxmlItIsAnsweredWith() {
    emulator.start(EmulatorSettings.Timing.fast());
    emulator.receiver().respondWithXml(transferTo(CUSTOMER));
    String agentLeg = Http.json(createCall(AGENT)).get("callId").asText();

    WebhookReceiver.Received answer = emulator.receiver().take();
    assertThat(answer.event()).isEqualTo("answer");
    assertThat(answer.header("Authorization")).isEqualTo(CALL_HOOK_AUTH);
    assertThat(answer.json().get("callId").asText()).isEqualTo(agentLeg);
    assertThat(answer.json().get("tag").asText()).isEqualTo("call-1;" + CUSTOMER + ";mac");

    WebhookReceiver.Received transferAnswer = emulator.receiver().take();
    assertThat(transferAnswer.event()).isEqualTo("transferAnswer");
    assertThat(transferAnswer.header("Authorization")).isEqualTo(BXML_HOOK_AUTH);
    JsonNode json = transferAnswer.json();
    assertThat(json.get("parentCallId").asText()).isEqualTo(agentLeg);
    assertThat(json.get("callId").asText()).isNotEqualTo(agentLeg);
    assertThat(json.get("to").asText()).isEqualTo(CUSTOMER);
    assertThat(json.get("tag").asText()).isEqualTo("leg-tag");

    // the customer hangs up after talking: their leg, then the transfer, then the agent's leg
    List<WebhookReceiver.Received> ends = emulator.receiver().take(3);
    assertThat(ends)
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("transferDisconnect", "transferComplete", "disconnect");
    assertThat(ends)
        .allSatisfy(w -> assertThat(w.json().get("cause").asText()).isEqualTo("hangup"));
    assertThat(ends.get(1).header("Authorization")).isEqualTo(BXML_HOOK_AUTH);
    assertThat(ends.get(2).header("Authorization")).isEqualTo(CALL_HOOK_AUTH);
    JsonNode state =
        Http.json(
            Http.to("GET", URI.create(calls() + "/" + agentLeg))
                .headers("Authorization", AUTH)
                .send());
    assertThat(state.get("state").asText()).isEqualTo("disconnected");
    assertThat(state.get("disconnectCause").asText()).isEqualTo("hangup");
  }

  @Test
  void aBusyCustomerEndsTheTransferBusy() {
    emulator.start(EmulatorSettings.Timing.fast());
    emulator.receiver().respondWithXml(transferTo("+13125550002"));
    createCall(AGENT);

    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(4);

    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("answer", "transferDisconnect", "transferComplete", "disconnect");
    assertThat(webhooks.get(1).json().get("cause").asText()).isEqualTo("busy");
    assertThat(webhooks.get(2).json().get("cause").asText()).isEqualTo("busy");
    assertThat(webhooks.get(3).json().get("cause").asText()).isEqualTo("hangup");
  }

  @Test
  void anAnswerWithoutBxmlHangsTheLegUp() {
    emulator.start(EmulatorSettings.Timing.fast());
    createCall(AGENT);

    assertThat(emulator.receiver().take(2))
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("answer", "disconnect");
  }

  @Test
  void hangUpIs200ThenAConflictAndAnUnknownCallIs404() {
    emulator.start(TestSettings.longRinging());
    // a phone nobody answers rings 30 s: the hang-up cancels it
    String leg = Http.json(createCall("+13865240003")).get("callId").asText();
    URI uri = URI.create(calls() + "/" + leg);

    assertThat(
            Http.to("POST", uri)
                .json("{\"state\":\"completed\"}")
                .headers("Authorization", AUTH)
                .send()
                .statusCode())
        .isEqualTo(200);
    WebhookReceiver.Received disconnect = emulator.receiver().take();
    assertThat(disconnect.event()).isEqualTo("disconnect");
    assertThat(disconnect.json().get("cause").asText()).isEqualTo("cancel");
    assertThat(
            Http.to("POST", uri)
                .json("{\"state\":\"completed\"}")
                .headers("Authorization", AUTH)
                .send()
                .statusCode())
        .isEqualTo(409);
    assertThat(
            Http.to("POST", URI.create(calls() + "/c-unknown"))
                .json("{\"state\":\"completed\"}")
                .headers("Authorization", AUTH)
                .send()
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void anInboundCallPostsInitiateAndRingsTheAgentItsBxmlNames() {
    emulator.start(EmulatorSettings.Timing.fast());
    emulator.receiver().respondWithXml(transferTo("6001"));
    HttpResponse<String> ring =
        Http.to("POST", URI.create(emulator.baseUri() + "/emulator/ring"))
            .json("{\"provider\":\"bw2\",\"from\":\"+51987654321\",\"to\":\"" + OUR_NUMBER + "\"}")
            .send();
    assertThat(ring.statusCode()).as(ring.body()).isEqualTo(201);

    WebhookReceiver.Received initiate = emulator.receiver().take();
    assertThat(initiate.event()).isEqualTo("initiate");
    assertThat(initiate.header("Authorization"))
        .isEqualTo(Http.basic(TestSettings.BW2_HOOK_USER, TestSettings.BW2_HOOK_PASSWORD));
    assertThat(initiate.json().get("from").asText()).isEqualTo("+51987654321");
    assertThat(initiate.json().has("tag")).isFalse();

    WebhookReceiver.Received answered = emulator.receiver().take();
    assertThat(answered.event()).isEqualTo("transferAnswer");
    assertThat(answered.json().get("to").asText()).isEqualTo("6001");
    assertThat(answered.json().get("parentCallId").asText())
        .isEqualTo(initiate.json().get("callId").asText());
  }
}
