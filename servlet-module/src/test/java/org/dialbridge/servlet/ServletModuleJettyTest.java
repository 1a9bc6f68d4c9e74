package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.Actor;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.core.webhook.WebhookSignatures;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.dialbridge.servlet.testing.MockServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet module inside a real Jetty 12 host, over real HTTP: the full suite. */
class ServletModuleJettyTest {
  private static final MockWebServer c3 = new MockWebServer();
  private static final MockWebServer bemmelhor = new MockWebServer();
  private static JettyHost host;
  private static Http http;
  private static Dialbridge dialbridge;

  @BeforeAll
  static void start() throws Exception {
    c3.start();
    bemmelhor.start();
    host = JettyHost.start(config());
    http = host.http();
    dialbridge = (Dialbridge) host.attribute(DialbridgeInitializer.ATTRIBUTE);
  }

  /**
   * The mock is this class's alone (its host was configured with its URL), and each test starts it
   * afresh.
   */
  @BeforeEach
  void resetProvider() throws InterruptedException {
    MockServers.reset(c3, bemmelhor);
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
    c3.close();
    bemmelhor.close();
  }

  static Map<String, String> config() {
    return TestConfig.region("PE")
        .defaultProvider("c3")
        .set("dialbridge.dial.allowed-regions", "PE,BR")
        .set("dialbridge.dial.rate-limit", "1000/1m")
        // these tests place independent calls as the same agent; one live call per agent is
        // LiveCallApiTest's
        .set("dialbridge.dial.one-live-call", "false")
        .h2Store("servlet")
        .provider("c3", "c3", c3.url("/").toString())
        .token("c3", "c3-api-token")
        .webhookToken("c3", "c3-hook-token")
        .provider("bm", "bemmelhor", bemmelhor.url("/").toString())
        .providerKey("bm", "webhook-hmac-secret", "bm-new,bm-old")
        .agent("ana", "6001")
        .agent("bruno", "6002")
        .agent("carla", "7001", "bm")
        .agent("admin", "6099")
        .properties();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Problems.JSON.readTree(response.body());
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode problem = json(response);
    assertThat(problem.get("code").asText()).isEqualTo(code);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception", "\tat ");
  }

