package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.dialbridge.core.Actor;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A click-to-call spends money and rings a customer: whatever the provider does wrong, the
 * origination reaches it exactly once, the agent hears that the outcome is unknown, and the call is
 * left live for the reconciler. Only a request that provably never left may be retried.
 */
class NeverDialTwiceTest {
  private static final Duration DEADLINE = Duration.ofMillis(1500);

  private final MockWebServer provider = new MockWebServer();
  private JettyHost host;
  private Http http;
  private Dialbridge dialbridge;

  @BeforeEach
  void start() throws Exception {
    provider.start();
    host = JettyHost.start(config(provider.url("/").toString()));
    http = host.http();
    dialbridge = (Dialbridge) host.attribute(DialbridgeInitializer.ATTRIBUTE);
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
    provider.close();
  }

  private static Map<String, String> config(String baseUrl) {
    return TestConfig.region("PE")
        .set("dialbridge.dial.rate-limit", "10000/1m")
        // these tests place independent calls as the same agent; one live call per agent is
        // LiveCallApiTest's
        .set("dialbridge.dial.one-live-call", "false")
        .h2Store("dial")
        .provider("c3", "c3", baseUrl)
        .token("c3", "t")
        .webhookToken("c3", "w")
        .providerKey("c3", "connect-timeout", "500ms")
        .providerKey("c3", "response-timeout", "700ms")
        .providerKey("c3", "deadline", DEADLINE.toMillis() + "ms")
        .agent("ana", "6001")
        .properties();
  }

  /**
   * Requests the provider has seen so far (a throttled answer is still being written when we look).
   */
  private int originationsReceived() throws InterruptedException {
    int n = 0;
    while (provider.takeRequest(200, TimeUnit.MILLISECONDS) != null) n++;
    return n;
  }

  /**
   * Dialbridge's own threads. The store's pool ({@code dialbridge-store:*}, HikariCP) starts and
   * ends a connection-adder thread as it sees fit, so it is left out: it is bounded by the pool,
   * not by calls.
   */
  private static long dialbridgeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("dialbridge-") && !n.startsWith("dialbridge-store"))
        .count();
  }

  private HttpResponse<String> dial(String contact) {
    return http.post("dialbridge/api/calls")
        .browser("ana")
        .json("{\"contactId\":\"" + contact + "\",\"number\":\"015551234\"}")
        .send();
  }

  private Call onlyCallOf(String contact) {
    List<Call> calls = dialbridge.history(Actor.admin("admin"), contact, null, 10).calls();
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  private void assertOutcomeUnknown(HttpResponse<String> response, int status, String contact)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode problem = Problems.JSON.readTree(response.body());
    assertThat(problem.get("detail").asText()).contains("outcome is unknown");
    assertThat(originationsReceived()).as("originations the provider received").isEqualTo(1);
    assertThat(onlyCallOf(contact).status())
        .as("left live for the reconciler")
        .isEqualTo(CallStatus.DIALING);
  }

  @Test
  void http503WithRetryAfterIsSentOnce() throws Exception {
    provider.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "1").build());
    provider.enqueue(
        new MockResponse.Builder().code(200).body("{\"data\":{\"actionid\":\"api_2\"}}").build());

    assertOutcomeUnknown(dial("k503"), 502, "k503");
  }

  @Test
  void http500IsSentOnce() throws Exception {
    provider.enqueue(new MockResponse.Builder().code(500).body("boom").build());

    assertOutcomeUnknown(dial("k500"), 502, "k500");
  }

  @Test
  void aReadTimeoutIsSentOnceAndAnswers504() throws Exception {
    provider.enqueue(
        new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertOutcomeUnknown(dial("kstall"), 504, "kstall");
  }

  @Test
  void aConnectionResetIsSentOnce() throws Exception {
    provider.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    provider.enqueue(
        new MockResponse.Builder().code(200).body("{\"data\":{\"actionid\":\"api_2\"}}").build());

    assertOutcomeUnknown(dial("kreset"), 502, "kreset");
  }

  @Test
  void anEmptyAnswerIsSentOnce() throws Exception {
    provider.enqueue(new MockResponse.Builder().code(200).body("").build());

    assertOutcomeUnknown(dial("kempty"), 502, "kempty");
  }

  @Test
  void http429IsSentOnceAndTheCallEndsBecauseTheProviderDidNotPlaceIt() throws Exception {
    provider.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "5").build());

    HttpResponse<String> response = dial("k429");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Problems.JSON.readTree(response.body()).get("code").asText())
        .isEqualTo("provider_unavailable");
    assertThat(provider.getRequestCount()).isEqualTo(1);
    assertThat(onlyCallOf("k429").status()).isEqualTo(CallStatus.FAILED);
  }

  @Test
  void aProviderThatDribblesItsAnswerIsCutOffAtTheDeadline() throws Exception {
    // 64 bytes every 100 ms: our request is read at once, the 6 KB answer would take ten seconds
    provider.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"" + "x".repeat(6000) + "\"}}")
            .throttleBody(64, 100, TimeUnit.MILLISECONDS)
            .build());

    long started = System.nanoTime();
    HttpResponse<String> response = dial("kdribble");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.plusMillis(500));
    assertOutcomeUnknown(response, 504, "kdribble");
  }

  @Test
  void connectionRefusedNeverLeftSoTheCallEndsAndTheAgentMayRetry() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    host.close();
    host = JettyHost.start(config("http://127.0.0.1:" + closedPort + "/"));
    http = host.http();
    dialbridge = (Dialbridge) host.attribute(DialbridgeInitializer.ATTRIBUTE);

    HttpResponse<String> response = dial("krefused");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Problems.JSON.readTree(response.body()).get("detail").asText())
        .doesNotContain("outcome is unknown");
    assertThat(onlyCallOf("krefused").status()).isEqualTo(CallStatus.FAILED);
  }

  @Test
  void twoHundredStalledCallsLeakNoConnectionAndNoThread() throws Exception {
    for (int i = 0; i < 200; i++)
      provider.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    long threadsBefore = dialbridgeThreads();
    ExecutorService agents = Executors.newFixedThreadPool(25);
    List<Future<Integer>> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        String contact = "kmany" + i;
        statuses.add(agents.submit(() -> dial(contact).statusCode()));
      }
      for (Future<Integer> f : statuses) assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(504);
    } finally {
      agents.shutdownNow();
      agents.awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(provider.getRequestCount()).isEqualTo(200);

    // the pool holds at most 64 connections: had any of the 200 leaked, this call would wait for
    // one and time out
    provider.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"api_after\"}}")
            .build());
    long started = System.nanoTime();
    assertThat(dial("kafter").statusCode()).isEqualTo(201);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(700));
    assertThat(dialbridgeThreads()).isEqualTo(threadsBefore);
  }
}
