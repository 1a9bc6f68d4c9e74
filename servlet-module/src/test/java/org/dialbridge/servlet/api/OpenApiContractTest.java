package org.dialbridge.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document over real HTTP in Jetty, under a configured {@code dialbridge.api-path}:
 * served with {@code servers} following the path, and every answer the API gives (success and
 * problem, signed in or not) is one its operation documents: the status, the media type, and a body
 * that validates against the documented schema.
 */
class OpenApiContractTest {
  private static final String API = "phone/api/";
  private static JettyHost host;
  private static Http http;
  private static OpenApiDocument served;
  private static int events;

  @BeforeAll
  static void start() throws Exception {
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .h2Store("openapi-contract")
                .provider("c3", "c3", "http://127.0.0.1:9/")
                .token("c3", "c3-api-token")
                .webhookToken("c3", "c3-hook-token")
                .agent("ana", "6001")
                .agent("bruno", "6002")
                .set("dialbridge.api-path", "/phone/api")
                .properties());
    http = host.http();
    HttpResponse<String> r = http.get(API + "openapi.json").as("ana").send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    served = OpenApiDocument.of(r.body());
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  @Test
  void theDocumentIsServedWithTheApiPathAsItsServer() {
    HttpResponse<String> r = http.get(API + "openapi.json").as("ana").send();
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(served.root().at("/servers/0/url").asText()).isEqualTo("/crm/phone/api");
    assertThat(served.root().get("servers").size()).isEqualTo(1);
    ObjectNode shipped = OpenApiDocument.shipped().root().deepCopy();
    shipped.set("servers", served.root().get("servers"));
    assertThat(served.root()).as("the shipped file, but its servers").isEqualTo(shipped);
    conforms("GET", "/openapi.json", r);
  }

  @Test
  void signedOutOnlyTheOperationsWithoutSecurityAnswer() {
    OpenApiChecks.documented(served)
        .forEach(
            (key, op) -> {
              String method = key.substring(0, key.indexOf(' ')).toUpperCase(Locale.ROOT);
              String path = key.substring(key.indexOf(' ') + 1);
              HttpResponse<String> r =
                  http.method(method, API + path.substring(1).replaceAll("\\{[^}]+}", "x"))
                      .header("X-Dialbridge-Request", "1")
                      .send();
              boolean open = op.has("security") && op.get("security").isEmpty();
              if (open) assertThat(r.statusCode()).as(key).isNotEqualTo(401);
              else assertThat(r.statusCode()).as(key + ": " + r.body()).isEqualTo(401);
              conforms(method, path, r);
            });
  }

  @Test
  void everyChangeWithoutTheCsrfHeaderIsRefusedAsDocumented() {
    OpenApiChecks.documented(served)
        .forEach(
            (key, op) -> {
              if (key.startsWith("get ")) return;
              String method = key.substring(0, key.indexOf(' ')).toUpperCase(Locale.ROOT);
              String path = key.substring(key.indexOf(' ') + 1);
              HttpResponse<String> r =
                  http.method(method, API + path.substring(1).replaceAll("\\{[^}]+}", "x"))
                      .as("ana")
                      .send();
              assertThat(r.statusCode()).as(key).isEqualTo(403);
              assertThat(Http.json(r).get("code").asText()).isEqualTo("csrf_rejected");
              conforms(method, path, r);
            });
  }

  @Test
  void theAgentsAnswersAreDocumented() {
    conforms("GET", "/me", http.get(API + "me").as("ana").send());
    conforms("GET", "/me", http.get(API + "me").as("zoe").send());
    conforms("GET", "/dispositions", http.get(API + "dispositions?lang=es").as("ana").send());
    conforms("GET", "/me/call", http.get(API + "me/call").as("ana").send());
    conforms("GET", "/me/wrap-up", http.get(API + "me/wrap-up").as("ana").send());
    conforms("GET", "/me/callbacks", http.get(API + "me/callbacks").as("ana").send());
    conforms("GET", "/health", http.get(API + "health").send());
    conforms("GET", "/calls/{id}", http.get(API + "calls/no-such-call").as("ana").send());
    conforms(
        "GET",
        "/contacts/{contactId}/calls",
        http.get(API + "contacts/c-1/calls?limit=0").as("ana").send());
    conforms(
        "POST",
        "/calls",
        http.post(API + "calls").browser("bruno").json("{\"numbr\": \"1\"}").send());
    conforms(
        "POST",
        "/calls",
        http.post(API + "calls").browser("bruno").body("text/plain", "+51 1 555 1234").send());
    conforms("POST", "/calls", http.post(API + "calls").browser("bruno").json("{").send());
  }

