package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProviderEmulatorTest {
  private static final String C3_CALL = "{\"agent\":\"6001\",\"phone\":\"+5114115001\"}";

  @RegisterExtension
  final EmulatorUnderTest emulator = new EmulatorUnderTest(ProviderSettings.Type.C3);

  private HttpResponse<String> placeC3Call() {
    return Http.to("POST", emulator.url("/api/v1/calls/originate"))
        .json(C3_CALL)
        .headers("Authorization", "Bearer " + TestSettings.C3_TOKEN)
        .send();
  }

  private static List<String> emulatorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(ProviderEmulator.THREAD_PREFIX))
        .toList();
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void closeLeavesNoEmulatorThreadsAndSendsNothingMore() {
    emulator.start(
        TestSettings.forReceiver(emulator.receiver()).withTiming(TestSettings.longTalk()));
    placeC3Call();
    emulator
        .receiver()
        .take(3); // dialing, ringing, answered: the call is live, its hang-up pending
    assertThat(emulatorThreads()).isNotEmpty();

    emulator.close();

    await(
        () -> emulatorThreads().isEmpty(), "no emulator thread is alive, but " + emulatorThreads());
    emulator.receiver().expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void closedEmulatorRefusesConnections() {
    emulator.start(TestSettings.forReceiver(emulator.receiver()));
    URI base = emulator.baseUri(ProviderSettings.Type.C3);
    emulator.close();

    try (var socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 500);
      throw new AssertionError("still listening on " + base);
    } catch (IOException expected) {
      assertThat(expected).isInstanceOf(java.net.ConnectException.class);
    }
  }

  @Test
  void failedWebhookIsRetriedUntilDeliveredAndKeepsItsOrder() {
    emulator.start(TestSettings.forReceiver(emulator.receiver()));
    emulator.receiver().respondWith(503, 500);

    placeC3Call();

    assertThat(emulator.receiver().take(6))
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "dialing", "dialing", "ringing", "answered", "hangup");
    await(() -> emulator.sentWebhooks().size() == 4, "four webhooks are recorded");
    SentWebhook dialing = emulator.sentWebhooks().get(0);
    assertThat(dialing.provider()).isEqualTo("c3");
    assertThat(dialing.url()).isEqualTo(emulator.receiver().url("/dialbridge/webhooks/c3"));
    assertThat(dialing.body()).contains("\"event\":\"dialing\"");
    assertThat(dialing.status()).isEqualTo(204);
    assertThat(dialing.attempts()).isEqualTo(3);
    assertThat(dialing.delivered()).isTrue();
    assertThat(emulator.sentWebhooks().subList(1, 4))
        .allSatisfy(sent -> assertThat(sent.attempts()).isEqualTo(1));
  }

  @Test
  void webhookStillFailingAfterFourAttemptsIsRecordedAsNotDelivered() {
    emulator.start(TestSettings.forReceiver(emulator.receiver()));
    emulator.receiver().respondWith(500, 500, 500, 500);

    placeC3Call();

    assertThat(emulator.receiver().take(5))
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "dialing", "dialing", "dialing", "ringing");
    await(() -> !emulator.sentWebhooks().isEmpty(), "the failed webhook is recorded");
    SentWebhook dialing = emulator.sentWebhooks().get(0);
    assertThat(dialing.status()).isEqualTo(500);
    assertThat(dialing.attempts()).isEqualTo(WebhookSender.MAX_ATTEMPTS);
    assertThat(dialing.delivered()).isFalse();
  }

  @Test
  void webhookRefusedWith401IsNotRetried() {
    emulator.start(TestSettings.forReceiver(emulator.receiver()));
    emulator.receiver().respondWith(401);

    placeC3Call();

    assertThat(emulator.receiver().take(2))
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "ringing");
    await(() -> !emulator.sentWebhooks().isEmpty(), "the refused webhook is recorded");
    assertThat(emulator.sentWebhooks().get(0).status()).isEqualTo(401);
    assertThat(emulator.sentWebhooks().get(0).attempts()).isEqualTo(1);
  }

  @Test
  void unreachableWebhookUrlIsRecordedWithStatusZero() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/dialbridge/webhooks/c3");
    emulator.start(
        TestSettings.forReceiver(emulator.receiver())
            .withProviders(
                List.of(new ProviderSettings.C3("c3", nowhere, null, TestSettings.C3_TOKEN))));

    placeC3Call();

    await(() -> !emulator.sentWebhooks().isEmpty(), "the undeliverable webhook is recorded");
    assertThat(emulator.sentWebhooks().get(0).status()).isZero();
    assertThat(emulator.sentWebhooks().get(0).attempts()).isEqualTo(WebhookSender.MAX_ATTEMPTS);
  }

  @Test
  void everyRequestIsRecordedWithMethodPathQueryHeadersAndBody() {
    emulator.start(TestSettings.forReceiver(emulator.receiver()));

    placeC3Call();
    Http.to(
            "GET",
            URI.create(
                emulator.baseUri(ProviderSettings.Type.C3)
                    + "/api/v1/campaigns?channel=TELEPHONY&agent_username=ana.perez"))
        .send();

    List<RecordedApiCall> calls = emulator.apiCalls();
    assertThat(calls).hasSize(2);
    RecordedApiCall originate = calls.get(0);
    assertThat(originate.method()).isEqualTo("POST");
    assertThat(originate.path()).isEqualTo("/c3/api/v1/calls/originate");
    assertThat(originate.query()).isEmpty();
    assertThat(originate.header("authorization")).hasValue("Bearer " + TestSettings.C3_TOKEN);
    assertThat(originate.header("Content-Type")).hasValue("application/json");
    assertThat(originate.body()).isEqualTo(C3_CALL);
    RecordedApiCall campaigns = calls.get(1);
    assertThat(campaigns.method()).isEqualTo("GET");
    assertThat(campaigns.path()).isEqualTo("/c3/api/v1/campaigns");
    assertThat(campaigns.query()).isEqualTo("channel=TELEPHONY&agent_username=ana.perez");
    assertThat(campaigns.header("Authorization")).isEmpty();
  }

  @Test
  void pathOutsideEveryFamilyIs404() {
    emulator.start(TestSettings.forReceiver(emulator.receiver()));

    assertThat(Http.to("GET", URI.create(emulator.baseUri() + "/twilio/calls")).send().statusCode())
        .isEqualTo(404);
    assertThat(
            Http.to("GET", URI.create(emulator.baseUri() + "/c3x/api/v1/campaigns"))
                .send()
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void familyWithoutAConfiguredProviderIs404() {
    emulator.start(
        TestSettings.forReceiver(emulator.receiver())
            .withProviders(
                List.of(
                    new ProviderSettings.C3(
                        "c3", emulator.receiver().url("/dialbridge/webhooks/c3"), null, null))));

    HttpResponse<String> response =
        Http.to(
                "GET",
                URI.create(emulator.baseUri(ProviderSettings.Type.BEMMELHOR) + "/api/active/6001"))
            .send();

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void defaultsWorkEndToEndWithTheDemoCredentials() {
    emulator.start(
        EmulatorSettings.defaults(emulator.receiver().url("/dialbridge"))
            .withTiming(EmulatorSettings.Timing.fast()));

    HttpResponse<String> response =
        Http.to(
                "POST",
                URI.create(emulator.baseUri(ProviderSettings.Type.C3) + "/api/v1/calls/originate"))
            .json(C3_CALL)
            .headers("Authorization", "Bearer " + EmulatorSettings.DEMO_C3_TOKEN)
            .send();

    assertThat(response.statusCode()).isEqualTo(200);
    WebhookReceiver.Received dialing = emulator.receiver().take();
    assertThat(dialing.path()).isEqualTo("/dialbridge/webhooks/c3");
    assertThat(dialing.header("X-Dialbridge-Token")).isEqualTo("demo-c3-webhook-token");
    assertThat(emulator.baseUri().toString()).isEqualTo("http://127.0.0.1:" + emulator.port());
  }

  @Test
  void scaleSpeedsUpTheRealisticTiming() {
    // realistic timing would take 10 s or more to answer and hang up; a twentieth of it well under
    // 3 s
    emulator.start(
        TestSettings.forReceiver(emulator.receiver())
            .withTiming(EmulatorSettings.Timing.realistic().withScale(0.05))
            .withClock(Clock.systemUTC()));
    long started = System.nanoTime();

    placeC3Call();

    assertThat(emulator.receiver().take(4))
        .extracting(WebhookReceiver.Received::event)
        .containsExactly("dialing", "ringing", "answered", "hangup");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void busyPortFailsToStartWithoutLeavingThreads() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      EmulatorSettings settings =
          TestSettings.forReceiver(emulator.receiver()).withPort(taken.getLocalPort());

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProviderEmulator.start(settings))
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining(String.valueOf(taken.getLocalPort()));
    }
    await(
        () -> emulatorThreads().isEmpty(), "no emulator thread is alive, but " + emulatorThreads());
  }
}
