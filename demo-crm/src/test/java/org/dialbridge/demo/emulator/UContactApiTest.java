package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UContactApiTest {
  private static final String AUTH = "Basic " + TestSettings.UC_TOKEN;
  private static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @RegisterExtension
  final EmulatorUnderTest emulator = new EmulatorUnderTest(ProviderSettings.Type.UCONTACT);

  private URI url(String path) {
    return emulator.url("/Integra/resources" + path);
  }

  private static Map<String, String> agentCall(String destination) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("callerid", "5114115000");
    form.put("agent", "ana.perez");
    form.put("phone", "6001");
    form.put("tech", "SIP");
    form.put("context", "agentes");
    form.put("outqueue", "manual->");
    form.put("destination", destination);
    return form;
  }

  private String placeCall(String destination) {
    HttpResponse<String> response =
        Http.to("POST", url("/Agents/AgentCall"))
            .form(agentCall(destination))
            .headers("Authorization", AUTH)
            .send();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).matches(GUID);
    return response.body();
  }

  @Test
  void agentCallAnswersTheGuidThenPostsGenericEventsAndFinishInteraction() {
    Clock lima = Clock.fixed(Instant.parse("2024-03-05T19:07:09.123Z"), ZoneId.of("America/Lima"));
    emulator.start(
        TestSettings.forReceiver(emulator.receiver())
            .withTiming(EmulatorSettings.Timing.fast())
            .withClock(lima));

    HttpResponse<String> response =
        Http.to("POST", url("/Agents/AgentCall"))
            .form(agentCall("5114115001"))
            .headers("Authorization", AUTH)
            .send();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    String guid = response.body();
    assertThat(guid).matches(GUID);
    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(5);
    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "ringing", "answered", "FinishInteraction", "hangup");
    assertThat(webhooks)
        .allSatisfy(
            w -> {
              assertThat(w.path()).isEqualTo("/dialbridge/webhooks/uc");
              assertThat(w.header("X-Dialbridge-Token")).isEqualTo("wh-uc");
            });
    assertThat(webhooks.get(0).json().get("callId").asText()).isEqualTo(guid);
    assertThat(webhooks.get(0).json().get("time").asText()).isEqualTo("2024-03-05T19:07:09.123Z");
    JsonNode finish = webhooks.get(3).json();
    assertThat(finish.size()).isEqualTo(5);
    assertThat(finish.get("date").asText()).isEqualTo("2024-03-05 14:07:09");
    assertThat(finish.get("guid").asText()).isEqualTo(guid);
    assertThat(finish.get("campaign").asText()).isEqualTo("manual->");
    assertThat(finish.get("agent").asText()).isEqualTo("ana.perez");
    JsonNode hangup = webhooks.get(4).json();
    assertThat(hangup.get("callId").asText()).isEqualTo(guid);
    assertThat(hangup.get("cause").asText()).isEqualTo("NORMAL_CLEARING");
  }

  @Test
  void unansweredCallPostsAgentRingNoAnswer() {
    emulator.start(EmulatorSettings.Timing.fast());
    String guid = placeCall("5114110003");

    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(4);

    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "ringing", "AgentRingNoAnswer", "hangup");
    JsonNode noAnswer = webhooks.get(2).json();
    assertThat(noAnswer.get("date").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    assertThat(noAnswer.get("agent").asText()).isEqualTo("ana.perez");
    assertThat(noAnswer.get("agentNumber").asText()).isEqualTo("6001");
    assertThat(noAnswer.get("agentFullName").asText()).isEqualTo("Ana Perez");
    assertThat(noAnswer.get("callerIdNum").asText()).isEqualTo("5114110003");
    assertThat(noAnswer.get("campaign").asText()).isEqualTo("manual->");
    assertThat(webhooks.get(3).json().get("callId").asText()).isEqualTo(guid);
    assertThat(webhooks.get(3).json().get("cause").asText()).isEqualTo("NO_ANSWER");
  }

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource({
    "5114110002, 'dialing,hangup', USER_BUSY",
    "5114110004, 'dialing,hangup', UNALLOCATED_NUMBER",
    "5114110005, 'dialing,ringing,hangup', CALL_REJECTED",
  })
  void failedCallsEndWithTheGenericCauseOnly(String destination, String events, String cause) {
    emulator.start(EmulatorSettings.Timing.fast());
    placeCall(destination);

    List<String> expected = List.of(events.split(","));
    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(expected.size());

    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactlyElementsOf(expected);
    assertThat(webhooks.get(webhooks.size() - 1).json().get("cause").asText()).isEqualTo(cause);
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void hangupPhoneEndsTheAgentsLiveCall() {
    emulator.start(TestSettings.longTalk());
    String guid = placeCall("5114115001");
    assertThat(emulator.receiver().take(3))
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "ringing", "answered");

    HttpResponse<String> response =
        Http.to("POST", url("/Agents/HangupPhone"))
            .form(Map.of("phone", "6001"))
            .headers("Authorization", AUTH)
            .send();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("1");
    List<WebhookReceiver.Received> end = emulator.receiver().take(2);
    assertThat(end)
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("FinishInteraction", "hangup");
    assertThat(end.get(0).json().get("guid").asText()).isEqualTo(guid);
    assertThat(end.get(1).json().get("cause").asText()).isEqualTo("NORMAL_CLEARING");
    HttpResponse<String> again =
        Http.to("POST", url("/Agents/HangupPhone"))
            .form(Map.of("phone", "6001"))
            .headers("Authorization", AUTH)
            .send();
    assertThat(again.body()).isEqualTo("0");
  }

  @Test
  void hangupPhoneWhileRingingCancels() {
    emulator.start(TestSettings.longRinging());
    placeCall("5114110003");
    emulator.receiver().take(2); // dialing, ringing

    Http.to("POST", url("/Agents/HangupPhone"))
        .form(Map.of("phone", "6001"))
        .headers("Authorization", AUTH)
        .send();

    WebhookReceiver.Received hangup = emulator.receiver().take();
    assertThat(hangup.event()).isEqualTo("hangup");
    assertThat(hangup.json().get("cause").asText()).isEqualTo("ORIGINATOR_CANCEL");
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"callerid", "agent", "phone", "tech", "context", "outqueue", "destination"})
  void agentCallWithoutARequiredFieldAnswers200Zero(String field) {
    emulator.start(EmulatorSettings.Timing.fast());
    Map<String, String> form = agentCall("5114115001");
    form.remove(field);

    HttpResponse<String> response =
        Http.to("POST", url("/Agents/AgentCall")).form(form).headers("Authorization", AUTH).send();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("0");
    emulator.receiver().expectNothingFor(Duration.ofMillis(200));
  }

  @Test
  void agentCallWithAnEmptyDestinationAnswersZero() {
    emulator.start(EmulatorSettings.Timing.fast());
    Map<String, String> form = agentCall("");

    HttpResponse<String> response =
        Http.to("POST", url("/Agents/AgentCall")).form(form).headers("Authorization", AUTH).send();

    assertThat(response.body()).isEqualTo("0");
  }

  @Test
  void agentCallWithAWrongTokenIs401() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> wrong =
        Http.to("POST", url("/Agents/AgentCall"))
            .form(agentCall("5114115001"))
            .headers("Authorization", "Basic d3Jvbmc6dG9rZW4=")
            .send();
    HttpResponse<String> none =
        Http.to("POST", url("/Agents/AgentCall")).form(agentCall("5114115001")).send();

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(none.statusCode()).isEqualTo(401);
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  private static Map<String, String> dispositionCall(String guid) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("campaign", "manual");
    form.put("agent", "ana.perez");
    form.put("callerid", "5114115001");
    form.put("guid", guid);
    form.put("l1", "Contactado");
    form.put("l2", "Volver a llamar");
    form.put("l3", "");
    form.put("comment", "llamar mañana");
    form.put("schedule", "2026-11-24 10:30:00");
    form.put("camptoreschedule", "manual");
    form.put("tag", "callback");
    return form;
  }

  private HttpResponse<String> sendDisposition(Map<String, String> form) {
    return Http.to("POST", url("/api/DispositionCall"))
        .form(form)
        .headers("Authorization", AUTH)
        .send();
  }

  @Test
  void dispositionCallForACallItPlacedAnswersOneAndIsRecordedWithTheGuid() {
    emulator.start(EmulatorSettings.Timing.fast());
    String guid = placeCall("5114115001");

    HttpResponse<String> response = sendDisposition(dispositionCall(guid));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("1");
    List<RecordedApiCall> dispositions =
        emulator.apiCalls().stream()
            .filter(c -> c.path().equals("/ucontact/Integra/resources/api/DispositionCall"))
            .toList();
    assertThat(dispositions).hasSize(1);
    assertThat(dispositions.get(0).method()).isEqualTo("POST");
    assertThat(dispositions.get(0).header("Authorization")).hasValue(AUTH);
    assertThat(dispositions.get(0).body()).contains("guid=" + guid, "&tag=callback");
  }

  @Test
  void dispositionCallForAnUnknownGuidAnswers200Zero() {
    emulator.start(EmulatorSettings.Timing.fast());
    placeCall("5114115001");

    HttpResponse<String> response =
        sendDisposition(dispositionCall("00000000-0000-4000-8000-000000000000"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"guid", "agent"})
  void dispositionCallWithoutGuidOrAgentAnswers200Zero(String field) {
    emulator.start(EmulatorSettings.Timing.fast());
    Map<String, String> form = dispositionCall(placeCall("5114115001"));
    Map<String, String> empty = new LinkedHashMap<>(form);
    form.remove(field);
    empty.put(field, "");

    assertThat(sendDisposition(form).body()).isEqualTo("0");
    assertThat(sendDisposition(empty).body()).isEqualTo("0");
  }

  @Test
  void dispositionCallWithAWrongTokenIs401() {
    emulator.start(EmulatorSettings.Timing.fast());
    String guid = placeCall("5114115001");

    HttpResponse<String> wrong =
        Http.to("POST", url("/api/DispositionCall"))
            .form(dispositionCall(guid))
            .headers("Authorization", "Basic d3Jvbmc6dG9rZW4=")
            .send();

    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void getUserTokenAnswersTheTokenForTheRightCredentials() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> right =
        Http.to("POST", url("/auth/getUserToken"))
            .form(Map.of("user", TestSettings.UC_USER, "password", TestSettings.UC_PASSWORD))
            .send();
    HttpResponse<String> wrong =
        Http.to("POST", url("/auth/getUserToken"))
            .form(Map.of("user", TestSettings.UC_USER, "password", "guess"))
            .send();

    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.body()).isEqualTo(TestSettings.UC_TOKEN);
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.body()).isEqualTo("0");
  }
}