  @Test
  void theAdministratorsAnswersAreDocumented() {
    conforms("GET", "/inbox", http.get(API + "inbox").as("admin").send());
    conforms("GET", "/inbox", http.get(API + "inbox?limit=0").as("admin").send());
    conforms("GET", "/inbox", http.get(API + "inbox").as("ana").send());
    conforms("GET", "/inbound/unrouted", http.get(API + "inbound/unrouted").as("admin").send());
    conforms("GET", "/admin/deliveries", http.get(API + "admin/deliveries").as("admin").send());
    conforms(
        "GET", "/admin/deliveries", http.get(API + "admin/deliveries?limit=0").as("admin").send());
    conforms("GET", "/admin/deliveries", http.get(API + "admin/deliveries").as("ana").send());
    conforms("GET", "/admin/metrics", http.get(API + "admin/metrics").as("admin").send());
    conforms("GET", "/admin/metrics", http.get(API + "admin/metrics").as("ana").send());
    conforms(
        "POST",
        "/inbox/parked/{id}/retry",
        http.post(API + "inbox/parked/41/retry").browser("admin").send());
  }

  @Test
  void anInboundCallsAnswersAreDocumented() {
    ring("pbx-o1", "987 000 001", ",\"agent\":\"6001\"");
    webhook("pbx-o1", "hangup", ",\"cause\":\"ORIGINATOR_CANCEL\"");
    HttpResponse<String> missed = http.get(API + "me/missed").as("ana").send();
    conforms("GET", "/me/missed", missed);
    String id = "";
    for (JsonNode m : Http.json(missed).get("missed")) {
      if (m.at("/call/providerCallId").asText().equals("pbx-o1")) id = m.at("/call/id").asText();
    }
    assertThat(id).isNotEmpty();

    conforms("GET", "/calls/{id}", http.get(API + "calls/" + id).as("ana").send());
    conforms("GET", "/calls/{id}", http.get(API + "calls/" + id).as("bruno").send());
    conforms("PUT", "/calls/{id}/contact", contact(id, "ana", "{\"contactId\": \"c-nobody\"}"));
    conforms("PUT", "/calls/{id}/contact", contact(id, "ana", "{}"));
    conforms("PUT", "/calls/{id}/wrap-up", wrapUp(id, "{\"disposition\": \"no-such\"}"));
    conforms("PUT", "/calls/{id}/wrap-up", wrapUp(id, "{\"note\": \"Called back later\"}"));
    conforms("PUT", "/calls/{id}/wrap-up", wrapUp(id, "{\"disposition\": \"no-answer\"}"));
    conforms("GET", "/calls/{id}", http.get(API + "calls/" + id).as("ana").send());
    conforms(
        "GET",
        "/contacts/{contactId}/calls",
        http.get(API + "contacts/c-7/calls").as("ana").send());
    conforms(
        "POST",
        "/calls/{id}/hangup",
        http.post(API + "calls/" + id + "/hangup").browser("ana").send());
    conforms(
        "DELETE",
        "/me/missed/{id}",
        http.method("DELETE", API + "me/missed/" + id).browser("ana").send());
    conforms(
        "DELETE",
        "/me/missed/{id}",
        http.method("DELETE", API + "me/missed/" + id).browser("ana").send());
    conforms("GET", "/me/wrap-up", http.get(API + "me/wrap-up").as("ana").send());
  }

