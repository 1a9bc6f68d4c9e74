package org.dialbridge.core.provider.c3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dialbridge.core.testing.Fixtures.fixture;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.ProviderAuthenticationException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.ProviderTimeoutException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.error.ProviderUnsupportedException;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.HangupRequest;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.TestContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class C3ProviderTest {
  private static final Agent ANA = new Agent("ana", "6001", "c3", "ana.perez");

  private final MockWebServer server = new MockWebServer();
  private final TestContexts contexts = new TestContexts();
  private TelephonyProvider c3;

  @BeforeEach
  void start() throws Exception {
    server.start();
    c3 = provider(Map.of("token", "s3cr3t-token"));
  }

  @AfterEach
  void stop() {
    c3.close();
    server.close();
    contexts.close();
  }

  private TelephonyProvider provider(Map<String, String> properties) {
    ProviderConfig config =
        ProviderConfig.of("c3", "c3", URI.create(server.url("/").toString()), properties);
    return new C3ProviderFactory().create(config, contexts.context("PE"));
  }

  private CallRequest callTo(String number) {
    return new CallRequest("call-1", ANA, contexts.context("PE").phoneNumbers().parse(number));
  }

  private static JsonNode json(RecordedRequest request) throws Exception {
    return Payloads.JSON.readTree(request.getBody().utf8());
  }

  @Test
  void placeCallSendsBearerTokenAndConfiguredFields() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"message\":\"ok\",\"data\":{\"actionid\":\"api_abc123\"}}")
            .build());

    assertThat(c3.placeCall(callTo("01 555 1234")).providerCallId()).isEqualTo("api_abc123");

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v1/calls/originate");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer s3cr3t-token");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = json(request);
    assertThat(body.get("agent").asText()).isEqualTo("6001");
    assertThat(body.get("phone").asText()).isEqualTo("+5115551234");
    assertThat(body.size()).isEqualTo(2);
  }

  @Test
  void originatePathFieldsFormatAndExtrasAreConfigurable() throws Exception {
    c3.close();
    Map<String, String> properties = new HashMap<>();
    properties.put("token", "t");
    properties.put("originate-path", "/api/v2/originate");
    properties.put("agent-field", "anexo");
    properties.put("number-field", "numero");
    properties.put("number-format", "national");
    properties.put("originate-extra.campaign_id", "1");
    c3 = provider(properties);
    server.enqueue(
        new MockResponse.Builder().code(201).body("{\"actionid\":\"api_top_level\"}").build());

    assertThat(c3.placeCall(callTo("+51 1 555 1234")).providerCallId()).isEqualTo("api_top_level");

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/api/v2/originate");
    JsonNode body = json(request);
    assertThat(body.get("anexo").asText()).isEqualTo("6001");
    assertThat(body.get("numero").asText()).isEqualTo("15551234");
    assertThat(body.get("campaign_id").asText()).isEqualTo("1");
  }

  @Test
  void hangupSendsTheDocumentedRequest() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(200).body(fixture("c3/hangup-response-200.json")).build());

    c3.hangUp(new HangupRequest("api_kdfdkjds4545454bkk4j35", List.of(), "6001"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v1/calls/hangup");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer s3cr3t-token");
    assertThat(json(request)).isEqualTo(Payloads.JSON.readTree(fixture("c3/hangup-request.json")));
  }

  @Test
  void http401MapsToAuthenticationFailed() {
    server.enqueue(
        new MockResponse.Builder().code(401).body("{\"message\":\"Unauthenticated.\"}").build());

    assertThatThrownBy(() -> c3.placeCall(callTo("015551234")))
        .isInstanceOfSatisfying(
            ProviderAuthenticationException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(401);
              assertThat(e.providerMessage()).hasValue("Unauthenticated.");
              assertThat(e.getMessage()).doesNotContain("s3cr3t-token");
            });
  }

  @Test
  void http422MapsToRejectedWithTheProvidersMessage() {
    server.enqueue(
        new MockResponse.Builder()
            .code(422)
            .body("{\"message\":\"El actionid no existe\",\"errors\":{}}")
            .build());

    assertThatThrownBy(() -> c3.hangUp(new HangupRequest("api_gone", List.of(), "6001")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("provider_rejected");
              assertThat(e.providerMessage()).hasValue("El actionid no existe");
            });
  }

  @Test
  void http500MapsToProviderUnavailableWithUnknownOutcome() {
    server.enqueue(new MockResponse.Builder().code(500).body("Server Error").build());

    assertThatThrownBy(() -> c3.placeCall(callTo("015551234")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(500);
              assertThat(e.outcomeUnknown()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void originationIsNeverRetriedAfter503() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "1").build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"api_second\"}}")
            .build());

    assertThatThrownBy(() -> c3.placeCall(callTo("015551234")))
        .isInstanceOf(ProviderUnavailableException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void nonJsonSuccessBodyIsAnUnreadableAnswerNotACallId() {
    server.enqueue(new MockResponse.Builder().code(200).body("<html>ok</html>").build());

    assertThatThrownBy(() -> c3.placeCall(callTo("015551234")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.getMessage()).contains("unreadable answer");
              assertThat(e.outcomeUnknown()).isTrue();
            });
  }

  @Test
  void successWithoutActionIdIsAnUnreadableAnswer() {
    server.enqueue(
        new MockResponse.Builder().code(200).body("{\"message\":\"ok\",\"data\":{}}").build());

    assertThatThrownBy(() -> c3.placeCall(callTo("015551234")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> assertThat(e.getMessage()).contains("no actionid"));
  }

  @Test
  void readTimeoutMapsToProviderTimeout() {
    c3.close();
    ProviderConfig config =
        new ProviderConfig(
            "c3",
            "c3",
            URI.create(server.url("/").toString()),
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofMillis(300),
            java.time.Duration.ofSeconds(5),
            Map.of("token", "t"));
    c3 = new C3ProviderFactory().create(config, contexts.context("PE"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(() -> c3.placeCall(callTo("015551234")))
        .isInstanceOfSatisfying(
            ProviderTimeoutException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void connectionRefusedMapsToProviderUnavailableWithKnownOutcome() {
    c3.close();
    server.close();
    c3 = provider(Map.of("token", "t"));

    assertThatThrownBy(() -> c3.placeCall(callTo("015551234")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
  }

  @Test
  void statusAndActiveCallAreUnsupported() {
    assertThat(c3.capabilities().status()).isFalse();
    assertThat(c3.capabilities().hangUp()).isTrue();
    assertThatThrownBy(() -> c3.status("api_x")).isInstanceOf(ProviderUnsupportedException.class);
    assertThatThrownBy(() -> c3.activeCall("6001"))
        .isInstanceOf(ProviderUnsupportedException.class);
  }

  @Test
  void missingTokenStopsStartupNamingTheKey() {
    assertThatThrownBy(() -> provider(Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.c3.token"));
  }

  @Test
  void badNumberFormatStopsStartupNamingTheKey() {
    assertThatThrownBy(() -> provider(Map.of("token", "t", "number-format", "local")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.c3.number-format"));
  }

  @Test
  void aBodyThatIsNotAGenericEventIsAParseErrorNamingTheField() {
    assertThatThrownBy(
            () -> c3.webhookParser().parse(WebhookRequest.json("{\"event\":\"call.answered\"}")))
        .isInstanceOfSatisfying(
            WebhookParseException.class, e -> assertThat(e.field()).isEqualTo("event"));
  }

  @Test
  void poolHasNoLeasedConnectionsAfterFailures() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(200).body("nope").build());
    assertThatThrownBy(() -> c3.placeCall(callTo("015551234")))
        .isInstanceOf(ProviderUnavailableException.class);
    assertThatThrownBy(() -> c3.placeCall(callTo("015551234")))
        .isInstanceOf(ProviderUnavailableException.class);

    assertThat(((C3Provider) c3).http().poolStats().getLeased()).isZero();
    assertThat(server.takeRequest(1, TimeUnit.SECONDS)).isNotNull();
  }
}
