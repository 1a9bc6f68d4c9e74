package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class C3ApiTest {
  private static final String BEARER = "Bearer " + TestSettings.C3_TOKEN;

  @RegisterExtension
  final EmulatorUnderTest emulator = new EmulatorUnderTest(ProviderSettings.Type.C3);

  private String originate(String phone) {
    HttpResponse<String> response =
        Http.to("POST", emulator.url("/api/v1/calls/originate"))
            .json("{\"agent\":\"6001\",\"phone\":\"" + phone + "\"}")
            .headers("Authorization", BEARER)
            .send();
    assertThat(response.statusCode()).isEqualTo(200);
    return Http.json(response).at("/data/actionid").asText();
  }

  @Test
  void originateAnswersActionIdThenPostsGenericEventsInOrder() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("POST", emulator.url("/api/v1/calls/originate"))
            .json("{\"agent\":\"6001\",\"phone\":\"+5114115001\"}")
            .headers("Authorization", BEARER)
            .send();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode body = Http.json(response);
    assertThat(body.get("message").asText()).isEqualTo("Llamada generada");
    String actionId = body.at("/data/actionid").asText();
    assertThat(actionId).matches("api_[a-z0-9]{24}");

    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(4);
    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "ringing", "answered", "hangup");
    for (WebhookReceiver.Received webhook : webhooks) {
      assertThat(webhook.method()).isEqualTo("POST");
      assertThat(webhook.path()).isEqualTo("/dialbridge/webhooks/c3");
      assertThat(webhook.header("X-Dialbridge-Token")).isEqualTo("wh-c3");
      assertThat(webhook.header("Content-Type")).isEqualTo("application/json");
      JsonNode json = webhook.json();
      assertThat(json.get("callId").asText()).isEqualTo(actionId);
      assertThat(Instant.parse(json.get("time").asText()))
          .isBetween(Instant.now().minusSeconds(10), Instant.now());
      assertThat(json.get("eventId").asText()).matches("[0-9a-f-]{36}");
    }
    assertThat(webhooks.subList(0, 3)).allSatisfy(w -> assertThat(w.json().has("cause")).isFalse());
    assertThat(webhooks.get(3).json().get("cause").asText()).isEqualTo("NORMAL_CLEARING");
    assertThat(webhooks).extracting(w -> w.json().get("eventId").asText()).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "+5114110002, 'dialing,hangup', USER_BUSY",
    "+5114110003, 'dialing,ringing,hangup', NO_ANSWER",
    "+5114110004, 'dialing,hangup', UNALLOCATED_NUMBER",
    "+5114110005, 'dialing,ringing,hangup', CALL_REJECTED",
  })
  void numberSuffixPicksTheHangupCause(String phone, String events, String cause) {
    emulator.start(EmulatorSettings.Timing.fast());
    String actionId = originate(phone);

    List<String> expected = List.of(events.split(","));
    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(expected.size());

    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactlyElementsOf(expected);
    assertThat(webhooks)
        .allSatisfy(w -> assertThat(w.json().get("callId").asText()).isEqualTo(actionId));
    assertThat(webhooks.get(webhooks.size() - 1).json().get("cause").asText()).isEqualTo(cause);
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void hangupEndsAnAnsweredCallEarlyWithNormalClearing() {
    emulator.start(TestSettings.longTalk());
    String actionId = originate("+5114115001");
    assertThat(emulator.receiver().take(3))
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "ringing", "answered");

    HttpResponse<String> response =
        Http.to("POST", emulator.url("/api/v1/calls/hangup"))
            .json("{\"actionid\":\"" + actionId + "\"}")
            .headers("Authorization", BEARER)
            .send();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo("La solicitud se completó con éxito!");
    assertThat(Http.json(response).at("/data/actionid").asText()).isEqualTo(actionId);
    WebhookReceiver.Received hangup = emulator.receiver().take();
    assertThat(hangup.event()).isEqualTo("hangup");
    assertThat(hangup.json().get("cause").asText()).isEqualTo("NORMAL_CLEARING");
  }

  @Test
  void hangupWhileRingingIsOriginatorCancel() {
    emulator.start(TestSettings.longRinging());
    String actionId = originate("+5114110003");
    assertThat(emulator.receiver().take(2))
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "ringing");

    HttpResponse<String> response =
        Http.to("POST", emulator.url("/api/v1/calls/hangup"))
            .json("{\"actionid\":\"" + actionId + "\"}")
            .headers("Authorization", BEARER)
            .send();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(emulator.receiver().take().json().get("cause").asText())
        .isEqualTo("ORIGINATOR_CANCEL");
  }

  @Test
  void hangupOfAnEndedCallIs422() {
    emulator.start(EmulatorSettings.Timing.fast());
    String actionId = originate("+5114110002");
    emulator.receiver().take(2);

    HttpResponse<String> response =
        Http.to("POST", emulator.url("/api/v1/calls/hangup"))
            .json("{\"actionid\":\"" + actionId + "\"}")
            .headers("Authorization", BEARER)
            .send();

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText()).contains(actionId);
  }

  @Test
  void hangupOfAnUnknownActionIdIs422() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("POST", emulator.url("/api/v1/calls/hangup"))
            .json("{\"actionid\":\"api_kdfdkjds4545454bkk4j35\"}")
            .headers("Authorization", BEARER)
            .send();

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText()).contains("api_kdfdkjds4545454bkk4j35");
  }

  @Test
  void originateWithoutPhoneIs422AndPlacesNoCall() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("POST", emulator.url("/api/v1/calls/originate"))
            .json("{\"agent\":\"6001\"}")
            .headers("Authorization", BEARER)
            .send();

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText()).contains("phone");
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void originateWithoutBearerTokenIs401Unauthenticated() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("POST", emulator.url("/api/v1/calls/originate"))
            .json("{\"agent\":\"6001\",\"phone\":\"+5114115001\"}")
            .send();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthenticated.\"}");
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void originateWithWrongTokenIs401() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("POST", emulator.url("/api/v1/calls/originate"))
            .json("{\"agent\":\"6001\",\"phone\":\"+5114115001\"}")
            .headers("Authorization", "Bearer wrong")
            .send();

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void campaignsAnswerTheDocumentedShape() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("GET", emulator.url("/api/v1/campaigns?channel=TELEPHONY&agent_username=ana.perez"))
            .headers("Authorization", BEARER)
            .send();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(response);
    assertThat(body.get("message").asText()).isEqualTo("Campañas obtenidas correctamente");
    JsonNode first = body.get("data").get(0);
    assertThat(first.get("id").asInt()).isEqualTo(1);
    assertThat(first.get("name").asText()).isEqualTo("RECEPCION");
    assertThat(first.get("description").isNull()).isTrue();
    assertThat(first.get("updated_at").asText()).isEqualTo("2025-04-25T14:44:11.000000Z");
    assertThat(first.get("queue").asText()).isEqualTo("30000");
  }
}
