package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.dialbridge.servlet.testing.LogCapture;
import org.dialbridge.servlet.testing.MockServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input answered in words over real HTTP in Jetty: which field is wrong and why, never a class
 * name; values too long for the store refused at the edge with the field named, never a 503; a 401
 * with a challenge a browser prompts for only when no script asked.
 */
class ClearErrorsTest {
  private static final MockWebServer c3 = new MockWebServer();
  private static JettyHost host;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    c3.start();
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .h2Store("errors")
                .provider("c3", "c3", c3.url("/").toString())
                .token("c3", "c3-api-token")
                .webhookToken("c3", "c3-hook-token")
                .agent("ana", "6001")
                .properties());
    http = host.http();
  }

  /**
   * The mock is this class's alone (its host was configured with its URL), and each test starts it
   * afresh.
   */
  @BeforeEach
  void resetProvider() throws InterruptedException {
    MockServers.reset(c3);
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
    c3.close();
  }

  private static JsonNode problem(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode problem = Problems.JSON.readTree(response.body());
    assertThat(problem.get("code").asText()).isEqualTo(code);
    assertThat(response.body())
        .doesNotContain(
            "org.dialbridge",
            "com.fasterxml",
            "PlaceCallBody",
            "StreamReadConstraints",
            "Exception",
            "()");
    return problem;
  }

  private static HttpResponse<String> place(String json) {
    return http.post("dialbridge/api/calls").browser("ana").json(json).send();
  }

  @Test
  void anUnknownFieldIsAnInvalidRequestNamingIt() throws Exception {
    JsonNode p = problem(place("{\"number\":\"015551234\",\"foo\":1}"), 400, "invalid_request");

    assertThat(p.get("detail").asText())
        .isEqualTo("Unknown field 'foo'; the fields are contactId, followsUp, number, provider.");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamedInWords() throws Exception {
    JsonNode p = problem(place("{\"number\":{\"digits\":\"015551234\"}}"), 400, "invalid_request");

    assertThat(p.get("detail").asText()).isEqualTo("The field 'number' must be a string.");
  }

  @Test
  void aBodyThatIsNotAnObjectSaysSo() throws Exception {
    JsonNode p = problem(place("[\"015551234\"]"), 400, "invalid_request");

    assertThat(p.get("detail").asText()).isEqualTo("The request body must be a JSON object.");
  }

  @Test
  void aBodyThatIsNotJsonSaysWhereItBreaks() throws Exception {
    JsonNode p = problem(place("{\"number\": oops}"), 400, "invalid_json");

    assertThat(p.get("detail").asText())
        .startsWith("The request body is not valid JSON (line 1, column");
  }

  @Test
  void aDeeplyNestedBodyIsRefusedInWords() throws Exception {
    String deep = "{\"number\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";

    JsonNode p = problem(place(deep), 400, "invalid_request");

    assertThat(p.get("detail").asText()).isEqualTo("The field 'number' must be a string.");
  }

  @Test
  void aWebhookNestedTooDeeplySaysSoInWords() throws Exception {
    String deep = "{\"event\":" + "[".repeat(100) + "]".repeat(100) + "}";

    JsonNode p =
        problem(
            http.post("dialbridge/webhooks/c3/c3-hook-token").json(deep).send(),
            400,
            "webhook_unparseable");

    assertThat(p.get("detail").asText()).contains("nested deeper than 32 levels");
  }

  @Test
  void aContactIdTooLongForTheStoreIsA400NamingItNotAnOutage() throws Exception {
    try (LogCapture logs = LogCapture.start()) {
      JsonNode p =
          problem(
              place("{\"contactId\":\"" + "c".repeat(500) + "\",\"number\":\"015551234\"}"),
              400,
              "invalid_request");

      assertThat(p.get("detail").asText()).contains("contactId");
      assertThat(logs.everything()).doesNotContain("unavailable");
    }
    assertThat(c3.getRequestCount()).isZero();
  }

  @Test
  void aWebhookCallIdTooLongForTheStoreIsA400NamingItNotAnOutage() throws Exception {
    try (LogCapture logs = LogCapture.start()) {
      HttpResponse<String> r =
          http.post("dialbridge/webhooks/c3/c3-hook-token")
              .json(
                  "{\"event\":\"hangup\",\"callId\":\""
                      + "x".repeat(300)
                      + "\",\"cause\":\"NORMAL_CLEARING\"}")
              .send();

      JsonNode p = problem(r, 400, "webhook_unparseable");
      assertThat(p.get("detail").asText()).contains("callId", "128");
      assertThat(r.headers().firstValue("Retry-After")).isEmpty();
      assertThat(logs.everything()).doesNotContain("unavailable");
    }
  }

  @Test
  void aSignedOutScriptGetsAChallengeNoBrowserPromptsFor() {
    HttpResponse<String> widget =
        http.post("dialbridge/api/calls")
            .header("X-Dialbridge-Request", "1")
            .json("{\"number\":\"015551234\"}")
            .send();
    HttpResponse<String> fetch =
        http.get("dialbridge/api/me").header("Sec-Fetch-Mode", "cors").send();
    HttpResponse<String> stream =
        http.get("dialbridge/api/calls/x/events").header("Accept", "text/event-stream").send();

    for (HttpResponse<String> r : java.util.List.of(widget, fetch, stream)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .hasValue("Session realm=\"dialbridge\"");
    }
  }

  @Test
  void aWebhookThatFailsAuthenticationIsToldTheMethod() {
    HttpResponse<String> r =
        http.post("dialbridge/webhooks/c3/wrong")
            .json("{\"event\":\"dialing\",\"callId\":\"x\"}")
            .send();

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Token realm=\"dialbridge\"");
  }

  @Test
  void aSignedOutPersonOrScriptIsChallengedForBasic() {
    HttpResponse<String> curl = http.get("dialbridge/api/me").send();
    HttpResponse<String> opened =
        http.get("dialbridge/api/me").header("Sec-Fetch-Mode", "navigate").send();

    assertThat(curl.statusCode()).isEqualTo(401);
    assertThat(curl.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
    assertThat(opened.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
  }
}
