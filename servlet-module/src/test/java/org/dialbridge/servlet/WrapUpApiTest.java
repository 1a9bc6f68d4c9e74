package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.config.WrapUpSettings;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.dialbridge.servlet.testing.MockServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wrap-up over real HTTP in Jetty (docs/wrap-up.md): the catalog in the agent's language, {@code
 * PUT /calls/{id}/wrap-up} and its problem codes, the call's {@code wrapUp} in every JSON of it,
 * the form's call after a reload, callbacks and their follow-up call, and mandatory wrap-up.
 */
class WrapUpApiTest {
  private static final MockWebServer c3 = new MockWebServer();
  private static JettyHost host;
  private static Http http;
  private static int placed;

  @BeforeAll
  static void start() throws Exception {
    c3.start();
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .set("dialbridge.dial.rate-limit", "1000/1m")
                .set("dialbridge.wrap-up.required", "true")
                .h2Store("wrapup")
                .provider("c3", "c3", c3.url("/").toString())
                .token("c3", "c3-api-token")
                .webhookToken("c3", "c3-hook-token")
                .agent("ana", "6001")
                .agent("bruno", "6002")
                .agent("carla", "6003")
                .agent("zoe", "6004")
                .agent("admin", "6005")
                .properties());
    http = host.http();
  }

  @BeforeEach
  void resetProvider() throws InterruptedException {
    MockServers.reset(c3);
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
    c3.close();
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Http.json(response);
  }

  private static HttpResponse<String> place(String user, String contact, String followsUp) {
    String actionId = "api_w" + ++placed;
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"" + actionId + "\"}}")
            .build());
    return http.post("dialbridge/api/calls")
        .browser(user)
        .json(
            "{\"contactId\":\""
                + contact
                + "\",\"number\":\"015551234\""
                + (followsUp == null ? "" : ",\"followsUp\":\"" + followsUp + "\"")
                + "}")
        .send();
  }

  private static void webhook(String actionId, String event, String extra) {
    HttpResponse<String> r =
        http.post("dialbridge/webhooks/c3/c3-hook-token")
            .json("{\"event\":\"" + event + "\",\"callId\":\"" + actionId + "\"" + extra + "}")
            .send();
    assertThat(r.statusCode()).isEqualTo(204);
    host.awaitInboxApplied();
  }

  /** A call of {@code user} to {@code contact}, answered and ended: its id. */
  private static String endedCall(String user, String contact) {
    HttpResponse<String> placed = place(user, contact, null);
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    JsonNode call = json(placed);
    String actionId = call.get("providerCallId").asText();
    webhook(actionId, "answered", "");
    webhook(actionId, "hangup", ",\"cause\":\"NORMAL_CLEARING\"");
    return call.get("id").asText();
  }

  private static HttpResponse<String> wrapUp(String user, String callId, String body) {
    return http.method("PUT", "dialbridge/api/calls/" + callId + "/wrap-up")
        .browser(user)
        .json(body)
        .send();
  }

  private static String later() {
    return Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * A history page of long notes is well over Jersey's default 8 KiB buffer: it is still sent
   * whole, with its length, rather than flushed in chunks as Jackson writes it.
   */
  @Test
  void aPageOfLongNotesIsSentWithItsLength() {
    String note = "n".repeat(WrapUpSettings.DEFAULT_NOTE_MAX_LENGTH);
    for (int i = 0; i < 6; i++) {
      String id = endedCall("bruno", "c-long-notes");
      HttpResponse<String> saved =
          wrapUp("bruno", id, "{\"disposition\":\"connected\",\"note\":\"" + note + "\"}");
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    HttpResponse<String> page =
        http.get("dialbridge/api/contacts/c-long-notes/calls").as("bruno").send();

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(json(page).get("calls")).hasSize(6);
    int length = page.body().getBytes(StandardCharsets.UTF_8).length;
    assertThat(length).isGreaterThan(12 * 1024);
    assertThat(page.headers().firstValue("Transfer-Encoding")).isEmpty();
    assertThat(page.headers().firstValueAsLong("Content-Length")).hasValue(length);
  }

  @Test
  void theCatalogIsInTheAgentsLanguage() {
    JsonNode es = json(http.get("dialbridge/api/dispositions?lang=es").as("ana").send());
    JsonNode pt =
        json(
            http.get("dialbridge/api/dispositions")
                .as("ana")
                .header("Accept-Language", "fr;q=1, pt;q=0.8")
                .send());
    JsonNode en = json(http.get("dialbridge/api/dispositions").as("ana").send());

    assertThat(es.get("language").asText()).isEqualTo("es");
    assertThat(es.get("dispositions").get(0).get("label").asText()).isEqualTo("Conectado");
    assertThat(pt.get("language").asText()).isEqualTo("pt-BR");
    assertThat(en.get("dispositions").get(3).toString())
        .isEqualTo(
            "{\"code\":\"callback\",\"label\":\"Callback\",\"group\":\"connected\","
                + "\"callback\":true,\"offeredFor\":[\"answered\",\"busy\",\"no-answer\","
                + "\"canceled\",\"rejected\",\"failed\"]}");
    assertThat(http.get("dialbridge/api/dispositions").send().statusCode()).isEqualTo(401);
  }

  @Test
  void aSavedWrapUpIsInEveryJsonOfTheCallAndItsTimeline() {
    String id = endedCall("ana", "c-wrap");
    String at = later();

    HttpResponse<String> saved =
        wrapUp(
            "ana",
            id,
            "{\"disposition\":\"callback\",\"note\":\"Call after lunch\",\"callbackAt\":\""
                + at
                + "\"}");

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    JsonNode wrapUp = json(saved).get("wrapUp");
    assertThat(wrapUp.get("disposition").asText()).isEqualTo("callback");
    assertThat(wrapUp.get("note").asText()).isEqualTo("Call after lunch");
    assertThat(wrapUp.get("callbackAt").asText()).isEqualTo(at);
    assertThat(wrapUp.get("updatedBy").asText()).isEqualTo("ana");
    assertThat(wrapUp.get("revision").asInt()).isEqualTo(1);
    assertThat(wrapUp.get("provider").isNull()).isTrue();

    JsonNode call = json(http.get("dialbridge/api/calls/" + id).as("ana").send());
    assertThat(call.get("wrapUp")).isEqualTo(wrapUp);
    JsonNode change = call.get("events").get(call.get("events").size() - 1);
    assertThat(change.get("type").asText()).isEqualTo("WRAP_UP");
    assertThat(change.get("change").get("by").asText()).isEqualTo("ana");
    JsonNode history = json(http.get("dialbridge/api/contacts/c-wrap/calls").as("ana").send());
    assertThat(history.get("calls").get(0).get("wrapUp")).isEqualTo(wrapUp);
  }

  @Test
  void eachRefusalIsProblemJsonWithItsCode() {
    String id = endedCall("bruno", "c-refusals");
    record Case(String user, String body, int status, String code) {}
    List<Case> cases =
        List.of(
            new Case("bruno", "{\"disposition\":\"sold\"}", 422, "unknown_disposition"),
            new Case("bruno", "{\"disposition\":\"busy\"}", 422, "disposition_not_offered"),
            new Case("bruno", "{\"disposition\":\"callback\"}", 422, "callback_time_required"),
            new Case(
                "bruno",
                "{\"disposition\":\"callback\",\"callbackAt\":\"2020-01-01T00:00:00Z\"}",
                422,
                "callback_time_in_past"),
            new Case(
                "bruno",
                "{\"disposition\":\"callback\",\"callbackAt\":\"tomorrow\"}",
                400,
                "invalid_request"),
            // a year no database stores is a clear 400, not a store failure
            new Case(
                "bruno",
                "{\"disposition\":\"callback\",\"callbackAt\":\"+300000-01-01T00:00:00Z\"}",
                400,
                "invalid_request"),
            new Case("bruno", "{\"note\":\"" + "n".repeat(2001) + "\"}", 422, "note_too_long"),
            new Case("bruno", "{\"note\":[1]}", 400, "invalid_request"),
            new Case("ana", "{\"disposition\":\"connected\"}", 403, "forbidden"));
    List<String> seen = new ArrayList<>();
    for (Case c : cases) {
      HttpResponse<String> r = wrapUp(c.user(), id, c.body());
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      seen.add(r.statusCode() + " " + json(r).get("code").asText());
      assertThat(json(r).get("detail").asText()).doesNotContain("Exception", "org.");
    }
    assertThat(seen)
        .containsExactlyElementsOf(cases.stream().map(c -> c.status() + " " + c.code()).toList());
    assertThat(wrapUp("bruno", "no-such-call", "{\"disposition\":\"busy\"}").statusCode())
        .isEqualTo(404);
    assertThat(
            json(http.get("dialbridge/api/calls/" + id).as("bruno").send()).get("wrapUp").isNull())
        .isTrue();
  }

  @Test
  void theNextCallWaitsForTheWrapUpAndTheFormComesBackAfterAReload() {
    String id = endedCall("carla", "c-required");

    HttpResponse<String> refused = place("carla", "c-required", null);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(json(refused).get("code").asText()).isEqualTo("wrap_up_pending");
    assertThat(json(refused).get("call").get("id").asText()).isEqualTo(id);
    JsonNode awaiting = json(http.get("dialbridge/api/me/wrap-up").as("carla").send());
    assertThat(awaiting.get("id").asText()).isEqualTo(id);
    JsonNode me = json(http.get("dialbridge/api/me").as("carla").send());
    assertThat(me.get("wrapUp").get("required").asBoolean()).isTrue();
    assertThat(me.get("wrapUp").get("editableFor").asText()).isEqualTo("PT1H");

    assertThat(wrapUp("carla", id, "{\"disposition\":\"connected\"}").statusCode()).isEqualTo(200);
    assertThat(http.get("dialbridge/api/me/wrap-up").as("carla").send().statusCode())
        .isEqualTo(204);
    assertThat(place("carla", "c-required", null).statusCode()).isEqualTo(201);
  }

  @Test
  void aCallbackIsListedUntilACallFollowsItUp() {
    String id = endedCall("zoe", "c-callback");
    String at = later();
    wrapUp("zoe", id, "{\"disposition\":\"callback\",\"callbackAt\":\"" + at + "\"}");

    JsonNode list = json(http.get("dialbridge/api/me/callbacks").as("zoe").send());
    assertThat(list.get("callbacks")).hasSize(1);
    JsonNode first = list.get("callbacks").get(0);
    assertThat(first.get("due").asBoolean()).isFalse();
    assertThat(first.get("call").get("contactId").asText()).isEqualTo("c-callback");
    assertThat(first.get("call").get("to").asText()).isEqualTo("+5115551234");
    assertThat(first.get("call").get("wrapUp").get("callbackAt").asText()).isEqualTo(at);
    assertThat(json(http.get("dialbridge/api/me/callbacks").as("admin").send()).get("callbacks"))
        .isEmpty();

    HttpResponse<String> followUp = place("zoe", "c-callback", id);
    assertThat(followUp.statusCode()).as(followUp.body()).isEqualTo(201);
    String followUpId = json(followUp).get("id").asText();

    assertThat(json(http.get("dialbridge/api/me/callbacks").as("zoe").send()).get("callbacks"))
        .isEmpty();
    assertThat(
            json(http.get("dialbridge/api/calls/" + id).as("zoe").send())
                .get("wrapUp")
                .get("followedUpBy")
                .asText())
        .isEqualTo(followUpId);
    assertThat(place("admin", "c-callback", "no-such-call").statusCode()).isEqualTo(404);
  }
}
