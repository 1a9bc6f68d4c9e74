package org.dialbridge.core.provider.bandwidthv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dialbridge.core.testing.Fixtures.fixture;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.HangupRequest;
import org.dialbridge.core.spi.ProviderCallStatus;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.Secret;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.testing.TestContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bandwidth v2's REST API over loopback HTTP, against its documented answers. */
class BandwidthV2ProviderTest {
  static final String ACCOUNT = "9900000";
  static final String APPLICATION = "04e88489-df02-4e34-a0ee-27a91849555f";
  static final String CALLS = "/api/v2/accounts/9900000/calls";

  /** {@code api-user:api-pw} in Base64. */
  static final String BASIC = "Basic YXBpLXVzZXI6YXBpLXB3";

  static final String FROM = "+19195551212";
  static final String CALLBACK = "https://crm.example.com/dialbridge/webhooks/bw2";
  static final String HOOK_USER = "hook";
  static final String HOOK_PASSWORD = "w3bh00k-pw";
  static final String AGENT_PHONE = "+13865245000";
  static final String CUSTOMER = "+13125556666";
  static final String AGENT_LEG = "c-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85";
  static final String CUSTOMER_LEG = "c-2a913f94-6a486f3a-3cae-4034-bcc3-f0c9fa77ca2f";
  private static final Agent ANA = new Agent("ana", AGENT_PHONE, "bw2", null);

  private final MockWebServer server = new MockWebServer();
  private final TestContexts contexts = new TestContexts();
  private TelephonyProvider bw;

  @BeforeEach
  void start() throws Exception {
    server.start();
    bw = provider(properties());
  }

  @AfterEach
  void stop() {
    bw.close();
    server.close();
    contexts.close();
  }

  static Map<String, String> properties() {
    Map<String, String> p = new HashMap<>();
    p.put("account-id", ACCOUNT);
    p.put("application-id", APPLICATION);
    p.put("username", "api-user");
    p.put("password", "api-pw");
    p.put("from-number", FROM);
    p.put("callback-base-url", CALLBACK);
    p.put("webhook-basic-user", HOOK_USER);
    p.put("webhook-basic-password", HOOK_PASSWORD);
    return p;
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> p = properties();
    if (value == null) p.remove(key);
    else p.put(key, value);
    return p;
  }

  private TelephonyProvider provider(Map<String, String> properties) {
    ProviderConfig config =
        ProviderConfig.of(
            "bw2", "bandwidth-v2", URI.create(server.url("/api/v2").toString()), properties);
    return new BandwidthV2ProviderFactory().create(config, contexts.context("US"));
  }

  private void replace(Map<String, String> properties) {
    bw.close();
    bw = provider(properties);
  }

  private CallRequest callTo(String number) {
    return new CallRequest("call-1", ANA, contexts.context("US").phoneNumbers().parse(number));
  }

  private static MockResponse created() {
    return new MockResponse.Builder()
        .code(201)
        .setHeader("Location", "https://voice.bandwidth.com" + CALLS + "/" + AGENT_LEG)
        .setHeader("Content-Type", "application/json")
        .body(fixture("bandwidth-v2/create-call-response.json"))
        .build();
  }

  private static MockResponse error(int code, String fixture) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(fixture("bandwidth-v2/" + fixture))
        .build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  private static JsonNode json(RecordedRequest request) throws Exception {
    return Payloads.JSON.readTree(request.getBody().utf8());
  }

  private static JsonNode json(String text) throws Exception {
    return Payloads.JSON.readTree(text);
  }

  private static void assertCompleted(RecordedRequest request, String leg) throws Exception {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(CALLS + "/" + leg);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
    assertThat(json(request)).isEqualTo(json("{\"state\":\"completed\"}"));
  }

  // --- configuration

  @Test
  void factoryAnswersToBandwidthV2DeclaresItsKeysAndDefaultsToProduction() {
    BandwidthV2ProviderFactory factory = new BandwidthV2ProviderFactory();
    assertThat(factory.type()).isEqualTo("bandwidth-v2");
    assertThat(factory.keys())
        .containsExactlyInAnyOrder(
            "account-id",
            "application-id",
            "username",
            "password",
            "from-number",
            "callback-base-url",
            "webhook-basic-user",
            "webhook-basic-password",
            "call-timeout");
    assertThat(factory.defaultBaseUrl()).contains("https://voice.bandwidth.com/api/v2");
    assertThat(factory.causes()).contains(BandwidthV2ProviderFactory.CAUSES);
  }

  @Test
  void everyMissingRequiredKeyStopsStartupNamingIt() {
    for (String key : properties().keySet()) {
      assertThatThrownBy(() -> replace(with(key, null)))
          .as(key)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("dialbridge.providers.bw2." + key);
    }
  }

