package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two CRM nodes (two Jetty hosts) sharing one PostgreSQL: the database is the only shared state.
 */
class TwoNodesTest {
  private final MockWebServer c3 = new MockWebServer();
  private JettyHost nodeA;
  private JettyHost nodeB;

  @BeforeEach
  void start() throws Exception {
    c3.start();
    String url = Databases.freshPostgresUrl();
    nodeA = JettyHost.start(config(url));
    nodeB = JettyHost.start(config(url));
  }

  @AfterEach
  void stop() throws Exception {
    nodeA.close();
    nodeB.close();
    c3.close();
  }

  private Map<String, String> config(String jdbcUrl) {
    return TestConfig.region("PE")
        // these tests place independent calls as the same agent; one live call per agent is
        // LiveCallApiTest's
        .set("dialbridge.dial.one-live-call", "false")
        .store(jdbcUrl)
        .set("dialbridge.store.stuck-after", "2s")
        .set("dialbridge.store.reconcile-every", "200ms")
        .provider("c3", "c3", c3.url("/").toString())
        .token("c3", "t")
        .webhookToken("c3", "w")
        .agent("ana", "6001")
        .properties();
  }

  private String place(JettyHost node, String actionId) throws Exception {
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"" + actionId + "\"}}")
            .build());
    HttpResponse<String> r =
        node.http()
            .post("dialbridge/api/calls")
            .browser("ana")
            .json("{\"contactId\":\"42\",\"number\":\"015551234\"}")
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Problems.JSON.readTree(r.body()).get("id").asText();
  }

  @Test
  void aWebhookToNodeAReachesAnEventStreamOnNodeBWithinTwoSeconds() throws Exception {
    String id = place(nodeA, "api_two");
    HttpResponse<InputStream> stream =
        nodeB
            .http()
            .get("dialbridge/api/calls/" + id + "/events")
            .as("ana")
            .header("Accept", "text/event-stream")
            .stream();
    List<String> statuses = new CopyOnWriteArrayList<>();
    CompletableFuture.runAsync(
        () -> {
          try (BufferedReader in =
              new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
              if (line.startsWith("data:"))
                statuses.add(Problems.JSON.readTree(line.substring(5)).get("status").asText());
            }
          } catch (Exception ignored) {
            // the stream ends when the test closes the hosts
          }
        });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (statuses.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);

    long sent = System.nanoTime();
    assertThat(
            nodeA
                .http()
                .post("dialbridge/webhooks/c3/w")
                .json("{\"event\":\"answered\",\"callId\":\"api_two\"}")
                .send()
                .statusCode())
        .isEqualTo(204);
    while (!statuses.contains("ANSWERED") && System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(2))
      Thread.sleep(10);

    assertThat(statuses).containsExactly("DIALING", "ANSWERED");
  }

  /**
   * An agent's stream of inbound calls on node B hears of a call node A applied, and of its change,
   * through PostgreSQL (NOTIFY, else the poll).
   */
  @Test
  void anInboundCallNodeAAppliedPopsOnTheAgentsStreamOnNodeB() throws Exception {
    HttpResponse<InputStream> stream =
        nodeB
            .http()
            .get("dialbridge/api/me/events")
            .as("ana")
            .header("Accept", "text/event-stream")
            .stream();
    List<String> events = new CopyOnWriteArrayList<>();
    CompletableFuture.runAsync(
        () -> {
          try (BufferedReader in =
              new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String line;
            while ((line = in.readLine()) != null) {
              if (line.startsWith("event:")) name = line.substring(6).strip();
              if (line.startsWith("data:")) {
                JsonNode data = Problems.JSON.readTree(line.substring(5));
                JsonNode call = name.equals("incoming") ? data.get("call") : data;
                events.add(name + " " + call.get("status").asText());
              }
            }
          } catch (Exception ignored) {
            // the stream ends when the test closes the hosts
          }
        });
    Thread.sleep(300); // the stream is open

    for (String event : List.of("ringing", "answered")) {
      assertThat(
              nodeA
                  .http()
                  .post("dialbridge/webhooks/c3/w")
                  .json(
                      "{\"event\":\""
                          + event
                          + "\",\"direction\":\"inbound\",\"callId\":\"pbx-two\","
                          + "\"from\":\"+51987000009\",\"agent\":\"6001\"}")
                  .send()
                  .statusCode())
          .isEqualTo(204);
      nodeA.awaitInboxApplied();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (!events.contains("call ANSWERED") && System.nanoTime() < deadline) Thread.sleep(10);

    assertThat(events).startsWith("incoming RINGING").contains("call ANSWERED");
  }

  @Test
  void thirtyTwoDeliveriesAtOnceAcrossBothNodesStoreOneEventAndAllAre204() throws Exception {
    String id = place(nodeA, "api_burst");
    String body =
        "{\"event\":\"hangup\",\"callId\":\"api_burst\",\"cause\":\"USER_BUSY\",\"eventId\":\"burst"
            + "-1\"}";
    java.util.concurrent.ExecutorService senders =
        java.util.concurrent.Executors.newFixedThreadPool(32);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 32; i++) {
        JettyHost node = i % 2 == 0 ? nodeA : nodeB;
        statuses.add(
            senders.submit(
                () -> {
                  go.await();
                  return node.http()
                      .post("dialbridge/webhooks/c3/w")
                      .json(body)
                      .send()
                      .statusCode();
                }));
      }
      go.countDown();
      for (java.util.concurrent.Future<Integer> f : statuses)
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(204);
    } finally {
      senders.shutdownNow();
    }
    nodeA.awaitInboxApplied();
    nodeB.awaitInboxApplied();
    Dialbridge a = (Dialbridge) nodeA.attribute(DialbridgeInitializer.ATTRIBUTE);
    assertThat(a.events(id)).extracting(CallEvent::rawCause).containsOnlyOnce("USER_BUSY");
    assertThat(a.call(id).status()).isEqualTo(CallStatus.BUSY);
  }

  @Test
  void theReconcilersOfBothNodesCloseEachStuckCallOnce() throws Exception {
    String first = place(nodeA, "api_stuck1");
    String second = place(nodeB, "api_stuck2");
    Dialbridge a = (Dialbridge) nodeA.attribute(DialbridgeInitializer.ATTRIBUTE);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((a.call(first).status() == CallStatus.DIALING
            || a.call(second).status() == CallStatus.DIALING)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(600);

    for (String id : List.of(first, second)) {
      Call call = a.call(id);
      assertThat(call.status()).isEqualTo(CallStatus.FAILED);
      assertThat(call.cause()).isEqualTo(HangupCause.NO_FINAL_EVENT);
      assertThat(a.events(id)).filteredOn(e -> "no_final_event".equals(e.rawCause())).hasSize(1);
      assertThat(a.events(id)).extracting(CallEvent::type).hasSize(2);
    }
  }
}
