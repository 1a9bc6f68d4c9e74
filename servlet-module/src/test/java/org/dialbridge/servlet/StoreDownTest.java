package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call store's database goes away and comes back, as a CRM's database server does on a restart
 * or failover. Webhooks are answered {@code 503} with {@code Retry-After} at once, so the provider
 * retries rather than gives up, and its redelivery is stored exactly once.
 */
class StoreDownTest {
  private final MockWebServer c3 = new MockWebServer();
  private final String database = "store-down-" + UUID.randomUUID();
  private Server db;
  private int port;
  private JettyHost host;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    c3.start();
    db = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    port = db.getPort();
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .store(
                    "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + database + ";DB_CLOSE_DELAY=-1")
                .provider("c3", "c3", c3.url("/").toString())
                .token("c3", "c3-api-token")
                .webhookToken("c3", "c3-hook-token")
                .agent("ana", "6001")
                .properties());
    assertThat(host.startupFailure()).isNull();
    http = host.http();
  }

  @AfterEach
  void stop() throws Exception {
    if (host != null) host.close();
    if (db != null) db.stop();
    c3.close();
  }

  private HttpResponse<String> answered() {
    return http.post("dialbridge/webhooks/c3/c3-hook-token")
        .json("{\"event\":\"answered\",\"callId\":\"down_1\",\"eventId\":\"ans-1\"}")
        .send();
  }

  private String place() throws Exception {
    c3.enqueue(
        new MockResponse.Builder().code(200).body("{\"data\":{\"actionid\":\"down_1\"}}").build());
    HttpResponse<String> placed =
        http.post("dialbridge/api/calls")
            .browser("ana")
            .json("{\"contactId\":\"c-down\",\"number\":\"015551234\"}")
            .send();
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    return Problems.JSON.readTree(placed.body()).get("id").asText();
  }

  /**
   * Delivers the webhook while the store is down and checks the answer tells the provider to retry,
   * quickly.
   */
  private void assertRetryLater() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> down = answered();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(down.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    assertThat(down.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(Problems.JSON.readTree(down.body()).get("code").asText())
        .isEqualTo("store_unavailable");
  }

  @Test
  void aWebhookWhileTheStoreIsDownIs503WithRetryAfterAndItsRedeliveryIsStoredOnce()
      throws Exception {
    String id = place();
    db.stop();

    // at once: the pool's connections are broken
    assertRetryLater();
    // a little later: the pool checks idle connections, drops them and tries to connect anew
    Thread.sleep(1100);
    assertRetryLater();

    db = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
    // the provider redelivers until it hears 204; every answer before that says "retry"
    List<Integer> answers = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    HttpResponse<String> redelivered;
    do {
      redelivered = answered();
      answers.add(redelivered.statusCode());
      if (redelivered.statusCode() == 503) Thread.sleep(100);
    } while (redelivered.statusCode() == 503 && System.nanoTime() < deadline);
    assertThat(redelivered.statusCode()).as("answers " + answers).isEqualTo(204);
    assertThat(answered().statusCode()).as("a duplicate delivery").isEqualTo(204);
    host.awaitInboxApplied();

    JsonNode call =
        Problems.JSON.readTree(http.get("dialbridge/api/calls/" + id).as("ana").send().body());
    assertThat(call.get("status").asText()).isEqualTo("ANSWERED");
    List<String> types = new ArrayList<>();
    call.get("events").forEach(e -> types.add(e.get("type").asText()));
    assertThat(types).containsExactly("PLACED", "ANSWERED");
  }

  @Test
  void healthIs503WhileTheStoreIsDownAnd200WhenItIsBack() throws Exception {
    assertThat(http.get("dialbridge/api/health").send().statusCode()).isEqualTo(200);
    db.stop();

    HttpResponse<String> down = http.get("dialbridge/api/health").send();

    assertThat(down.statusCode()).isEqualTo(503);
    JsonNode health = Problems.JSON.readTree(down.body());
    assertThat(health.get("store").asText()).isEqualTo("DOWN");
    assertThat(health.get("status").asText()).isEqualTo("DOWN");
    assertThat(down.body()).doesNotContain("jdbc:", "c3-api-token");

    db = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
    int status = 0;
    for (int i = 0; i < 50 && status != 200; i++) {
      status = http.get("dialbridge/api/health").send().statusCode();
      if (status != 200) Thread.sleep(100);
    }
    assertThat(status).isEqualTo(200);
  }
}