  @Test
  void aCallbackUrlWithCredentialsOrNotHttpStopsStartupWithoutShowingIt() {
    for (String bad :
        List.of("https://hook:s3cret@crm.example.com/hook", "ftp://crm.example.com/x", "/hook")) {
      assertThatThrownBy(() -> replace(with("callback-base-url", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("callback-base-url")
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void callTimeoutOutsideOneToThreeHundredSecondsStopsStartup() {
    for (String bad : List.of("0", "301", "ten")) {
      assertThatThrownBy(() -> replace(with("call-timeout", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("call-timeout");
    }
  }

  // --- placing

  @Test
  void placeCallCreatesTheAgentLegWireExact() throws Exception {
    server.enqueue(created());

    assertThat(bw.placeCall(callTo(CUSTOMER)).providerCallId()).isEqualTo(AGENT_LEG);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(CALLS);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    String tag = new CallTag(Secret.of(HOOK_PASSWORD)).tag("call-1", CUSTOMER);
    assertThat(json(request))
        .isEqualTo(
            json(
                "{\"from\":\""
                    + FROM
                    + "\",\"to\":\""
                    + AGENT_PHONE
                    + "\",\"applicationId\":\""
                    + APPLICATION
                    + "\",\"answerUrl\":\""
                    + CALLBACK
                    + "\",\"answerMethod\":\"POST\",\"disconnectUrl\":\""
                    + CALLBACK
                    + "\",\"disconnectMethod\":\"POST\",\"username\":\"hook\",\"password\":\""
                    + HOOK_PASSWORD
                    + "\",\"callTimeout\":30,\"tag\":\""
                    + tag
                    + "\"}"));
    assertThat(tag).startsWith("call-1;" + CUSTOMER + ";").hasSizeLessThan(4096);
  }

  @Test
  void callTimeoutIsConfigurable() throws Exception {
    replace(with("call-timeout", "45"));
    server.enqueue(created());
    bw.placeCall(callTo(CUSTOMER));
    assertThat(json(server.takeRequest()).get("callTimeout").asInt()).isEqualTo(45);
  }

  @Test
  void createdWithoutABodyTakesTheIdFromLocation() {
    server.enqueue(
        new MockResponse.Builder()
            .code(201)
            .setHeader("Location", "https://voice.bandwidth.com" + CALLS + "/c-from-location")
            .build());
    assertThat(bw.placeCall(callTo(CUSTOMER)).providerCallId()).isEqualTo("c-from-location");
  }

  @Test
  void createdWithNeitherCallIdNorLocationIsAnUnreadableAnswerWithUnknownOutcome() {
    server.enqueue(new MockResponse.Builder().code(201).body("<html>queued</html>").build());
    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue())
        .hasMessageContaining("no callId");
  }

  @Test
  void createdWithAMalformedJsonBodyFallsBackToLocation() {
    server.enqueue(
        new MockResponse.Builder()
            .code(201)
            .setHeader("Location", CALLS + "/c-abc")
            .body("{\"callId\": ")
            .build());
    assertThat(bw.placeCall(callTo(CUSTOMER)).providerCallId()).isEqualTo("c-abc");
  }

  @Test
  void anExtensionDestinationIsRefusedBeforeTheAgentRings() {
    assertThatThrownBy(() -> bw.placeCall(callTo("2001")))
        .isInstanceOf(ProviderRejectedException.class)
        .hasMessageContaining("E.164");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void http400IsARejectionWithBandwidthsDescription() {
    server.enqueue(error(400, "error-400.json"));
    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class, e -> assertThat(e.httpStatus()).hasValue(400))
        .hasMessageContaining("Invalid to: must be a valid E.164 phone number or SIP URI");
  }

  @Test
  void http401And403AreAuthenticationFailuresWithoutShowingCredentials() {
    for (int code : List.of(401, 403)) {
      server.enqueue(
          new MockResponse.Builder()
              .code(code)
              .body("{\"type\":\"authentication-error\",\"description\":\"not allowed\"}")
              .build());
      assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
          .as("HTTP %d", code)
          .isInstanceOf(ProviderAuthenticationException.class)
          .hasMessageNotContaining("api-pw")
          .hasMessageNotContaining("YXBpLXVzZXI6YXBpLXB3");
    }
  }

  @Test
  void http404And409OnCreateAreRejections() {
    for (int code : List.of(404, 409)) {
      server.enqueue(
          new MockResponse.Builder()
              .code(code)
              .body("{\"type\":\"conflict\",\"description\":\"application not found\"}")
              .build());
      assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
          .as("HTTP %d", code)
          .isInstanceOfSatisfying(
              ProviderRejectedException.class, e -> assertThat(e.httpStatus()).hasValue(code))
          .hasMessageContaining("application not found");
    }
  }

  @Test
  void http429IsUnavailableWithKnownOutcomeAndSaysWhenToRetry() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "30")
            .body(fixture("bandwidth-v2/error-429.json"))
            .build());
    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isFalse())
        .hasMessageContaining("account call rate limit reached")
        .hasMessageContaining("retry after 30 s");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void http500IsUnavailableWithUnknownOutcomeAndIsNotRetried() {
    server.enqueue(status(500));
    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void stalledAnswerIsATimeoutWithUnknownOutcome() {
    bw.close();
    ProviderConfig config =
        new ProviderConfig(
            "bw2",
            "bandwidth-v2",
            URI.create(server.url("/api/v2").toString()),
            Duration.ofSeconds(1),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            properties());
    bw = new BandwidthV2ProviderFactory().create(config, contexts.context("US"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderTimeoutException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  // --- hanging up

  @Test
  void hangUpCompletesTheAgentLegAndEveryOtherLeg() throws Exception {
    server.enqueue(status(200));
    server.enqueue(status(200));

    bw.hangUp(new HangupRequest(AGENT_LEG, List.of(CUSTOMER_LEG), AGENT_PHONE));

    assertCompleted(server.takeRequest(), AGENT_LEG);
    assertCompleted(server.takeRequest(), CUSTOMER_LEG);
  }

  @Test
  void hangUpSkipsLegsAlreadyGone() throws Exception {
    server.enqueue(status(200));
    server.enqueue(status(404));
    server.enqueue(status(409));

    bw.hangUp(new HangupRequest(AGENT_LEG, List.of(CUSTOMER_LEG, "c-third"), null));

    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void hangUpWhenEveryLegIsAlreadyGoneIsTheFirstLegsRejection() {
    server.enqueue(status(409));
    server.enqueue(status(404));
    assertThatThrownBy(() -> bw.hangUp(new HangupRequest(AGENT_LEG, List.of(CUSTOMER_LEG), null)))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class, e -> assertThat(e.httpStatus()).hasValue(409));
  }

  @Test
  void hangUpEndsTheCustomerLegEvenWhenTheAgentLegFails() throws Exception {
    server.enqueue(status(500));
    server.enqueue(status(200));
    assertThatThrownBy(() -> bw.hangUp(new HangupRequest(AGENT_LEG, List.of(CUSTOMER_LEG), null)))
        .isInstanceOf(ProviderUnavailableException.class);
    server.takeRequest();
    assertCompleted(server.takeRequest(), CUSTOMER_LEG);
  }

  // --- status

  @Test
  void statusReadsTheDocumentedDisconnectedCall() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(fixture("bandwidth-v2/get-call-disconnected.json"))
            .build());

    ProviderCallStatus status = bw.status(AGENT_LEG).orElseThrow();

    assertThat(status.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(status.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(status.rawState()).isEqualTo("disconnected: hangup");
    assertThat(status.answeredAt()).isEqualTo(Instant.parse("2026-12-02T15:56:11.554Z"));
    assertThat(status.endedAt()).isEqualTo(Instant.parse("2026-12-02T15:59:47.512Z"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(CALLS + "/" + AGENT_LEG);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
  }

  @Test
  void statusMapsEveryDocumentedState() {
    Map<String, CallStatus> expected =
        Map.of(
            "queued", CallStatus.DIALING,
            "initiated", CallStatus.DIALING,
            "answered", CallStatus.ANSWERED);
    expected.forEach(
        (state, status) -> {
          server.enqueue(
              new MockResponse.Builder().code(200).body("{\"state\":\"" + state + "\"}").build());
          assertThat(bw.status(AGENT_LEG).orElseThrow().status()).as(state).isEqualTo(status);
        });
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"state\":\"disconnected\",\"disconnectCause\":\"busy\"}")
            .build());
    assertThat(bw.status(AGENT_LEG).orElseThrow().cause()).isEqualTo(HangupCause.BUSY);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"state\":\"disconnected\",\"disconnectCause\":\"hangup\"}")
            .build());
    assertThat(bw.status(AGENT_LEG).orElseThrow().status())
        .as("a normal end never answered")
        .isEqualTo(CallStatus.NO_ANSWER);
  }

  @Test
  void statusOfACallBandwidthNoLongerKeepsIsEmpty() {
    server.enqueue(status(404));
    assertThat(bw.status(AGENT_LEG)).isEqualTo(Optional.empty());
  }

  @Test
  void statusWithAnUnreadableBodyIsAnUnreadableAnswer() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"state\":{}}").build());
    assertThatThrownBy(() -> bw.status(AGENT_LEG))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("state");
    server.enqueue(new MockResponse.Builder().code(200).body("not json").build());
    assertThatThrownBy(() -> bw.status(AGENT_LEG)).isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void poolHasNoLeasedConnectionsAfterFailures() throws Exception {
    server.enqueue(status(500));
    server.enqueue(new MockResponse.Builder().code(201).body("no id").build());
    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOf(ProviderUnavailableException.class);
    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOf(ProviderUnavailableException.class);
    assertThat(server.takeRequest(1, TimeUnit.SECONDS)).isNotNull();
  }
}
