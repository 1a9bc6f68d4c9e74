package org.dialbridge.hosts.war;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * What a CRM team checks once Dialbridge is in its webapp, the same in every host: the CRM's own
 * API still answers, an agent signed in the container's way places a call that reaches the provider
 * (a fake C3 on loopback), the provider's webhook ends it, the call's event stream sees the end,
 * and the contact's history lists the call.
 */
final class CrmScenario {
  static final String C3_TOKEN = "c3-api-token";
  static final String WEBHOOK_TOKEN = "c3-hook-token";
  static final String AGENT = "ana";
  static final String AGENT_PASSWORD = "ana-secret";
  static final String AGENT_ROLE = "crm-agent";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI crm;
  private final MockWebServer c3;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param crm the webapp's root, e.g. {@code http://127.0.0.1:8080/crm/}
   */
  CrmScenario(URI crm, MockWebServer c3) {
    this.crm = crm;
    this.c3 = c3;
  }

  /** The system properties the sample's {@code dialbridge.properties} reads. */
  static Map<String, String> systemProperties(MockWebServer c3, Path dataDir) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("crm.c3-port", String.valueOf(c3.getPort()));
    p.put("crm.c3-token", C3_TOKEN);
    p.put("crm.webhook-token", WEBHOOK_TOKEN);
    p.put("crm.data-dir", dataDir.toAbsolutePath().toString());
    return p;
  }

  void run() throws Exception {
    theCrmsOwnApiAnswersTheSignedInUser();
    String id = placeCall();
    RecordedRequest originate = c3.takeRequest(5, TimeUnit.SECONDS);
    assertThat(originate).as("C3 was asked to originate").isNotNull();
    assertThat(originate.getTarget()).isEqualTo("/api/v1/calls/originate");
    assertThat(originate.getHeaders().get("Authorization")).isEqualTo("Bearer " + C3_TOKEN);

    List<String> streamed = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ended = follow(id, streamed);
    // provider times after the call was placed: Dialbridge never lets a call end before it began
    Instant answered = Instant.now().plusSeconds(5);
    webhook("{\"event\":\"answered\",\"callId\":\"host_1\",\"time\":\"" + answered + "\"}");
    webhook(
        "{\"event\":\"hangup\",\"callId\":\"host_1\",\"cause\":\"NORMAL_CLEARING\",\"time\":\""
            + answered.plusSeconds(30)
            + "\"}");
    ended.get(10, TimeUnit.SECONDS);
    assertThat(streamed.get(streamed.size() - 1)).contains("\"status\":\"COMPLETED\"");

    JsonNode history = JSON.readTree(send(get("dialbridge/api/contacts/42/calls"), 200).body());
    assertThat(history.get("calls")).hasSize(1);
    assertThat(history.get("calls").get(0).get("id").asText()).isEqualTo(id);
    assertThat(history.get("calls").get(0).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(history.get("calls").get(0).get("durationSeconds").asInt()).isEqualTo(30);
  }

  private void theCrmsOwnApiAnswersTheSignedInUser() throws Exception {
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(crm.resolve("api/ping")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode())
        .as("the container's sign-in covers the CRM's API")
        .isEqualTo(401);
    JsonNode ping = JSON.readTree(send(get("api/ping"), 200).body());
    assertThat(ping.get("user").asText()).isEqualTo(AGENT);
    JsonNode me = JSON.readTree(send(get("dialbridge/api/me"), 200).body());
    assertThat(me.get("extension").asText()).isEqualTo("6001");
  }

  private String placeCall() throws Exception {
    c3.enqueue(
        new MockResponse.Builder().code(200).body("{\"data\":{\"actionid\":\"host_1\"}}").build());
    HttpRequest place =
        signedIn("dialbridge/api/calls")
            .header("X-Dialbridge-Request", "1")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"contactId\":\"42\",\"number\":\"015551234\"}"))
            .build();
    return JSON.readTree(send(place, 201).body()).get("id").asText();
  }

  /** Reads the call's event stream into {@code streamed}; completes when a final status arrives. */
  private CompletableFuture<Void> follow(String id, List<String> streamed) throws Exception {
    HttpResponse<InputStream> stream =
        http.send(
            signedIn("dialbridge/api/calls/" + id + "/events")
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    return CompletableFuture.runAsync(
        () -> {
          try (BufferedReader in =
              new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
              if (!line.startsWith("data:")) continue;
              streamed.add(line);
              if (line.contains("\"status\":\"COMPLETED\"")) return;
            }
            throw new AssertionError("the stream ended before the call did: " + streamed);
          } catch (IOException e) {
            throw new AssertionError("the stream broke: " + streamed, e);
          }
        });
  }

  private void webhook(String body) throws Exception {
    HttpRequest post =
        HttpRequest.newBuilder(crm.resolve("dialbridge/webhooks/c3/" + WEBHOOK_TOKEN))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    send(post, 204);
  }

  private HttpRequest get(String path) {
    return signedIn(path).header("Accept", "application/json").build();
  }

  private HttpRequest.Builder signedIn(String path) {
    String basic =
        Base64.getEncoder()
            .encodeToString((AGENT + ":" + AGENT_PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(crm.resolve(path))
        .timeout(Duration.ofSeconds(15))
        .header("Authorization", "Basic " + basic);
  }

  private HttpResponse<String> send(HttpRequest request, int expected) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(request.method() + " " + request.uri() + ": " + response.body())
        .isEqualTo(expected);
    return response;
  }
}
