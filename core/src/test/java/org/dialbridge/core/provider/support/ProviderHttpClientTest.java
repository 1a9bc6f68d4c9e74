package org.dialbridge.core.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.dialbridge.core.error.ProviderTimeoutException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.testing.TestContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderHttpClientTest {
  private final MockWebServer server = new MockWebServer();
  private final TestContexts contexts = new TestContexts();
  private ProviderHttpClient http;

  @BeforeEach
  void start() throws Exception {
    server.start();
    http = client(Duration.ofSeconds(5), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
    contexts.close();
  }

  private ProviderHttpClient client(Duration responseTimeout, Duration deadline) {
    ProviderConfig config =
        new ProviderConfig(
            "p",
            "c3",
            URI.create(server.url("/base").toString()),
            Duration.ofSeconds(1),
            responseTimeout,
            deadline,
            Map.of());
    return ProviderHttpClient.create(config, contexts.context("BR"));
  }

  /**
   * Leased connections once an abort has finished releasing (the aborting thread releases, not the
   * caller).
   */
  private int leasedAfterSettling() throws InterruptedException {
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (http.poolStats().getLeased() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
    return http.poolStats().getLeased();
  }

  private static MockResponse.Builder ok() {
    return new MockResponse.Builder().code(200).body("{}");
  }

  @Test
  void pathsAreJoinedBelowTheBaseUrl() throws Exception {
    server.enqueue(ok().build());

    ProviderResponse response =
        http.send(ProviderRequest.get("/api/x/" + ProviderHttpClient.segment("a b/c"), Map.of()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(server.takeRequest().getTarget()).isEqualTo("/base/api/x/a%20b%2Fc");
  }

  @Test
  void anyStatusIsReturnedToTheAdapterNotThrown() {
    server.enqueue(new MockResponse.Builder().code(422).body("{\"message\":\"no\"}").build());

    ProviderResponse response = http.send(ProviderRequest.postJson("/x", Map.of(), "{}"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.body()).isEqualTo("{\"message\":\"no\"}");
  }

  @Test
  void aPostIsNeverRetriedAfter503Or429() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").build());
    server.enqueue(ok().build());

    assertThat(http.send(ProviderRequest.postJson("/calls", Map.of(), "{}")).status())
        .isEqualTo(503);
    assertThat(http.send(ProviderRequest.postJson("/calls", Map.of(), "{}")).status())
        .isEqualTo(429);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aPostWhoseConnectionIsResetIsNotRetriedAndItsOutcomeIsUnknown() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok().build());

    assertThatThrownBy(() -> http.send(ProviderRequest.postJson("/calls", Map.of(), "{}")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anIdempotentGetIsRetriedOnceAfterAReset() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok().build());

    assertThat(http.send(ProviderRequest.get("/status", Map.of())).status()).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aGetIsRetriedAtMostOnce() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok().build());

    assertThatThrownBy(() -> http.send(ProviderRequest.get("/status", Map.of())))
        .isInstanceOf(ProviderUnavailableException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aProviderThatDribblesItsAnswerIsCutOffAtTheDeadline() throws Exception {
    http.close();
    http = client(Duration.ofSeconds(5), Duration.ofMillis(800));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("x".repeat(600))
            .throttleBody(1, 100, TimeUnit.MILLISECONDS)
            .build());

    long started = System.nanoTime();
    assertThatThrownBy(() -> http.send(ProviderRequest.postJson("/calls", Map.of(), "{}")))
        .isInstanceOfSatisfying(
            ProviderTimeoutException.class,
            e -> {
              assertThat(e.outcomeUnknown()).isTrue();
              assertThat(e.getMessage()).contains("deadline");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(Duration.ofMillis(800 + 500));
    assertThat(leasedAfterSettling()).isZero();
  }

  @Test
  void aStalledProviderTimesOutAndFreesTheConnection() throws Exception {
    http.close();
    http = client(Duration.ofMillis(300), Duration.ofSeconds(3));
    for (int i = 0; i < 5; i++)
      server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> http.send(ProviderRequest.postJson("/calls", Map.of(), "{}")))
          .isInstanceOf(ProviderTimeoutException.class);
    }
    assertThat(leasedAfterSettling()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void connectionRefusedIsUnavailableWithAKnownOutcome() {
    server.close();

    assertThatThrownBy(() -> http.send(ProviderRequest.postJson("/calls", Map.of(), "{}")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.outcomeUnknown()).isFalse();
              assertThat(e.providerMessage()).hasValue("connection refused");
            });
  }

  @Test
  void redirectsAreNotFollowed() {
    server.enqueue(
        new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());

    assertThat(http.send(ProviderRequest.get("/x", Map.of())).status()).isEqualTo(302);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void phoneNumbersInPathsAreMaskedForLogs() {
    assertThat(ProviderHttpClient.maskPath("/api/call/6001/032999999999"))
        .isEqualTo("/api/call/6001/•••9999");
  }
}
