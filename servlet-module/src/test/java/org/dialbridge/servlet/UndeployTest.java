package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Undeploying or redeploying the CRM must not leave Dialbridge's threads behind: each one pins the
 * old webapp's class loader (a memory leak per redeploy), and Tomcat reports it as one at once.
 */
class UndeployTest {
  private final MockWebServer c3 = new MockWebServer();
  private JettyHost host;

  @AfterEach
  void stop() throws Exception {
    if (host != null) host.close();
    c3.close();
  }

  private static List<Thread> dialbridgeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("dialbridge-"))
        .toList();
  }

  private static List<String> names(List<Thread> threads) {
    return threads.stream().map(Thread::getName).sorted().toList();
  }

  /**
   * Dialbridge's threads still alive once they had {@code grace} to finish exiting. An executor
   * reports itself terminated a moment before its last thread has returned, so "stopped" is given a
   * second; a thread that was never told to stop is still there after it.
   */
  private static List<String> survivors(List<Thread> threads, Duration grace)
      throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    for (Thread t : threads)
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    return names(threads.stream().filter(Thread::isAlive).toList());
  }

  @Test
  void noDialbridgeThreadOutlivesTheWebappEvenWithAStreamOpenAndTheReconcilerRunning()
      throws Exception {
    c3.start();
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .h2Store("undeploy")
                .set("dialbridge.store.reconcile-every", "50ms")
                .provider("c3", "c3", c3.url("/").toString())
                .token("c3", "t")
                .webhookToken("c3", "hook")
                .agent("ana", "6001")
                .properties());
    assertThat(host.startupFailure()).isNull();
    ((Dialbridge) host.attribute(DialbridgeInitializer.ATTRIBUTE)).startReconciler();
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"undeploy_1\"}}")
            .build());
    HttpResponse<String> placed =
        host.http()
            .post("dialbridge/api/calls")
            .browser("ana")
            .json("{\"contactId\":\"c-undeploy\",\"number\":\"015551234\"}")
            .send();
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String id = Problems.JSON.readTree(placed.body()).get("id").asText();

    HttpResponse<InputStream> stream =
        host
            .http()
            .get("dialbridge/api/calls/" + id + "/events")
            .as("ana")
            .header("Accept", "text/event-stream")
            .stream();
    assertThat(stream.statusCode()).isEqualTo(200);
    CountDownLatch firstEvent = new CountDownLatch(1);
    CompletableFuture<Void> reading =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("data:")) firstEvent.countDown();
                }
              } catch (IOException e) {
                // the stream was cut rather than ended: also an end
              }
            });
    assertThat(firstEvent.await(5, TimeUnit.SECONDS)).as("the stream sent the call").isTrue();
    Thread.sleep(150);
    List<Thread> running = dialbridgeThreads();
    assertThat(names(running))
        .as("threads while running")
        .contains("dialbridge-sse-heartbeat")
        .anyMatch(n -> n.startsWith("dialbridge-scheduler-"))
        .as("the store's connection pool")
        .anyMatch(n -> n.startsWith("dialbridge-store:"));

    host.undeploy();

    assertThat(survivors(running, Duration.ofSeconds(1)))
        .as("threads left once the webapp stopped")
        .isEmpty();
    assertThat(names(dialbridgeThreads())).as("threads started since").isEmpty();
    reading.get(5, TimeUnit.SECONDS);
  }
}
