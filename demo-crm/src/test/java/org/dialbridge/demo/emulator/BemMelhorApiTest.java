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

class BemMelhorApiTest {
  private static final String TIMESTAMP =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000";

  @RegisterExtension
  final EmulatorUnderTest emulator = new EmulatorUnderTest(ProviderSettings.Type.BEMMELHOR);

  @Test
  void clickToCallAnswersTheDocumentedResponse() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response =
        Http.to("GET", emulator.url("/api/call/6001/032999999999")).send();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(response);
    assertThat(body.get("apiStatus").asText()).isEqualTo("CONECTION_OK");
    assertThat(body.get("created").asText()).matches(TIMESTAMP);
    JsonNode data = body.get("data");
    assertThat(data.get("callId").asText()).matches("[0-9a-f]{16}");
    assertThat(data.get("key").asText()).isEqualTo(data.get("callId").asText());
    assertThat(data.get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(data.get("created").asText()).matches(TIMESTAMP);
    assertThat(data.get("from").asText()).isEqualTo("6001");
    assertThat(data.get("to").asText()).isEqualTo("032999999999");
    assertThat(data.get("error").isNull()).isTrue();
    assertThat(data.get("serverMessage").isNull()).isTrue();
  }

  @Test
  void answeredCallPostsDialingGenericRingingAnsweredThenHangup() {
    emulator.start(EmulatorSettings.Timing.fast());
    String callId =
        Http.json(Http.to("GET", emulator.url("/api/call/6005/032999999999")).send())
            .at("/data/callId")
            .asText();
    long before = Instant.now().toEpochMilli();

    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(4);

    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("call.dialing", "ringing", "answered", "call.hangup");
    assertThat(webhooks)
        .allSatisfy(
            w -> {
              assertThat(w.path()).isEqualTo("/dialbridge/webhooks/bm");
              assertThat(w.header("X-Dialbridge-Token")).isEqualTo("wh-bm");
              assertThat(w.header("Content-Type")).isEqualTo("application/json");
            });
    JsonNode dialing = webhooks.get(0).json();
    assertThat(dialing.get("clientId").asText()).isEqualTo(TestSettings.CLIENT_ID);
    assertThat(dialing.get("data").get("created").isIntegralNumber()).isTrue();
    assertThat(dialing.get("data").get("created").asLong())
        .isBetween(before - 5_000, before + 5_000);
    assertThat(dialing.get("data").get("from").asText()).isEqualTo("6005");
    assertThat(dialing.get("data").get("to").asText()).isEqualTo("032999999999");
    assertThat(dialing.get("data").get("error").isNull()).isTrue();
    assertThat(dialing.get("data").get("callId").asText()).isEqualTo(callId);
    assertThat(dialing.get("data").get("serverMessage").asText()).isEqualTo("Chamando o destino");
    assertThat(dialing.get("data").get("disposition").isNull()).isTrue();
    assertThat(webhooks.get(1).json().get("callId").asText()).isEqualTo(callId);
    assertThat(webhooks.get(2).json().get("callId").asText()).isEqualTo(callId);
    JsonNode hangup = webhooks.get(3).json();
    assertThat(hangup.get("clientId").asText()).isEqualTo(TestSettings.CLIENT_ID);
    assertThat(hangup.get("data").get("to").asText()).isEqualTo("h");
    assertThat(hangup.get("data").get("from").asText()).isEqualTo("6005");
    assertThat(hangup.get("data").get("callId").asText()).isEqualTo(callId);
    assertThat(hangup.get("data").get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(hangup.get("data").get("created").asLong())
        .isGreaterThanOrEqualTo(dialing.get("data").get("created").asLong());
  }

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource({
    "032999990002, 'call.dialing,call.hangup', BUSY",
    "032999990003, 'call.dialing,ringing,call.hangup', NO ANSWER",
    "032999990004, 'call.dialing,call.hangup', FAILED",
    "032999990005, 'call.dialing,ringing,call.hangup', BUSY",
  })
  void numberSuffixPicksTheDisposition(String target, String events, String disposition) {
    emulator.start(EmulatorSettings.Timing.fast());
    Http.to("GET", emulator.url("/api/call/6001/" + target)).send();

    List<String> expected = List.of(events.split(","));
    List<WebhookReceiver.Received> webhooks = emulator.receiver().take(expected.size());

    assertThat(webhooks)
        .extracting(WebhookReceiver.Received::event)
        .containsExactlyElementsOf(expected);
    assertThat(webhooks.get(webhooks.size() - 1).json().at("/data/disposition").asText())
        .isEqualTo(disposition);
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void activeCallIsRingingThenUpThenGone() {
    emulator.start(
        EmulatorSettings.Timing.fast()
            .withTalkTime(Duration.ofMillis(1500), Duration.ofMillis(1500)));
    Http.to("GET", emulator.url("/api/call/6001/032999999999")).send();

    JsonNode ringing = Http.json(Http.to("GET", emulator.url("/api/active/6001")).send());
    assertThat(ringing.get("apiStatus").asText()).isEqualTo("SUCCESS");
    assertThat(ringing.at("/data/state").asText()).isEqualTo("RINGING");
    assertThat(ringing.at("/data/linkedChannel").isNull()).isTrue();

    emulator.receiver().take(3); // dialing, ringing, answered
    JsonNode up = Http.json(Http.to("GET", emulator.url("/api/active/6001")).send());
    assertThat(up.at("/data/state").asText()).isEqualTo("UP");
    assertThat(up.at("/data/name").asText()).matches("SIP/6001-[0-9a-f]{8}");
    assertThat(up.at("/data/id").asText()).matches("\\d+\\.\\d+");
    assertThat(up.at("/data/channel").isNull()).isTrue();
    assertThat(up.at("/data/callerId/name").asText()).isEqualTo("6001");
    assertThat(up.at("/data/callerId/number").asText()).isEqualTo("6001");
    assertThat(up.at("/data/account").isNull()).isTrue();
    assertThat(up.at("/data/dateOfCreation").asText()).matches(TIMESTAMP);
    assertThat(up.at("/data/linkedChannel").asText()).startsWith("SIP/");

    assertThat(emulator.receiver().take().event()).isEqualTo("call.hangup");
    JsonNode gone = Http.json(Http.to("GET", emulator.url("/api/active/6001")).send());
    assertThat(gone.get("apiStatus").asText()).isEqualTo("SUCCESS");
    assertThat(gone.get("data").isNull()).isTrue();
  }

  @Test
  void activeOfAnIdleExtensionHasNullData() {
    emulator.start(EmulatorSettings.Timing.fast());

    HttpResponse<String> response = Http.to("GET", emulator.url("/api/active/6009")).send();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("data").isNull()).isTrue();
  }

  @Test
  void statusAnswersTheDocumentedShape() {
    emulator.start(EmulatorSettings.Timing.fast());

    JsonNode status =
        Http.json(Http.to("GET", emulator.url("/api/status/6e1af400b3b7fef7")).send());

    assertThat(status.get("apiStatus").asText()).isEqualTo("SUCCESS");
    assertThat(status.get("created").asText()).matches(TIMESTAMP);
    assertThat(status.has("data")).isTrue();
    assertThat(status.get("data").isNull()).isTrue();
  }

  @Test
  void targetThatIsNotDigitsIsAnApiError() {
    emulator.start(EmulatorSettings.Timing.fast());

    JsonNode body = Http.json(Http.to("GET", emulator.url("/api/call/6001/abc")).send());

    assertThat(body.get("apiStatus").asText()).isEqualTo("ERROR");
    assertThat(body.at("/data/error").asText()).isNotBlank();
    assertThat(body.at("/data/callId").isNull()).isTrue();
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void thereIsNoHangupEndpoint() {
    emulator.start(EmulatorSettings.Timing.fast());

    assertThat(Http.to("GET", emulator.url("/api/hangup/6001")).send().statusCode()).isEqualTo(404);
  }
}
