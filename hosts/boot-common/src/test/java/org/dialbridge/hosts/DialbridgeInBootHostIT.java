package org.dialbridge.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dialbridge in a Spring Boot executable jar whose only Dialbridge dependency is the starter, with
 * Spring Security's defaults (form login, HTTP Basic, CSRF on): the host's API keeps working, an
 * agent signs in the host's way and places a call through the widget's request, C3 (faked on
 * loopback) is asked to dial, the provider's webhook ends the call, the call's event stream sees it
 * end, and the contact's history lists it. Compiled into each sample host (Boot 3.5 and 4.0).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DialbridgeInBootHostIT {
  private static final String C3_TOKEN = "c3-api-token-boot";
  private static final String WEBHOOK_TOKEN = "c3-hook-token-boot";
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

  private FakeC3 c3;
  private HostProcess host;
  private int port;

  @BeforeAll
  void startHost() throws Exception {
    c3 = new FakeC3();
    host = HostProcess.start("scenario", env());
    port = host.awaitStarted();
  }

  @AfterAll
  void stopHost() throws Exception {
    if (host != null) host.close();
    if (c3 != null) c3.close();
  }

  private Map<String, String> env() {
    return Map.of(
        "C3_BASE_URL", c3.baseUrl(), "C3_TOKEN", C3_TOKEN, "C3_WEBHOOK_TOKEN", WEBHOOK_TOKEN);
  }

  @Test
  void startingLogsOneMountedLine() throws Exception {
    assertThat(
            host.log()
                .lines()
                .filter(
                    l ->
                        l.contains(
                            "Dialbridge mounted in the root context: API at /dialbridge/api")))
        .singleElement()
        .asString()
        .contains("store the application's DataSource");
  }

  @Test
  void theHostsOwnApiKeepsWorking() throws Exception {
    HttpResponse<String> hello =
        new Visitor(port).basic("ana", "ana").get("/api/hello", "text/plain");
    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello ana");
  }

  @Test
  void anAgentSignedInWithTheLoginFormPlacesACallThatAWebhookEnds() throws Exception {
    Visitor agent = new Visitor(port);
    assertThat(agent.formLogin("ana", "ana").statusCode())
        .as("signed in, redirected home")
        .isEqualTo(302);
    assertThat(agent.get("/dialbridge/api/me", "application/json").body())
        .contains("\"user\":\"ana\"", "\"admin\":false", "\"extension\":\"6001\"");

    HttpResponse<String> placed =
        agent.widgetPost(
            "/dialbridge/api/calls", "{\"contactId\":\"42\",\"number\":\"+51 1 555 1234\"}");
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String callId = group(ID, placed.body());
    FakeC3.Originate originate =
        c3.originates().stream()
            .filter(o -> o.body().contains("+5115551234"))
            .findFirst()
            .orElseThrow();
    assertThat(originate.body()).contains("6001");
    assertThat(originate.authorization()).isEqualTo("Bearer " + C3_TOKEN);

    HttpResponse<Stream<String>> stream =
        agent.stream("/dialbridge/api/calls/" + callId + "/events");
    assertThat(stream.statusCode()).isEqualTo(200);
    CompletableFuture<List<String>> statuses =
        CompletableFuture.supplyAsync(() -> statusesUntilTheEnd(stream.body()));

    webhook("answered", originate.actionId(), "2026-11-23T12:00:05-05:00", null);
    webhook("hangup", originate.actionId(), "2026-11-23T12:01:05-05:00", "NORMAL_CLEARING");

    assertThat(statuses.get(20, TimeUnit.SECONDS))
        .as("what the button saw")
        .startsWith("DIALING")
        .endsWith("COMPLETED");
    assertThat(
            group(STATUS, agent.get("/dialbridge/api/calls/" + callId, "application/json").body()))
        .isEqualTo("COMPLETED");
    assertThat(agent.get("/dialbridge/api/contacts/42/calls", "application/json").body())
        .contains("\"id\":\"" + callId + "\"");
  }

  @Test
  void aScriptSignedInWithHttpBasicPlacesACallWithoutSpringsCsrfToken() throws Exception {
    Visitor script = new Visitor(port).basic("admin", "admin");
    assertThat(script.get("/dialbridge/api/me", "application/json").body())
        .as("Spring's role dialbridge-admin is Dialbridge's admin role")
        .contains("\"admin\":true");
    HttpResponse<String> placed =
        script.widgetPost(
            "/dialbridge/api/calls", "{\"contactId\":\"43\",\"number\":\"+51 1 555 4321\"}");
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    assertThat(placed.body()).contains("\"agentExtension\":\"6009\"");
  }

  @Test
  void withoutDialbridgesHeaderTheApiRefusesWithItsOwnProblemNotSpringsCsrf403() throws Exception {
    Visitor script = new Visitor(port).basic("ana", "ana");
    HttpResponse<String> r =
        script.post(
            "/dialbridge/api/calls",
            "application/json",
            "application/json",
            "{\"contactId\":\"42\",\"number\":\"+51 1 555 1234\"}",
            "Origin",
            script.origin());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("\"code\":\"csrf_rejected\"");
  }

  @Test
  void withoutASessionTheApiAnswers401ProblemNeverARedirectToTheLoginPage() throws Exception {
    HttpResponse<String> r = new Visitor(port).get("/dialbridge/api/me", "text/html");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(r.body()).contains("\"code\":\"unauthenticated\"");
  }

  @Test
  void healthAnswersWithoutASession() throws Exception {
    HttpResponse<String> health =
        new Visitor(port).get("/dialbridge/api/health", "application/json");
    assertThat(health.statusCode()).as(health.body()).isIn(200, 503);
    assertThat(health.headers().firstValue("Content-Type").orElse("")).contains("json");
  }

  @Test
  void theOpenApiDocumentIsServedToASignedInUserWithTheApiPathAsItsServer() throws Exception {
    HttpResponse<String> doc =
        new Visitor(port)
            .basic("ana", "ana")
            .get("/dialbridge/api/openapi.json", "application/json");
    assertThat(doc.statusCode()).as(doc.body()).isEqualTo(200);
    assertThat(doc.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(doc.body())
        .contains("\"openapi\":\"3.1.")
        .contains("\"servers\":[{\"url\":\"/dialbridge/api\"}]");
    assertThat(
            new Visitor(port).get("/dialbridge/api/openapi.json", "application/json").statusCode())
        .isEqualTo(401);
  }

  @Test
  void aWebhookWithABadTokenGets401ProblemEvenWhenItAcceptsHtml() throws Exception {
    HttpResponse<String> r =
        new Visitor(port)
            .post(
                "/dialbridge/webhooks/c3",
                "application/json",
                "text/html",
                "{\"event\":\"hangup\",\"callId\":\"nope\"}",
                "X-Dialbridge-Token",
                "wrong");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"code\":\"webhook_unauthenticated\"");
  }

  @Test
  void dialbridgesPlaceholderSyntaxInSpringsPropertiesStopsStartUpNamingTheKey(@TempDir Path dir)
      throws Exception {
    Path extra =
        Files.writeString(
            dir.resolve("extra.properties"),
            "dialbridge.providers.c3.webhook-token=${env:C3_WEBHOOK_TOKEN}\n");
    try (HostProcess failing =
        HostProcess.start(
            "env-placeholder",
            env(),
            "--spring.config.additional-location=file:" + extra.toAbsolutePath())) {
      assertThat(failing.awaitExit()).isNotZero();
      String log = failing.log();
      assertThat(log)
          .contains(
              "APPLICATION FAILED TO START",
              "Dialbridge configuration has 1 problem:",
              "dialbridge.providers.c3.webhook-token: Spring reads ${env:C3_WEBHOOK_TOKEN}",
              "write ${C3_WEBHOOK_TOKEN}");
      assertThat(log).doesNotContain("\tat org.dialbridge");
    }
  }

  @Test
  void badKeysStopStartUpWithOneLinePerKey() throws Exception {
    try (HostProcess failing =
        HostProcess.start(
            "bad-keys",
            env(),
            "--dialbridge.dial.rate-limt=5/1m",
            "--dialbridge.dial.rate-limit=ten a minute")) {
      assertThat(failing.awaitExit()).isNotZero();
      String log = failing.log();
      assertThat(log)
          .contains("APPLICATION FAILED TO START", "Dialbridge configuration has 2 problems:");
      assertThat(
              log.lines()
                  .filter(l -> l.strip().startsWith("dialbridge.dial.rate-limt: unknown key")))
          .hasSize(1);
      assertThat(log.lines().filter(l -> l.strip().startsWith("dialbridge.dial.rate-limit: ")))
          .hasSize(1);
    }
  }

  private void webhook(String event, String callId, String time, String cause) throws Exception {
    String json =
        "{\"event\":\""
            + event
            + "\",\"callId\":\""
            + callId
            + "\",\"time\":\""
            + OffsetDateTime.parse(time)
            + "\""
            + (cause == null ? "" : ",\"cause\":\"" + cause + "\"")
            + "}";
    HttpResponse<String> r =
        new Visitor(port)
            .post(
                "/dialbridge/webhooks/c3",
                "application/json",
                "text/html",
                json,
                "X-Dialbridge-Token",
                WEBHOOK_TOKEN);
    assertThat(r.statusCode()).as(event + ": " + r.body()).isEqualTo(204);
  }

  /** The statuses a stream sent, in order, until it closed. */
  private static List<String> statusesUntilTheEnd(Stream<String> lines) {
    List<String> seen = new ArrayList<>();
    lines.filter(l -> l.startsWith("data:")).forEach(l -> seen.add(group(STATUS, l)));
    return seen;
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) throw new AssertionError(pattern + " not in " + text);
    return m.group(1);
  }
}
