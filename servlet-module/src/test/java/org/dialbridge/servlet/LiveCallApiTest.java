package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.dialbridge.servlet.testing.MockServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One agent, one live call, over real HTTP in Jetty: a second call is refused {@code 409
 * agent_busy} naming the live call, {@code GET /me/call} shows it anywhere, and every call JSON
 * carries the names people see.
 */
class LiveCallApiTest {
  private static final MockWebServer c3 = new MockWebServer();
  private static JettyHost host;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    c3.start();
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .defaultProvider("c3")
                .set("dialbridge.dial.rate-limit", "1000/1m")
                .h2Store("live")
                .provider("c3", "c3", c3.url("/").toString())
                .token("c3", "c3-api-token")
                .webhookToken("c3", "c3-hook-token")
                .provider("lima", "c3", c3.url("/").toString())
                .token("lima", "c3-api-token")
                .providerKey("lima", "label", "C3 Lima")
                .agent("ana", "6001")
                .set("dialbridge.agents.ana.name", "Ana Pérez")
                .agent("bruno", "6002")
                .agent("carla", "7001")
                .agent("admin", "6099")
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

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Problems.JSON.readTree(response.body());
  }

  private static HttpResponse<String> post(String user, String provider, String actionId) {
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"" + actionId + "\"}}")
            .build());
    return http.post("dialbridge/api/calls")
        .browser(user)
        .json(
            "{\"contactId\":\"c-live\",\"number\":\"015551234\""
                + (provider == null ? "" : ",\"provider\":\"" + provider + "\"")
                + "}")
        .send();
  }

  private static void hangUpAtTheProvider(String actionId) {
    HttpResponse<String> r =
        http.post("dialbridge/webhooks/c3/c3-hook-token")
            .json(
                "{\"event\":\"hangup\",\"callId\":\""
                    + actionId
                    + "\",\"cause\":\"NORMAL_CLEARING\"}")
            .send();
    assertThat(r.statusCode()).isEqualTo(204);
    host.awaitInboxApplied();
  }

  @Test
  void meCallIsNoContentWithoutALiveCallAndTheCallWithIt() throws Exception {
    HttpResponse<String> none = http.get("dialbridge/api/me/call").as("bruno").send();
    assertThat(none.statusCode()).isEqualTo(204);
    assertThat(none.body()).isEmpty();

    String id = json(post("bruno", null, "api_me")).get("id").asText();
    JsonNode live = json(http.get("dialbridge/api/me/call").as("bruno").send());

    assertThat(live.get("id").asText()).isEqualTo(id);
    assertThat(live.get("status").asText()).isEqualTo("DIALING");
    assertThat(live.get("events").get(0).get("type").asText()).isEqualTo("PLACED");
    hangUpAtTheProvider("api_me");
    assertThat(http.get("dialbridge/api/me/call").as("bruno").send().statusCode()).isEqualTo(204);
  }

  @Test
  void aSecondCallIsRefusedAgentBusyNamingTheLiveCall() throws Exception {
    String id = json(post("ana", null, "api_busy1")).get("id").asText();
    int asked = c3.getRequestCount();

    HttpResponse<String> second =
        http.post("dialbridge/api/calls")
            .browser("ana")
            .json("{\"contactId\":\"c-other\",\"number\":\"015551299\",\"provider\":\"lima\"}")
            .send();

    assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode problem = json(second);
    assertThat(problem.get("code").asText()).isEqualTo("agent_busy");
    assertThat(problem.get("detail").asText()).contains("already on a call");
    assertThat(problem.get("callId").asText()).isEqualTo(id);
    assertThat(problem.get("call").get("id").asText()).isEqualTo(id);
    assertThat(problem.get("call").get("agentName").asText()).isEqualTo("Ana Pérez");
    assertThat(c3.getRequestCount()).isEqualTo(asked);
    hangUpAtTheProvider("api_busy1");
    assertThat(post("ana", null, "api_busy2").statusCode()).isEqualTo(201);
    hangUpAtTheProvider("api_busy2");
  }

  @Test
  void twoTabsClickingAtOnceGetOneCall() throws Exception {
    for (int i = 0; i < 4; i++) {
      c3.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("{\"data\":{\"actionid\":\"api_tab\"}}")
              .build());
    }
    List<CompletableFuture<HttpResponse<String>>> tabs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tabs.add(
          CompletableFuture.supplyAsync(
              () ->
                  http.post("dialbridge/api/calls")
                      .browser("admin")
                      .json("{\"contactId\":\"c-tabs\",\"number\":\"015551234\"}")
                      .send()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> tab : tabs)
      statuses.add(tab.get(20, TimeUnit.SECONDS).statusCode());

    assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409);
    hangUpAtTheProvider("api_tab");
  }

  @Test
  void everyCallJsonNamesTheProviderAndTheAgentAsPeopleSeeThem() throws Exception {
    JsonNode placed = json(post("carla", "lima", "api_names"));
    String id = placed.get("id").asText();
    assertThat(placed.get("providerLabel").asText()).isEqualTo("C3 Lima");
    assertThat(placed.get("agentName").asText()).isEqualTo("carla");
    assertThat(placed.get("provider").asText()).isEqualTo("lima");
    assertThat(placed.get("agent").asText()).isEqualTo("carla");

    JsonNode single = json(http.get("dialbridge/api/calls/" + id).as("carla").send());
    assertThat(single.get("providerLabel").asText()).isEqualTo("C3 Lima");
    JsonNode history = json(http.get("dialbridge/api/contacts/c-live/calls").as("carla").send());
    assertThat(history.get("calls").get(0).get("providerLabel").asText()).isEqualTo("C3 Lima");
    assertThat(history.get("calls").get(0).get("agentName").asText()).isEqualTo("carla");
    assertThat(firstStreamedCall(id).get("providerLabel").asText()).isEqualTo("C3 Lima");
    http.post("dialbridge/webhooks/c3/c3-hook-token")
        .json("{\"event\":\"hangup\",\"callId\":\"api_names\",\"cause\":\"NORMAL_CLEARING\"}")
        .send();
  }

  @Test
  void aProviderWithoutLabelIsNamedAfterItsProduct() throws Exception {
    JsonNode placed = json(post("bruno", "c3", "api_default_label"));

    assertThat(placed.get("providerLabel").asText()).isEqualTo("C3");
    hangUpAtTheProvider("api_default_label");
  }

  private static JsonNode firstStreamedCall(String id) throws Exception {
    HttpResponse<InputStream> stream =
        http
            .get("dialbridge/api/calls/" + id + "/events")
            .as("carla")
            .header("Accept", "text/event-stream")
            .stream();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data:")) return Problems.JSON.readTree(line.substring(5));
      }
    }
    throw new AssertionError("the stream sent no call");
  }
}
