package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's "done when", through the demo's API and its emulator: an agent ends a uContact call,
 * records "Callback" with a time and a note, finds it in the history and their callbacks after a
 * reload, and the disposition reaches the emulator's {@code DispositionCall} with the call's guid.
 */
class DemoWrapUpTest {
  private static final String ANA = Http.basic("ana", "ana");
  private static final String DISPOSITION_PATH = "/ucontact/Integra/resources/api/DispositionCall";

  private static DemoCrm demo;
  private static Http http;

  @BeforeAll
  static void start() {
    demo =
        DemoCrm.start(
            DemoOptions.defaults()
                .withPort(0)
                .withTiming(EmulatorSettings.Timing.fast())
                .withJdbcUrl("jdbc:h2:mem:demo-wrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    http = Http.withCookies(demo.baseUri());
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  @Test
  void aUContactCallsCallbackReachesTheEmulatorAndTheAgentsLists() {
    HttpResponse<String> placed =
        http.post("dialbridge/api/calls")
            .json("{\"contactId\":\"3\",\"number\":\"+51 1 555 1234\",\"provider\":\"ucontact\"}")
            .headers("Authorization", ANA, "X-Dialbridge-Request", "1")
            .send();
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String id = Http.json(placed).get("id").asText();
    Await.until(
        Duration.ofSeconds(10),
        "the uContact call to end",
        () -> demo.dialbridge().call(id).status().isTerminal());
    String guid = demo.dialbridge().call(id).providerCallId();
    Instant at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    HttpResponse<String> saved =
        http.method("PUT", "dialbridge/api/calls/" + id + "/wrap-up")
            .json(
                "{\"disposition\":\"callback\",\"note\":\"Quiere el plan premium\","
                    + "\"callbackAt\":\""
                    + at
                    + "\"}")
            .headers("Authorization", ANA, "X-Dialbridge-Request", "1")
            .send();

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(Http.json(saved).get("wrapUp").get("provider").get("status").asText())
        .isEqualTo("sent");
    List<Map<String, String>> sent =
        demo.emulator().apiCalls().stream()
            .filter(c -> c.path().equals(DISPOSITION_PATH))
            .map(c -> form(c.body()))
            .toList();
    assertThat(sent)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f)
                    .containsEntry("guid", guid)
                    .containsEntry("l1", "Contactado")
                    .containsEntry("l2", "Volver a llamar")
                    .containsEntry("comment", "Quiere el plan premium")
                    .containsEntry("campaign", "Ventas")
                    .containsEntry(
                        "schedule",
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                            .withZone(ZoneId.of("America/Lima"))
                            .format(at)));

    // "after a reload": what the pages read again
    JsonNode history =
        Http.json(http.get("dialbridge/api/contacts/3/calls").header("Authorization", ANA).send());
    JsonNode listed = history.get("calls").get(0);
    assertThat(listed.get("id").asText()).isEqualTo(id);
    assertThat(listed.get("wrapUp").get("disposition").asText()).isEqualTo("callback");
    assertThat(listed.get("wrapUp").get("note").asText()).isEqualTo("Quiere el plan premium");
    JsonNode callbacks =
        Http.json(http.get("dialbridge/api/me/callbacks").header("Authorization", ANA).send());
    assertThat(callbacks.get("callbacks").get(0).get("call").get("id").asText()).isEqualTo(id);
    assertThat(
            callbacks.get("callbacks").get(0).get("call").get("wrapUp").get("callbackAt").asText())
        .isEqualTo(at.toString());
  }
}