  private static String place(String user, String contact, String number, String actionId)
      throws Exception {
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"" + actionId + "\"}}")
            .build());
    HttpResponse<String> r =
        http.post("dialbridge/api/calls")
            .browser(user)
            .json("{\"contactId\":\"" + contact + "\",\"number\":\"" + number + "\"}")
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("id").asText();
  }

  /**
   * The next request the fake C3 received at {@code path}, skipping those other tests left behind.
   */
  private static mockwebserver3.RecordedRequest c3RequestTo(String path, String bodyPart)
      throws InterruptedException {
    while (true) {
      mockwebserver3.RecordedRequest r = c3.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r).as("a request to " + path + " with " + bodyPart).isNotNull();
      if (r.getTarget().equals(path)
          && r.getBody() != null
          && r.getBody().utf8().contains(bodyPart)) return r;
    }
  }

  /** Delivers a C3 webhook and, when it was accepted, waits for its call to move. */
  private static HttpResponse<String> c3Webhook(String json) {
    HttpResponse<String> r = http.post("dialbridge/webhooks/c3/c3-hook-token").json(json).send();
    if (r.statusCode() == 204) dialbridge.awaitInboxApplied(Duration.ofSeconds(10));
    return r;
  }

  private static int storedCalls(String contact) {
    return dialbridge.history(Actor.admin("admin"), contact, null, 100).calls().size();
  }

  // ------------------------------------------------------------------ mounting and reading

  @Test
  void meShowsTheSignedInAgentAndWhatTheirProviderCanDo() throws Exception {
    JsonNode me = json(http.get("dialbridge/api/me").as("carla").send());

    assertThat(me.get("user").asText()).isEqualTo("carla");
    assertThat(me.get("extension").asText()).isEqualTo("7001");
    assertThat(me.get("provider").asText()).isEqualTo("bm");
    assertThat(me.get("capabilities").get("hangUp").asBoolean()).isFalse();
    assertThat(me.get("capabilities").get("placeCall").asBoolean()).isTrue();
    assertThat(me.get("providers").get("c3").get("capabilities").get("hangUp").asBoolean())
        .isTrue();
    assertThat(me.get("providers").get("bm").get("type").asText()).isEqualTo("bemmelhor");
  }

  @Test
  void healthNeedsNoSignInAndShowsNoSecret() throws Exception {
    HttpResponse<String> r = http.get("dialbridge/api/health").send();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("store").asText()).isEqualTo("UP");
    assertThat(json(r).get("providers").get("c3").get("status").asText()).isEqualTo("UP");
    assertThat(r.body()).doesNotContain("c3-api-token", "c3-hook-token", "127.0.0.1");
  }

  @Test
  void theWidgetScriptIsServedByTheContainer() {
    HttpResponse<String> r = http.get("dialbridge/click-to-call.js").send();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("click-to-call");
  }

  // ------------------------------------------------------------------ the call flow

  @Test
  void placingACallAnswers201WithLocationAndTheCall() throws Exception {
    c3.enqueue(
        new MockResponse.Builder().code(200).body("{\"data\":{\"actionid\":\"api_201\"}}").build());

    HttpResponse<String> r =
        http.post("dialbridge/api/calls")
            .browser("ana")
            .json("{\"contactId\":\"c-201\",\"number\":\"+51 1 555 1234\"}")
            .send();

    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode call = json(r);
    assertThat(r.headers().firstValue("Location"))
        .hasValue(http.uri("dialbridge/api/calls/" + call.get("id").asText()).toString());
    assertThat(call.get("status").asText()).isEqualTo("DIALING");
    assertThat(call.get("providerCallId").asText()).isEqualTo("api_201");
    assertThat(call.get("to").asText()).isEqualTo("+5115551234");
    assertThat(call.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(call.has("answeredAt")).isTrue();
    assertThat(
            c3RequestTo("/api/v1/calls/originate", "5115551234").getHeaders().get("Authorization"))
        .isEqualTo("Bearer c3-api-token");
  }

  @Test
  void aWebhookMovesTheCallAndTheTimelineShowsIt() throws Exception {
    String id = place("ana", "c-flow", "015551234", "api_flow");
    Instant answered = Instant.now().plusSeconds(5);

    assertThat(
            c3Webhook(
                    "{\"event\":\"answered\",\"callId\":\"api_flow\",\"time\":\""
                        + answered
                        + "\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            c3Webhook(
                    "{\"event\":\"hangup\",\"callId\":\"api_flow\",\"cause\":\"NORMAL_CLEARING\","
                        + "\"time\":\""
                        + answered.plusSeconds(60)
                        + "\"}")
                .statusCode())
        .isEqualTo(204);

    JsonNode call = json(http.get("dialbridge/api/calls/" + id).as("bruno").send());
    assertThat(call.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(call.get("durationSeconds").asLong()).isEqualTo(60);
    List<String> types = new ArrayList<>();
    call.get("events").forEach(e -> types.add(e.get("type").asText()));
    assertThat(types).containsExactly("PLACED", "ANSWERED", "HANGUP");
    assertThat(call.get("events").get(0).has("payload")).isFalse();
  }

  @Test
  void historyIsNewestFirstAndPaged() throws Exception {
    String first = place("ana", "c-hist", "015551234", "api_h1");
    String second = place("bruno", "c-hist", "015551234", "api_h2");

    JsonNode page = json(http.get("dialbridge/api/contacts/c-hist/calls?limit=1").as("ana").send());
    assertThat(page.get("calls").get(0).get("id").asText()).isEqualTo(second);
    JsonNode next =
        json(
            http.get(
                    "dialbridge/api/contacts/c-hist/calls?limit=1&before="
                        + page.get("next").asText())
                .as("ana")
                .send());
    assertThat(next.get("calls").get(0).get("id").asText()).isEqualTo(first);
    assertThat(next.get("next").isNull()).isTrue();
  }

  @Test
  void theEventStreamSendsTheCallAndEachChangeUntilItEnds() throws Exception {
    String id = place("ana", "c-sse", "015551234", "api_sse");
    HttpResponse<InputStream> stream =
        http
            .get("dialbridge/api/calls/" + id + "/events")
            .as("ana")
            .header("Accept", "text/event-stream")
            .stream();
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
    List<String> statuses = new ArrayList<>();
    CompletableFuture<Void> reading =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("data:"))
                    statuses.add(Problems.JSON.readTree(line.substring(5)).get("status").asText());
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    c3Webhook("{\"event\":\"ringing\",\"callId\":\"api_sse\"}");
    Thread.sleep(100);
    c3Webhook("{\"event\":\"hangup\",\"callId\":\"api_sse\",\"cause\":\"USER_BUSY\"}");

    reading.get(5, TimeUnit.SECONDS);
    assertThat(statuses).containsExactly("DIALING", "RINGING", "BUSY");
  }

  @Test
  void anAgentHangsUpTheirCall() throws Exception {
    String id = place("ana", "c-hang", "015551234", "api_hang");
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"api_hang\"}}")
            .build());

    HttpResponse<String> r =
        http.post("dialbridge/api/calls/" + id + "/hangup").browser("ana").send();

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(c3RequestTo("/api/v1/calls/hangup", "api_hang").getBody().utf8())
        .isEqualTo("{\"actionid\":\"api_hang\"}");
  }

  @Test
  void aProviderThatCannotHangUpAnswersHangupUnsupported() throws Exception {
    bemmelhor.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"apiStatus\":\"CONECTION_OK\",\"data\":{\"callId\":\"bm-1\",\"error\":null}}")
            .build());
    HttpResponse<String> placed =
        http.post("dialbridge/api/calls")
            .browser("carla")
            .json("{\"contactId\":\"c-bm\",\"number\":\"+55 32 99999-9999\"}")
            .send();
    assertThat(placed.statusCode()).isEqualTo(201);

    assertProblem(
        http.post("dialbridge/api/calls/" + json(placed).get("id").asText() + "/hangup")
            .browser("carla")
            .send(),
        409,
        "hangup_unsupported");
  }

  @Test
  void providerFailuresMapToGatewayStatuses() throws Exception {
    c3.enqueue(
        new MockResponse.Builder()
            .code(422)
            .body("{\"message\":\"Agente no disponible\"}")
            .build());
    HttpResponse<String> rejected =
        http.post("dialbridge/api/calls")
            .browser("ana")
            .json("{\"contactId\":\"c-fail\",\"number\":\"015551234\"}")
            .send();
    assertProblem(rejected, 502, "provider_rejected");
    assertThat(json(rejected).get("detail").asText()).contains("Agente no disponible");

    c3.enqueue(new MockResponse.Builder().code(500).build());
    HttpResponse<String> unknown =
        http.post("dialbridge/api/calls")
            .browser("ana")
            .json("{\"contactId\":\"c-fail\",\"number\":\"015551234\"}")
            .send();
    assertProblem(unknown, 502, "provider_unavailable");
    assertThat(json(unknown).get("detail").asText()).contains("outcome is unknown");
  }

  // ------------------------------------------------------------------ bad input: a clear 4xx,
  // nothing stored

  @Test
  void badRequestsToTheApiAreClear4xxAndStoreNothing() throws Exception {
    int before = c3.getRequestCount();
    String path = "dialbridge/api/calls";

    assertProblem(
        http.post(path).browser("ana").json("{\"contactId\":\"c-bad\",").send(),
        400,
        "invalid_json");
    assertProblem(
        http.post(path).browser("ana").body("text/plain", "number=1".getBytes()).send(),
        415,
        "unsupported_media_type");
    assertProblem(
        http.post(path)
            .browser("ana")
            .body("application/x-www-form-urlencoded", "number=015551234".getBytes())
            .send(),
        415,
        "unsupported_media_type");
    assertProblem(
        http.post(path)
            .browser("ana")
            .json("{\"contactId\":\"c-bad\",\"pad\":\"" + "x".repeat(17_000) + "\"}")
            .send(),
        413,
        "body_too_large");
    assertProblem(
        http.post(path).browser("ana").json("{\"contactId\":\"c-bad\"}").send(),
        400,
        "invalid_request");
    assertProblem(
        http.post(path)
            .browser("ana")
            .json("{\"contactId\":\"c-bad\",\"number\":\"01-555-CALL\"}")
            .send(),
        400,
        "invalid_number");
    assertProblem(
        http.post(path)
            .browser("ana")
            .json("{\"contactId\":\"c-bad\",\"number\":\"+1 415 555 2671\"}")
            .send(),
        403,
        "number_not_allowed");
    assertProblem(
        http.post(path)
            .browser("ana")
            .json("{\"contactId\":\"c-bad\",\"number\":\"+1 900 555 0123\"}")
            .send(),
        403,
        "number_not_allowed");
    assertProblem(
        http.post(path)
            .browser("zoe")
            .json("{\"contactId\":\"c-bad\",\"number\":\"015551234\"}")
            .send(),
        403,
        "agent_not_mapped");
    assertProblem(
        http.post(path).as("ana").json("{\"contactId\":\"c-bad\",\"number\":\"015551234\"}").send(),
        403,
        "csrf_rejected");
    assertProblem(
        http.post(path)
            .browser("ana")
            .header("Origin", "https://evil.example")
            .json("{\"contactId\":\"c-bad\",\"number\":\"015551234\"}")
            .send(),
        403,
        "csrf_rejected");
    assertProblem(
        http.post(path)
            .browser("ana")
            .header("Sec-Fetch-Site", "cross-site")
            .json("{\"contactId\":\"c-bad\",\"number\":\"015551234\"}")
            .send(),
        403,
        "csrf_rejected");
    assertProblem(
        http.post(path)
            .header("X-Dialbridge-Request", "1")
            .json("{\"number\":\"015551234\"}")
            .send(),
        401,
        "unauthenticated");
    assertProblem(
        http.get("dialbridge/api/calls/no-such-call").as("ana").send(), 404, "call_not_found");
    assertProblem(
        http.get("dialbridge/api/contacts/c-bad/calls?limit=5000").as("ana").send(),
        400,
        "invalid_request");
    assertProblem(
        http.get("dialbridge/api/contacts/c-bad/calls?before=forged").as("ana").send(),
        400,
        "invalid_request");
    assertProblem(http.get("dialbridge/api/nothing-here").as("ana").send(), 404, "not_found");
    assertProblem(
        http.method("DELETE", "dialbridge/api/calls/x").browser("ana").send(),
        405,
        "method_not_allowed");

    assertThat(c3.getRequestCount()).isEqualTo(before);
    assertThat(storedCalls("c-bad")).isZero();
  }

  @Test
  void anotherAgentsCallCannotBeHungUpButAnAdminMay() throws Exception {
    String id = place("ana", "c-other", "015551234", "api_other");

    assertProblem(
        http.post("dialbridge/api/calls/" + id + "/hangup").browser("bruno").send(),
        403,
        "forbidden");

    c3.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    assertThat(
            http.post("dialbridge/api/calls/" + id + "/hangup")
                .browser("admin")
                .send()
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void corsAnswersNoOriginThatIsNotListed() {
    HttpResponse<String> preflight =
        http.method("OPTIONS", "dialbridge/api/calls")
            .header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "POST")
            .send();

    assertThat(preflight.statusCode()).isEqualTo(403);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(
            http.get("dialbridge/api/me")
                .as("ana")
                .header("Origin", "https://evil.example")
                .send()
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .isEmpty();
  }

  // ------------------------------------------------------------------ webhooks

  @Test
  void webhookAnswersFollowTheSpec() throws Exception {
    String body = "{\"event\":\"dialing\",\"callId\":\"api_wh\"}";

    assertThat(http.post("dialbridge/webhooks/c3/c3-hook-token").json(body).send().statusCode())
        .isEqualTo(204);
    assertThat(
            http.post("dialbridge/webhooks/c3")
                .header("X-Dialbridge-Token", "c3-hook-token")
                .json(body)
                .send()
                .statusCode())
        .isEqualTo(204);
    assertProblem(
        http.post("dialbridge/webhooks/c3/c3-hook-token").json("{\"event\":\"answered\"}").send(),
        400,
        "webhook_unparseable");
    assertProblem(
        http.post("dialbridge/webhooks/c3/c3-hook-token").json("not json").send(),
        400,
        "webhook_unparseable");
    assertProblem(
        http.post("dialbridge/webhooks/c3/wrong-token").json(body).send(),
        401,
        "webhook_unauthenticated");
    assertProblem(
        http.post("dialbridge/webhooks/c3").json(body).send(), 401, "webhook_unauthenticated");
    assertProblem(
        http.post("dialbridge/webhooks/twilio/x").json(body).send(), 404, "provider_not_found");
    assertProblem(
        http.post("dialbridge/webhooks/c3/c3-hook-token")
            .json("{\"p\":\"" + "x".repeat(70_000) + "\"}")
            .send(),
        413,
        "body_too_large");
    assertProblem(
        http.post("dialbridge/webhooks/c3/c3-hook-token")
            .body("application/xml", "<a/>".getBytes())
            .send(),
        415,
        "unsupported_media_type");
    assertProblem(
        http.get("dialbridge/webhooks/c3/c3-hook-token").send(), 405, "method_not_allowed");
  }

  @Test
  void aDuplicateWebhookIsAnswered204AndStoredOnce() throws Exception {
    String id = place("ana", "c-dup", "015551234", "api_dup");
    String body = "{\"event\":\"ringing\",\"callId\":\"api_dup\",\"eventId\":\"e-dup\"}";

    for (int i = 0; i < 10; i++) assertThat(c3Webhook(body).statusCode()).isEqualTo(204);

    assertThat(dialbridge.events(id)).hasSize(2);
  }

  @Test
  void aSignedWebhookIsAcceptedWithEitherSecretAndRefusedWhenStaleOrTampered() throws Exception {
    byte[] body =
        ("{\"event\":\"call.dialing\",\"clientId\":\"x\",\"data\":{\"created\":1763899200000,"
                + "\"from\":\"7001\",\"to\":\"032999999999\",\"callId\":\"bm-signed\"}}")
            .getBytes(StandardCharsets.UTF_8);
    Instant now = Instant.now();

    assertThat(
            http.post("dialbridge/webhooks/bm")
                .body("application/json", body)
                .header("X-Dialbridge-Signature", WebhookSignatures.sign("bm-old", now, body))
                .send()
                .statusCode())
        .isEqualTo(204);
    assertProblem(
        http.post("dialbridge/webhooks/bm")
            .body("application/json", body)
            .header(
                "X-Dialbridge-Signature",
                WebhookSignatures.sign("bm-new", now.minusSeconds(400), body))
            .send(),
        401,
        "webhook_unauthenticated");
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("bm-signed", "bm-signeD")
            .getBytes(StandardCharsets.UTF_8);
    assertProblem(
        http.post("dialbridge/webhooks/bm")
            .body("application/json", tampered)
            .header("X-Dialbridge-Signature", WebhookSignatures.sign("bm-new", now, body))
            .send(),
        401,
        "webhook_unauthenticated");
    assertProblem(
        http.post("dialbridge/webhooks/bm")
            .body("application/json", body)
            .header("X-Dialbridge-Signature", WebhookSignatures.sign("guess", now, body))
            .send(),
        401,
        "webhook_unauthenticated");
  }

  @Test
  void anUnknownButWellFormedEventIsStoredAsOther() throws Exception {
    String id = place("ana", "c-other-ev", "015551234", "api_otherev");
    byte[] body =
        ("{\"event\":\"call.transferred\",\"clientId\":\"x\",\"data\":{\"created\":1763899200001,"
                + "\"callId\":\"bm-unknown\"}}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(
            http.post("dialbridge/webhooks/bm")
                .body("application/json", body)
                .header(
                    "X-Dialbridge-Signature", WebhookSignatures.sign("bm-new", Instant.now(), body))
                .send()
                .statusCode())
        .isEqualTo(204);
    assertThat(dialbridge.events(id)).hasSize(1);
  }

  @Test
  void storedCallsAreVisibleThroughTheFacadeTheHostCanUse() throws Exception {
    String id = place("ana", "c-facade", "015551234", "api_facade");

    Call call = dialbridge.call(id);

    assertThat(call.contactId()).isEqualTo("c-facade");
  }
}