  @Test
  void theStreamsAreServedAsDocumented() throws Exception {
    HttpResponse<InputStream> me =
        http.get(API + "me/events").as("ana").header("Accept", "text/event-stream").stream();
    try (InputStream body = me.body()) {
      conformsStream("GET", "/me/events", me);
    }
    ring("pbx-o2", "987 000 001", ",\"agent\":\"6001\"");
    String id =
        Http.json(http.get(API + "contacts/c-7/calls").as("ana").send()).at("/calls/0/id").asText();
    HttpResponse<InputStream> call =
        http
            .get(API + "calls/" + (id.isEmpty() ? "x" : id) + "/events")
            .as("ana")
            .header("Accept", "text/event-stream")
            .stream();
    try (InputStream body = call.body()) {
      conformsStream("GET", "/calls/{id}/events", call);
    }
    webhook("pbx-o2", "hangup", "");
  }

  /** A stream's status and media type are documented for its operation. */
  private static void conformsStream(String method, String path, HttpResponse<InputStream> r) {
    String what = method + " " + path + " answered " + r.statusCode();
    JsonNode documented =
        served
            .root()
            .path("paths")
            .path(path)
            .path(method.toLowerCase(Locale.ROOT))
            .path("responses")
            .get(String.valueOf(r.statusCode()));
    assertThat(documented).as(what + ": status not documented").isNotNull();
    String type = OpenApiChecks.bare(r.headers().firstValue("Content-Type").orElse(""));
    assertThat(OpenApiChecks.mediaTypes(served.resolve(documented).path("content")))
        .as(what)
        .contains(type);
  }

  @Test
  void aCallTheProviderCannotPlaceIsAnsweredAsDocumented() {
    HttpResponse<String> r =
        http.post(API + "calls")
            .browser("bruno")
            .json("{\"contactId\": \"c-7\", \"number\": \"+51 1 555 1234\"}")
            .send();
    conforms("POST", "/calls", r);
    conforms(
        "POST",
        "/calls",
        http.post(API + "calls")
            .browser("bruno")
            .json("{\"contactId\": \"c-7\", \"number\": \"+51 1 555 1234\"}")
            .send());
  }

  private static HttpResponse<String> contact(String id, String user, String body) {
    return http.method("PUT", API + "calls/" + id + "/contact").browser(user).json(body).send();
  }

  private static HttpResponse<String> wrapUp(String id, String body) {
    return http.method("PUT", API + "calls/" + id + "/wrap-up").browser("ana").json(body).send();
  }

  private static void ring(String pbxId, String from, String fields) {
    webhook(pbxId, "ringing", ",\"direction\":\"inbound\",\"from\":\"" + from + "\"" + fields);
  }

  private static void webhook(String pbxId, String event, String fields) {
    HttpResponse<String> r =
        http.post("dialbridge/webhooks/c3/c3-hook-token")
            .json(
                "{\"event\":\""
                    + event
                    + "\",\"callId\":\""
                    + pbxId
                    + "\",\"eventId\":\"o"
                    + ++events
                    + "\""
                    + fields
                    + "}")
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    host.awaitInboxApplied();
  }

  /**
   * The answer is one the operation documents: its status, its media type, and a body that
   * validates against the schema documented for both.
   */
  private static void conforms(String method, String path, HttpResponse<String> r) {
    String what = method + " " + path + " answered " + r.statusCode() + " " + r.body();
    JsonNode op = served.root().path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    assertThat(op.isMissingNode()).as(what + ": no such operation").isFalse();
    JsonNode documented = op.path("responses").get(String.valueOf(r.statusCode()));
    assertThat(documented).as(what + ": status not documented").isNotNull();
    JsonNode response = served.resolve(documented);
    if (r.body().isEmpty()) {
      assertThat(response.has("content")).as(what + ": documented with a body").isFalse();
      return;
    }
    String type = OpenApiChecks.bare(r.headers().firstValue("Content-Type").orElse(""));
    JsonNode media = null;
    for (var it = response.path("content").fields(); it.hasNext(); ) {
      var entry = it.next();
      if (OpenApiChecks.bare(entry.getKey()).equals(type)) media = entry.getValue();
    }
    assertThat(media).as(what + ": media type " + type + " not documented").isNotNull();
    if (type.endsWith("json")) {
      assertThat(served.violations(media.path("schema"), r.body())).as(what).isEmpty();
    }
  }
}
