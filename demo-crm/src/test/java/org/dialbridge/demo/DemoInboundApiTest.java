package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's "done when", through the demo's REST API and its emulator's {@code /emulator/ring}:
 * ana's phone rings from a contact's number, the shared office line and an unknown number, via
 * Bandwidth and the generic format; the call is inbound in the contact's history, the shared number
 * asks her to choose, and what nobody answered waits in her missed calls until she calls back or
 * marks it done.
 */
class DemoInboundApiTest {
  private static final String ANA = Http.basic("ana", "ana");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static DemoCrm demo;
  private static Http http;

  @BeforeAll
  static void start() {
    demo =
        DemoCrm.start(
            DemoOptions.defaults()
                .withPort(0)
                .withTiming(EmulatorSettings.Timing.fast())
                .withJdbcUrl(
                    "jdbc:h2:mem:demo-in-api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    http = Http.withCookies(demo.baseUri());
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  /** Rings through the emulator's endpoint, as a script would; answers the provider's call id. */
  private static String ring(String body) {
    HttpResponse<String> rang =
        Http.to("POST", URI.create(demo.emulator().baseUri() + "/emulator/ring")).json(body).send();
    assertThat(rang.statusCode()).as(rang.body()).isEqualTo(201);
    return Http.json(rang).get("callId").asText();
  }

  private static JsonNode get(String path) {
    HttpResponse<String> response =
        http.get("dialbridge/api/" + path).header("Authorization", ANA).send();
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Http.json(response);
  }

  /** The call of {@code providerCallId} in {@code list} (a history's calls), once it is there. */
  private static JsonNode awaitIn(
      String what, String path, String field, String providerCallId, boolean ended) {
    AtomicReference<JsonNode> found = new AtomicReference<>();
    Await.until(
        WAIT,
        what,
        () -> {
          Optional<JsonNode> call =
              StreamSupport.stream(get(path).get(field).spliterator(), false)
                  .map(n -> n.has("call") ? n.get("call") : n)
                  .filter(c -> providerCallId.equals(c.path("providerCallId").asText()))
                  .findFirst();
          call.ifPresent(found::set);
          return call.isPresent()
              && (!ended || !call.get().get("status").asText().matches("DIALING|RINGING|ANSWERED"));
        });
    return found.get();
  }

  private static boolean missedHas(String callId) {
    return StreamSupport.stream(get("me/missed").get("missed").spliterator(), false)
        .anyMatch(m -> m.at("/call/id").asText().equals(callId));
  }

  @Test
  void aContactRingingAnaThroughBandwidthIsInboundInTheirHistory() {
    String leg =
        ring("{\"provider\":\"bandwidth\",\"from\":\"+51 987 654 321\",\"to\":\"+19195551212\"}");

    JsonNode call =
        awaitIn("the answered call in Lucía's history", "contacts/1/calls", "calls", leg, true);

    assertThat(call.get("direction").asText()).isEqualTo("INBOUND");
    assertThat(call.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(call.get("from").asText()).isEqualTo("+51987654321");
    assertThat(call.get("to").asText()).isEqualTo("+19195551212");
    assertThat(call.get("agent").asText()).isEqualTo("ana");
    assertThat(call.get("contactId").asText()).isEqualTo("1");
    assertThat(call.at("/inbound/ringing/0").asText()).isEqualTo("ana");
    assertThat(call.at("/inbound/choose").asBoolean()).isFalse();
    assertThat(call.at("/inbound/missed").asBoolean()).isFalse();
    assertThat(call.at("/inbound/matches/0/name").asText()).isEqualTo("Lucía Fernández");
    assertThat(call.at("/inbound/matches/0/url").asText()).isEqualTo("/contacts/1");
  }

  @Test
  void theSharedNumberThroughTheGenericFormatAsksAnaToChooseThenSheMarksTheMissDone() {
    String pbxCall =
        ring(
            "{\"provider\":\"c3\",\"from\":\"+51 1 555 1234\",\"to\":\"+5114400000\","
                + "\"agent\":\"6001\",\"outcome\":\"no-answer\"}");

    JsonNode missed = awaitIn("the missed call", "me/missed", "missed", pbxCall, true);

    String id = missed.get("id").asText();
    assertThat(missed.get("direction").asText()).isEqualTo("INBOUND");
    assertThat(missed.get("status").asText()).isEqualTo("NO_ANSWER");
    assertThat(missed.get("contactId").isNull()).isTrue();
    assertThat(missed.at("/inbound/choose").asBoolean()).isTrue();
    assertThat(missed.at("/inbound/matches").size()).isEqualTo(2);
    assertThat(missed.at("/inbound/matches").toString())
        .contains("\"id\":\"1\"", "Lucía Fernández", "\"id\":\"2\"", "Jorge Quispe");

    HttpResponse<String> chosen =
        http.method("PUT", "dialbridge/api/calls/" + id + "/contact")
            .json("{\"contactId\":\"2\"}")
            .headers("Authorization", ANA, "X-Dialbridge-Request", "1")
            .send();
    assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
    JsonNode inJorgesHistory =
        awaitIn("the call in Jorge's history", "contacts/2/calls", "calls", pbxCall, true);
    assertThat(inJorgesHistory.get("direction").asText()).isEqualTo("INBOUND");
    assertThat(inJorgesHistory.at("/inbound/choose").asBoolean()).isFalse();
    assertThat(missedHas(id)).isTrue();

    HttpResponse<String> done =
        http.method("DELETE", "dialbridge/api/me/missed/" + id)
            .headers("Authorization", ANA, "X-Dialbridge-Request", "1")
            .send();

    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    assertThat(missedHas(id)).isFalse();
  }

  @Test
  void anUnknownNumberNobodyAnsweredIsMissedUntilAnaCallsBack() {
    String leg =
        ring(
            "{\"provider\":\"bandwidth\",\"from\":\"+51 1 555 7788\",\"to\":\"+19195551212\","
                + "\"outcome\":\"caller-hangs-up\"}");
    JsonNode missed = awaitIn("the missed call", "me/missed", "missed", leg, true);
    String id = missed.get("id").asText();
    assertThat(missed.get("status").asText()).isEqualTo("CANCELED");
    assertThat(missed.at("/inbound/matches").size()).isZero();
    assertThat(get("me").at("/inbound/createContactUrl").asText())
        .isEqualTo("/contacts/new?phone={number}");

    HttpResponse<String> callBack =
        http.post("dialbridge/api/calls")
            .json(
                "{\"number\":\"+51 1 555 7788\",\"provider\":\"c3\",\"followsUp\":\"" + id + "\"}")
            .headers("Authorization", ANA, "X-Dialbridge-Request", "1")
            .send();

    assertThat(callBack.statusCode()).as(callBack.body()).isEqualTo(201);
    String calledBackBy = Http.json(callBack).get("id").asText();
    assertThat(missedHas(id)).isFalse();
    assertThat(get("calls/" + id).at("/inbound/calledBackBy").asText()).isEqualTo(calledBackBy);
  }
}
