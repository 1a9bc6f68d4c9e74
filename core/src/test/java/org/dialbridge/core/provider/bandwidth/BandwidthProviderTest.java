package org.dialbridge.core.provider.bandwidth;

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
import java.util.Set;
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
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.support.GenericEvents;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.HangupRequest;
import org.dialbridge.core.spi.ProviderCallStatus;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.TestContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BandwidthProviderTest {
  private static final String USER = "u-7d2c41";
  private static final String CALLS = "/v1/users/u-7d2c41/calls";

  /** {@code t-token:s3cr3t} in Base64. */
  private static final String BASIC = "Basic dC10b2tlbjpzM2NyM3Q=";

  private static final String FROM = "+19195551212";
  private static final String CALLBACK =
      "https://hook:w3bh00k-pw@crm.example.com/dialbridge/webhooks/bw";
  private static final String AGENT_PHONE = "+13865245000";
  private static final String CUSTOMER = "+13125556666";
  private static final String AGENT_LEG = "c-3f7a9e21";
  private static final Agent ANA = new Agent("ana", AGENT_PHONE, "bw", null);

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

  private static Map<String, String> properties() {
    Map<String, String> p = new HashMap<>();
    p.put("user-id", USER);
    p.put("api-token", "t-token");
    p.put("api-secret", "s3cr3t");
    p.put("from-number", FROM);
    p.put("callback-url", CALLBACK);
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
        ProviderConfig.of("bw", "bandwidth", URI.create(server.url("/v1").toString()), properties);
    return new BandwidthProviderFactory().create(config, contexts.context("US"));
  }

  private void replace(Map<String, String> properties) {
    bw.close();
    bw = provider(properties);
  }

  private CallRequest callTo(String number) {
    return callTo(ANA, number);
  }

  private CallRequest callTo(Agent agent, String number) {
    return new CallRequest("call-1", agent, contexts.context("US").phoneNumbers().parse(number));
  }

  private static Call call(CallStatus status) {
    return new Call(
        "call-1",
        "bw",
        AGENT_LEG,
        "42",
        "ana",
        AGENT_PHONE,
        FROM,
        CUSTOMER,
        status,
        null,
        null,
        TestContexts.NOW,
        null,
        null,
        null);
  }

  private static MockResponse created(String location) {
    return new MockResponse.Builder().code(201).setHeader("Location", location).build();
  }

  private static MockResponse error(int code, String errorCode, String message) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(
            "{\"category\":\"bad-request\",\"code\":\""
                + errorCode
                + "\",\"message\":\""
                + message
                + "\",\"details\":[{\"name\":\"requestMethod\",\"value\":\"POST\"}]}")
        .build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).build();
  }

  private static JsonNode json(RecordedRequest request) throws Exception {
    return Payloads.JSON.readTree(request.getBody().utf8());
  }

  private static JsonNode json(String text) throws Exception {
    return Payloads.JSON.readTree(text);
  }

  private ProviderEvent event(String fixture) {
    return bw.webhookParser().parse(WebhookRequest.json(fixture(fixture))).get(0);
  }

  private ProviderEvent eventJson(String body) {
    return bw.webhookParser().parse(WebhookRequest.json(body)).get(0);
  }

  private void assertCompleted(RecordedRequest request, String leg) throws Exception {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(CALLS + "/" + leg);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
    assertThat(json(request)).isEqualTo(json("{\"state\":\"completed\"}"));
  }

  // --- configuration

  @Test
  void factoryAnswersToBandwidthAndDeclaresItsKeys() {
    BandwidthProviderFactory factory = new BandwidthProviderFactory();
    assertThat(factory.type()).isEqualTo("bandwidth");
    assertThat(factory.keys())
        .containsExactlyInAnyOrder(
            "user-id",
            "api-token",
            "api-secret",
            "from-number",
            "callback-url",
            "call-timeout",
            "agent-sip-domain");
    assertThat(bw.type()).isEqualTo("bandwidth");
    assertThat(bw.name()).isEqualTo("bw");
  }

  @Test
  void everyMissingRequiredKeyStopsStartupNamingIt() {
    for (String key :
        List.of("user-id", "api-token", "api-secret", "from-number", "callback-url")) {
      assertThatThrownBy(() -> provider(with(key, null)))
          .as(key)
          .isInstanceOfSatisfying(
              ConfigException.class,
              e -> assertThat(e.key()).isEqualTo("dialbridge.providers.bw." + key));
    }
  }

  @Test
  void fromNumberThatIsNotAPhoneNumberStopsStartup() {
    for (String bad : List.of("6001", "not a number", "+1 919 555")) {
      assertThatThrownBy(() -> provider(with("from-number", bad)))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigException.class,
              e -> {
                assertThat(e.key()).isEqualTo("dialbridge.providers.bw.from-number");
                assertThat(e.getMessage()).contains("E.164");
              });
    }
  }

  @Test
  void fromNumberIsSentInE164WhateverWayItWasWritten() throws Exception {
    replace(with("from-number", "(919) 555-1212"));
    server.enqueue(created("/v1/users/u-7d2c41/calls/c-1"));

    bw.placeCall(callTo(CUSTOMER));

    assertThat(json(server.takeRequest()).get("from").asText()).isEqualTo(FROM);
  }

  @Test
  void callbackUrlMustBeAnAbsoluteHttpUrlAndIsNeverPrinted() {
    for (String bad :
        List.of(
            "ftp://hook:w3bh00k-pw@crm.example.com/x",
            "/dialbridge/webhooks/bw",
            "https://hook:w3bh00k@pw@crm.example.com/x",
            "https://hook:w3bh00k-pw@crm example.com/x")) {
      assertThatThrownBy(() -> provider(with("callback-url", bad)))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigException.class,
              e -> {
                assertThat(e.key()).isEqualTo("dialbridge.providers.bw.callback-url");
                assertThat(e.getMessage())
                    .contains("absolute http or https URL")
                    .doesNotContain("w3bh00k");
              });
    }
  }

  @Test
  void callTimeoutOutsideOneToThreeHundredSecondsStopsStartup() {
    for (String bad : List.of("0", "301", "sixty")) {
      assertThatThrownBy(() -> provider(with("call-timeout", bad)))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigException.class,
              e -> assertThat(e.key()).isEqualTo("dialbridge.providers.bw.call-timeout"));
    }
  }

  // --- placeCall

  @Test
  void placeCallRingsTheAgentWithBasicAuthTagAndCallTimeout() throws Exception {
    server.enqueue(created("https://api.catapult.inetwork.com/v1/users/u-7d2c41/calls/c-3f7a9e21"));

    assertThat(bw.placeCall(callTo("312 555 6666")).providerCallId()).isEqualTo(AGENT_LEG);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(CALLS);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(json(request))
        .isEqualTo(
            json(
                "{\"from\":\"+19195551212\",\"to\":\"+13865245000\","
                    + "\"callbackUrl\":\""
                    + CALLBACK
                    + "\",\"callTimeout\":60,\"tag\":\"call-1\"}"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void sipUriAgentIsDialledAsGivenAndCallTimeoutIsConfigurable() throws Exception {
    replace(with("call-timeout", "25"));
    server.enqueue(created("/v1/users/u-7d2c41/calls/c-sip1/"));
    Agent sipAgent = new Agent("bo", "sip:bo@pbx.example.com", "bw", null);

    assertThat(bw.placeCall(callTo(sipAgent, CUSTOMER)).providerCallId()).isEqualTo("c-sip1");

    JsonNode body = json(server.takeRequest());
    assertThat(body.get("to").asText()).isEqualTo("sip:bo@pbx.example.com");
    assertThat(body.get("callTimeout").isInt()).isTrue();
    assertThat(body.get("callTimeout").asInt()).isEqualTo(25);
  }

  @Test
  void extensionAgentIsRungAtTheAgentSipDomainWhileNumbersAndUrisStayAsGiven() throws Exception {
    replace(with("agent-sip-domain", "agents.bwapp.bwsip.io"));
    for (int i = 0; i < 3; i++) server.enqueue(created("/v1/users/u-7d2c41/calls/c-" + i));

    bw.placeCall(callTo(new Agent("ana", "6001", "bw", null), CUSTOMER));
    bw.placeCall(callTo(ANA, CUSTOMER));
    bw.placeCall(callTo(new Agent("bo", "sip:bo@pbx.example.com", "bw", null), CUSTOMER));

    assertThat(json(server.takeRequest()).get("to").asText())
        .isEqualTo("sip:6001@agents.bwapp.bwsip.io");
    assertThat(json(server.takeRequest()).get("to").asText()).isEqualTo(AGENT_PHONE);
    assertThat(json(server.takeRequest()).get("to").asText()).isEqualTo("sip:bo@pbx.example.com");
  }

  @Test
  void agentSipDomainThatIsNotAHostNameStopsStartup() {
    for (String bad :
        List.of("sip:agents.example.com", "agents.example.com/x", "ana@agents.example.com", "-x")) {
      assertThatThrownBy(() -> provider(with("agent-sip-domain", bad)))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigException.class,
              e -> {
                assertThat(e.key()).isEqualTo("dialbridge.providers.bw.agent-sip-domain");
                assertThat(e.getMessage()).contains("host name");
              });
    }
  }

  @Test
  void createdWithoutLocationIsAnUnreadableAnswerWithUnknownOutcome() {
    server.enqueue(new MockResponse.Builder().code(201).build());

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.getMessage()).contains("unreadable answer").contains("Location");
              assertThat(e.outcomeUnknown()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anExtensionDestinationIsRefusedBeforeTheAgentRings() {
    assertThatThrownBy(() -> bw.placeCall(callTo("6001")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> {
              assertThat(e.httpStatus()).isEmpty();
              assertThat(e.getMessage()).contains("E.164");
            });
    assertThat(server.getRequestCount()).isZero();
  }

  // --- errors

  @Test
  void callRateLimit403MapsToUnavailableWithKnownOutcome() {
    server.enqueue(
        new MockResponse.Builder()
            .code(403)
            .setHeader("Content-Type", "application/json")
            .body(fixture("bandwidth/error-call-rate-limit-403.json"))
            .build());

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(403);
              assertThat(e.outcomeUnknown()).isFalse();
              assertThat(e.providerMessage())
                  .hasValue("You can create 1 calls per 1 seconds, please try again later");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void invalidDestination403MapsToRejectedWithMessageAndCode() {
    server.enqueue(error(403, "invalid-destination-number", "The destination number is invalid"));

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("provider_rejected");
              assertThat(e.httpStatus()).hasValue(403);
              assertThat(e.providerMessage())
                  .hasValue("The destination number is invalid (invalid-destination-number)");
            });
  }

  @Test
  void anyOtherCoded403MapsToRejected() {
    server.enqueue(error(403, "sip-uri-not-allowed", "SIP calls are not enabled"));

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e ->
                assertThat(e.providerMessage())
                    .hasValue("SIP calls are not enabled (sip-uri-not-allowed)"));
  }

  @Test
  void uncoded403MapsToAuthenticationFailed() {
    server.enqueue(new MockResponse.Builder().code(403).body("Forbidden").build());

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderAuthenticationException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(403);
              assertThat(e.providerMessage()).hasValue("Forbidden");
            });
  }

  @Test
  void http401MapsToAuthenticationFailedWithoutShowingCredentials() {
    server.enqueue(
        new MockResponse.Builder().code(401).body("{\"message\":\"Invalid credentials\"}").build());

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderAuthenticationException.class,
            e -> {
              assertThat(e.code()).isEqualTo("provider_authentication_failed");
              assertThat(e.httpStatus()).hasValue(401);
              assertThat(e.getMessage())
                  .doesNotContain("s3cr3t")
                  .doesNotContain("t-token")
                  .doesNotContain("w3bh00k");
            });
  }

  @Test
  void http500MapsToProviderUnavailableWithUnknownOutcomeAndIsNotRetried() {
    server.enqueue(
        new MockResponse.Builder().code(500).body("{\"message\":\"Internal error\"}").build());
    server.enqueue(created("/v1/users/u-7d2c41/calls/c-second"));

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(500);
              assertThat(e.outcomeUnknown()).isTrue();
              assertThat(e.providerMessage()).hasValue("Internal error");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void stalledAnswerMapsToProviderTimeout() {
    bw.close();
    ProviderConfig config =
        new ProviderConfig(
            "bw",
            "bandwidth",
            URI.create(server.url("/v1").toString()),
            Duration.ofSeconds(1),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            properties());
    bw = new BandwidthProviderFactory().create(config, contexts.context("US"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderTimeoutException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void connectionRefusedMapsToProviderUnavailableWithKnownOutcome() {
    bw.close();
    server.close();
    bw = provider(properties());

    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
  }

  @Test
  void poolHasNoLeasedConnectionsAfterFailures() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(201).body("no location").build());
    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOf(ProviderUnavailableException.class);
    assertThatThrownBy(() -> bw.placeCall(callTo(CUSTOMER)))
        .isInstanceOf(ProviderUnavailableException.class);

    assertThat(((BandwidthProvider) bw).http().poolStats().getLeased()).isZero();
    assertThat(server.takeRequest(1, TimeUnit.SECONDS)).isNotNull();
  }

  // --- hangUp

  @Test
  void hangUpCompletesTheFirstLeg() throws Exception {
    server.enqueue(ok());

    bw.hangUp(new HangupRequest(AGENT_LEG, List.of(), AGENT_PHONE));

    assertCompleted(server.takeRequest(), AGENT_LEG);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void hangUpCompletesEveryOtherLeg() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());
    server.enqueue(ok());

    bw.hangUp(new HangupRequest(AGENT_LEG, List.of("c-customer", "c-third"), AGENT_PHONE));

    assertCompleted(server.takeRequest(), AGENT_LEG);
    assertCompleted(server.takeRequest(), "c-customer");
    assertCompleted(server.takeRequest(), "c-third");
  }

  @Test
  void hangUpIgnoresOtherLegsThatAreAlreadyOver() throws Exception {
    server.enqueue(ok());
    server.enqueue(error(403, "call-invalid-state", "The call is not in a valid state"));
    server.enqueue(error(403, "call-id-not-found", "Call c-gone not found"));

    bw.hangUp(new HangupRequest(AGENT_LEG, List.of("c-customer", "c-gone"), AGENT_PHONE));

    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void hangUpOfAFirstLegAlreadyOverIsARejectionWithTheCode() {
    server.enqueue(error(403, "call-invalid-state", "The call is not in a valid state"));
    server.enqueue(error(403, "call-id-not-found", "Call c-3f7a9e21 not found"));

    for (String code : List.of("call-invalid-state", "call-id-not-found")) {
      assertThatThrownBy(() -> bw.hangUp(new HangupRequest(AGENT_LEG, List.of(), AGENT_PHONE)))
          .as(code)
          .isInstanceOfSatisfying(
              ProviderRejectedException.class,
              e -> {
                assertThat(e.httpStatus()).hasValue(403);
                assertThat(e.providerMessage())
                    .hasValueSatisfying(m -> assertThat(m).endsWith("(" + code + ")"));
              });
    }
  }

  @Test
  void hangUpWhenEveryLegIsAlreadyOverIsTheFirstLegsRejection() {
    server.enqueue(error(403, "call-invalid-state", "The call is not in a valid state"));
    server.enqueue(error(403, "call-invalid-state", "The call is not in a valid state"));

    assertThatThrownBy(
            () -> bw.hangUp(new HangupRequest(AGENT_LEG, List.of("c-customer"), AGENT_PHONE)))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e ->
                assertThat(e.providerMessage())
                    .hasValue("The call is not in a valid state (call-invalid-state)"));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void hangUpSucceedsWhenTheAgentLegWasOverButTheCustomerLegWasLive() throws Exception {
    server.enqueue(error(403, "call-invalid-state", "The call is not in a valid state"));
    server.enqueue(ok());

    bw.hangUp(new HangupRequest(AGENT_LEG, List.of("c-customer"), AGENT_PHONE));

    server.takeRequest();
    assertCompleted(server.takeRequest(), "c-customer");
  }

  @Test
  void hangUpStillEndsOtherLegsWhenTheFirstFails() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(ok());

    assertThatThrownBy(
            () -> bw.hangUp(new HangupRequest(AGENT_LEG, List.of("c-customer"), AGENT_PHONE)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.httpStatus()).hasValue(500));

    server.takeRequest();
    assertCompleted(server.takeRequest(), "c-customer");
  }

  @Test
  void hangUpReportsAnOtherLegThatCouldNotBeEnded() {
    server.enqueue(ok());
    server.enqueue(new MockResponse.Builder().code(503).build());

    assertThatThrownBy(
            () -> bw.hangUp(new HangupRequest(AGENT_LEG, List.of("c-customer"), AGENT_PHONE)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.httpStatus()).hasValue(503));
  }

  @Test
  void hangUpWithBadCredentialsIsAnAuthenticationFailure() {
    server.enqueue(new MockResponse.Builder().code(401).build());

    assertThatThrownBy(() -> bw.hangUp(new HangupRequest(AGENT_LEG, List.of(), AGENT_PHONE)))
        .isInstanceOf(ProviderAuthenticationException.class);
  }

  // --- status

  @Test
  void statusReadsTheDocumentedCall() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(fixture("bandwidth/get-call-response.json"))
            .build());

    ProviderCallStatus status = bw.status(AGENT_LEG).orElseThrow();

    assertThat(status.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(status.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(status.rawState()).isEqualTo("completed");
    assertThat(status.answeredAt()).isEqualTo(Instant.parse("2014-12-19T19:13:20Z"));
    assertThat(status.endedAt()).isEqualTo(Instant.parse("2014-12-19T19:13:22Z"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(CALLS + "/" + AGENT_LEG);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
  }

  @Test
  void statusMapsEveryDocumentedState() {
    record Case(String body, CallStatus status, HangupCause cause) {}
    List<Case> cases =
        List.of(
            new Case(
                "{\"state\":\"started\",\"startTime\":\"2014-12-19T19:13:18Z\"}",
                CallStatus.DIALING,
                null),
            new Case(
                "{\"state\":\"active\",\"activeTime\":\"2014-12-19T19:13:20Z\"}",
                CallStatus.ANSWERED,
                null),
            new Case(
                "{\"state\":\"transferring\",\"activeTime\":\"2014-12-19T19:13:20Z\"}",
                CallStatus.ANSWERED,
                null),
            new Case(
                "{\"state\":\"rejected\",\"endTime\":\"2014-12-19T19:13:22Z\"}",
                CallStatus.REJECTED,
                HangupCause.REJECTED),
            new Case(
                "{\"state\":\"completed\",\"endTime\":\"2014-12-19T19:13:22Z\"}",
                CallStatus.NO_ANSWER,
                HangupCause.NO_ANSWER),
            new Case("{\"state\":\"parked\"}", null, null));
    for (Case c : cases) {
      server.enqueue(new MockResponse.Builder().code(200).body(c.body()).build());
      ProviderCallStatus status = bw.status(AGENT_LEG).orElseThrow();
      assertThat(status.status()).as(c.body()).isEqualTo(c.status());
      assertThat(status.cause()).as(c.body()).isEqualTo(c.cause());
      assertThat(status.rawState())
          .as(c.body())
          .isEqualTo(Payloads.text(Payloads.object(c.body()), "state").get());
    }
  }

  @Test
  void statusReadsTimesWithAnHourOnlyOffset() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(
                "{\"state\":\"completed\",\"activeTime\":\"2014-04-23T11:53:43-03\",\"endTime\":\"2"
                    + "014-04-23T11:55:00-03\"}")
            .build());

    ProviderCallStatus status = bw.status(AGENT_LEG).orElseThrow();

    assertThat(status.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(status.answeredAt()).isEqualTo(Instant.parse("2014-04-23T14:53:43Z"));
    assertThat(status.endedAt()).isEqualTo(Instant.parse("2014-04-23T14:55:00Z"));
  }

  @Test
  void statusOfACallBandwidthDoesNotKnowIsEmpty() {
    server.enqueue(new MockResponse.Builder().code(404).build());
    server.enqueue(error(403, "call-id-not-found", "Call c-gone not found"));

    assertThat(bw.status("c-gone")).isEmpty();
    assertThat(bw.status("c-gone")).isEmpty();
  }

  @Test
  void statusWithAnUnreadableBodyIsAnUnreadableAnswerWithKnownOutcome() {
    server.enqueue(new MockResponse.Builder().code(200).body("<html/>").build());

    assertThatThrownBy(() -> bw.status(AGENT_LEG))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.getMessage()).contains("unreadable answer");
              assertThat(e.outcomeUnknown()).isFalse();
            });
  }

  @Test
  void capabilitiesSayInboundIsReportedAndActiveCallIsUnsupported() {
    assertThat(bw.capabilities().placeCall()).isTrue();
    assertThat(bw.capabilities().hangUp()).isTrue();
    assertThat(bw.capabilities().status()).isTrue();
    assertThat(bw.capabilities().activeCall()).isFalse();
    assertThat(bw.capabilities().webhookEvents())
        .containsExactlyInAnyOrder(
            EventType.INCOMING, EventType.ANSWERED, EventType.HANGUP, EventType.OTHER);
    assertThat(bw.capabilities().inbound()).isTrue();
    assertThat(bw.capabilities().dispositions()).isFalse();
    assertThatThrownBy(() -> bw.activeCall(AGENT_PHONE))
        .isInstanceOf(ProviderUnsupportedException.class);
  }

  // --- interpret

  @Test
  void agentLegAnswerMeansTheCustomerIsBeingDialled() {
    ProviderEvent answer = event("bandwidth/event-answer.json");

    ProviderEvent read = bw.interpret(answer, call(CallStatus.DIALING));

    assertThat(read.type()).isEqualTo(EventType.RINGING);
    assertThat(read.status()).isEqualTo(CallStatus.RINGING);
    assertThat(read.cause()).isNull();
    assertThat(read.eventKey()).isEqualTo(answer.eventKey());
    assertThat(read.occurredAt()).isEqualTo(answer.occurredAt());
  }

  @Test
  void agentLegNormalEndCompletesAnAnsweredCallAndCancelsAnUnansweredOne() {
    for (String cause : List.of("NORMAL_CLEARING", "ORIGINATOR_CANCEL")) {
      ProviderEvent hangup = eventJson(hangup(AGENT_LEG, cause));

      ProviderEvent afterAnswer = bw.interpret(hangup, call(CallStatus.ANSWERED));
      assertThat(afterAnswer.type()).as(cause).isEqualTo(EventType.HANGUP);
      assertThat(afterAnswer.status()).as(cause).isEqualTo(CallStatus.COMPLETED);
      assertThat(afterAnswer.cause()).as(cause).isEqualTo(HangupCause.NORMAL_CLEARING);
      assertThat(afterAnswer.rawCause()).as(cause).isEqualTo(cause);

      for (CallStatus before : List.of(CallStatus.DIALING, CallStatus.RINGING)) {
        ProviderEvent unanswered = bw.interpret(hangup, call(before));
        assertThat(unanswered.status()).as(cause + " " + before).isEqualTo(CallStatus.CANCELED);
        assertThat(unanswered.cause()).as(cause + " " + before).isEqualTo(HangupCause.CANCELED);
        assertThat(unanswered.rawCause()).as(cause).isEqualTo(cause);
      }
    }
  }

  @Test
  void agentLegLetGoAfterTheCustomersLegEndedTheCallIsNoSecondEnding() {
    // the customer's number did not exist; the bridge then hangs up the agent, in the same
    // millisecond
    Call failed =
        new Call(
            "call-1",
            "bw",
            AGENT_LEG,
            "42",
            "ana",
            AGENT_PHONE,
            FROM,
            CUSTOMER,
            CallStatus.FAILED,
            HangupCause.INVALID_NUMBER,
            "UNALLOCATED_NUMBER",
            TestContexts.NOW,
            null,
            TestContexts.NOW,
            null);
    ProviderEvent hangup = eventJson(hangup(AGENT_LEG, "NORMAL_CLEARING"));

    ProviderEvent read = bw.interpret(hangup, failed);

    assertThat(read.type()).isEqualTo(EventType.OTHER);
    assertThat(read.status()).isNull();
    assertThat(read.cause()).isNull();
    assertThat(read.rawCause()).isEqualTo("NORMAL_CLEARING");
    assertThat(read.eventKey()).isEqualTo(hangup.eventKey());
    assertThat(
            failed.apply(
                new CallEvent(
                    "call-1",
                    read.type(),
                    read.status(),
                    read.cause(),
                    read.rawCause(),
                    TestContexts.NOW,
                    TestContexts.NOW,
                    read.eventKey(),
                    read.payload())))
        .isSameAs(failed);
  }

  @Test
  void otherAgentLegEndingsAreLeftAsTheyAre() {
    ProviderEvent busy = eventJson(hangup(AGENT_LEG, "USER_BUSY"));
    ProviderEvent timeout =
        eventJson(fixture("bandwidth/event-timeout.json").replace("c-9a41c0de", AGENT_LEG));

    assertThat(bw.interpret(busy, call(CallStatus.DIALING))).isSameAs(busy);
    assertThat(bw.interpret(timeout, call(CallStatus.DIALING))).isSameAs(timeout);
    assertThat(timeout.status()).isEqualTo(CallStatus.NO_ANSWER);
  }

  @Test
  void customerLegEventsAreLeftAsTheyAre() {
    ProviderEvent answer = eventJson(answer("c-customer", null));
    ProviderEvent hangup = eventJson(hangup("c-customer", "NORMAL_CLEARING"));

    assertThat(bw.interpret(answer, call(CallStatus.RINGING))).isSameAs(answer);
    assertThat(answer.type()).isEqualTo(EventType.ANSWERED);
    assertThat(bw.interpret(hangup, call(CallStatus.ANSWERED))).isSameAs(hangup);
    assertThat(hangup.status()).isEqualTo(CallStatus.COMPLETED);
  }

  @Test
  void customerLegCarryingTheTagIsStillTheCustomers() {
    ProviderEvent answer = eventJson(answer("c-customer", "call-1"));

    assertThat(bw.interpret(answer, call(CallStatus.RINGING))).isSameAs(answer);
  }

  @Test
  void theTagFindsTheAgentLegBeforeItsIdIsRecorded() {
    Call withoutLeg =
        Call.placed("call-1", "bw", "42", "ana", AGENT_PHONE, FROM, CUSTOMER, TestContexts.NOW);
    ProviderEvent tagged = eventJson(answer(AGENT_LEG, "call-1"));
    ProviderEvent otherTag = eventJson(answer(AGENT_LEG, "another-call"));

    assertThat(bw.interpret(tagged, withoutLeg).type()).isEqualTo(EventType.RINGING);
    assertThat(bw.interpret(otherTag, withoutLeg)).isSameAs(otherTag);
  }

  @Test
  void genericEventsAreNotReinterpreted() {
    String body = "{\"event\":\"answered\",\"callId\":\"" + AGENT_LEG + "\"}";
    ProviderEvent generic = GenericEvents.parse(Payloads.object(body), body);

    assertThat(bw.interpret(generic, call(CallStatus.RINGING))).isSameAs(generic);
    assertThat(bw.react(generic, call(CallStatus.RINGING))).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  // --- react

  @Test
  void agentLegAnswerIsTransferredToTheCustomerOnce() throws Exception {
    server.enqueue(created("https://api.catapult.inetwork.com/v1/users/u-7d2c41/calls/c-customer"));
    ProviderEvent answer = event("bandwidth/event-answer.json");

    Set<String> legs = bw.react(answer, call(CallStatus.DIALING));

    assertThat(legs).containsExactly("c-customer");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(CALLS + "/" + AGENT_LEG);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(json(request))
        .isEqualTo(
            json(
                "{\"state\":\"transferring\",\"transferTo\":\"+13125556666\","
                    + "\"transferCallerId\":\"+19195551212\",\"callbackUrl\":\""
                    + CALLBACK
                    + "\"}"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theAnswerAsInterpretedIsTransferredToo() throws Exception {
    server.enqueue(created("/v1/users/u-7d2c41/calls/c-customer"));
    ProviderEvent ringing =
        bw.interpret(event("bandwidth/event-answer.json"), call(CallStatus.DIALING));

    assertThat(bw.react(ringing, call(CallStatus.RINGING))).containsExactly("c-customer");
    assertThat(server.takeRequest().getTarget()).isEqualTo(CALLS + "/" + AGENT_LEG);
  }

  @Test
  void theTagAloneLetsTheAnswerBeTransferred() throws Exception {
    server.enqueue(created("/v1/users/u-7d2c41/calls/c-customer"));
    Call withoutLeg =
        Call.placed("call-1", "bw", "42", "ana", AGENT_PHONE, FROM, CUSTOMER, TestContexts.NOW);

    assertThat(bw.react(eventJson(answer(AGENT_LEG, "call-1")), withoutLeg))
        .containsExactly("c-customer");
    assertThat(server.takeRequest().getTarget()).isEqualTo(CALLS + "/" + AGENT_LEG);
  }

  @Test
  void nothingIsTransferredForOtherEventsOtherLegsOrEndedCalls() {
    assertThat(bw.react(eventJson(answer("c-customer", null)), call(CallStatus.RINGING))).isEmpty();
    assertThat(bw.react(eventJson(hangup(AGENT_LEG, "NORMAL_CLEARING")), call(CallStatus.DIALING)))
        .isEmpty();
    assertThat(bw.react(event("bandwidth/event-incomingcall.json"), call(CallStatus.DIALING)))
        .isEmpty();
    Call ended =
        new Call(
            "call-1",
            "bw",
            AGENT_LEG,
            "42",
            "ana",
            AGENT_PHONE,
            FROM,
            CUSTOMER,
            CallStatus.CANCELED,
            HangupCause.CANCELED,
            null,
            TestContexts.NOW,
            null,
            TestContexts.NOW,
            null);
    assertThat(bw.react(event("bandwidth/event-answer.json"), ended)).isEmpty();

    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aFailedTransferCompletesTheAgentLegAndIsRethrown() throws Exception {
    server.enqueue(error(403, "invalid-destination-number", "The destination number is invalid"));
    server.enqueue(ok());

    assertThatThrownBy(
            () -> bw.react(event("bandwidth/event-answer.json"), call(CallStatus.DIALING)))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e ->
                assertThat(e.providerMessage())
                    .hasValue("The destination number is invalid (invalid-destination-number)"));

    assertThat(json(server.takeRequest()).get("state").asText()).isEqualTo("transferring");
    assertCompleted(server.takeRequest(), AGENT_LEG);
  }

  @Test
  void aTransferFailureStaysTheErrorWhenCompletingTheAgentLegAlsoFails() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(503).build());

    assertThatThrownBy(
            () -> bw.react(event("bandwidth/event-answer.json"), call(CallStatus.DIALING)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(500);
              assertThat(e.getSuppressed())
                  .singleElement()
                  .isInstanceOf(ProviderUnavailableException.class);
            });
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aTransferAnsweredWithoutLocationIsUnreadableAndEndsTheAgentLeg() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).build());
    server.enqueue(ok());

    assertThatThrownBy(
            () -> bw.react(event("bandwidth/event-answer.json"), call(CallStatus.DIALING)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> assertThat(e.getMessage()).contains("Location"));

    server.takeRequest();
    assertCompleted(server.takeRequest(), AGENT_LEG);
  }

  // --- inbound: the caller's leg (incomingcall) transferred to the agent

  private static final String CALLER = "+13233326955";
  private static final String DIALLED = "+13865245000";
  private static final String CALLER_LEG = "c-0d5e8f12";
  private static final String ANAS_LEG = "c-agent";

  private static Call inbound(CallStatus status, String agentExtension) {
    boolean ended = status.isTerminal();
    boolean answered = status == CallStatus.ANSWERED || status == CallStatus.COMPLETED;
    return new Call(
        "call-in",
        "bw",
        CALLER_LEG,
        null,
        agentExtension == null ? null : "ana",
        agentExtension,
        CALLER,
        DIALLED,
        status,
        ended ? defaultCause(status) : null,
        null,
        TestContexts.NOW,
        answered ? TestContexts.NOW : null,
        ended ? TestContexts.NOW.plusSeconds(30) : null,
        null,
        Direction.INBOUND);
  }

  private static HangupCause defaultCause(CallStatus status) {
    return switch (status) {
      case COMPLETED -> HangupCause.NORMAL_CLEARING;
      case NO_ANSWER -> HangupCause.NO_ANSWER;
      case CANCELED -> HangupCause.CANCELED;
      default -> HangupCause.PROVIDER_ERROR;
    };
  }

  private static Call inbound(CallStatus status) {
    return inbound(status, AGENT_PHONE);
  }

  private static Call applied(Call call, ProviderEvent read) {
    return call.apply(
        new CallEvent(
            call.id(),
            read.type(),
            read.status(),
            read.cause(),
            read.rawCause(),
            read.occurredAt(),
            TestContexts.NOW,
            read.eventKey(),
            read.payload()));
  }

  @Test
  void incomingCallIsTransferredToTheAgentShowingTheCallersNumber() throws Exception {
    server.enqueue(created("https://api.catapult.inetwork.com/v1/users/u-7d2c41/calls/c-agent"));
    ProviderEvent incoming = event("bandwidth/event-incomingcall.json");

    Set<String> legs = bw.react(incoming, inbound(CallStatus.RINGING));

    assertThat(legs).containsExactly(ANAS_LEG);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(CALLS + "/" + CALLER_LEG);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(json(request))
        .isEqualTo(
            json(
                "{\"state\":\"transferring\",\"transferTo\":\"+13865245000\","
                    + "\"transferCallerId\":\"+13233326955\",\"callbackUrl\":\""
                    + CALLBACK
                    + "\"}"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAgentExtensionIsRungAtTheAgentSipDomainAsForCallsPlaced() throws Exception {
    replace(with("agent-sip-domain", "agents.bwapp.bwsip.io"));
    server.enqueue(created("/v1/users/u-7d2c41/calls/c-agent"));
    server.enqueue(created("/v1/users/u-7d2c41/calls/c-agent2"));

    bw.react(event("bandwidth/event-incomingcall.json"), inbound(CallStatus.RINGING, "6001"));
    bw.react(
        event("bandwidth/event-incomingcall.json"),
        inbound(CallStatus.RINGING, "sip:ana@pbx.example.com"));

    assertThat(json(server.takeRequest()).get("transferTo").asText())
        .isEqualTo("sip:6001@agents.bwapp.bwsip.io");
    assertThat(json(server.takeRequest()).get("transferTo").asText())
        .isEqualTo("sip:ana@pbx.example.com");
  }

  @Test
  void aCallerWithoutAnE164NumberIsShownAsTheFromNumber() throws Exception {
    server.enqueue(created("/v1/users/u-7d2c41/calls/c-agent"));
    Call anonymous =
        new Call(
            "call-in",
            "bw",
            CALLER_LEG,
            null,
            "ana",
            AGENT_PHONE,
            "anonymous",
            DIALLED,
            CallStatus.RINGING,
            null,
            null,
            TestContexts.NOW,
            null,
            null,
            null,
            Direction.INBOUND);

    bw.react(event("bandwidth/event-incomingcall.json"), anonymous);

    assertThat(json(server.takeRequest()).get("transferCallerId").asText()).isEqualTo(FROM);
  }

  @Test
  void anInboundCallRingingNoSingleAgentOrAlreadyOverIsNotTransferred() {
    ProviderEvent incoming = event("bandwidth/event-incomingcall.json");

    assertThat(bw.react(incoming, inbound(CallStatus.RINGING, null))).isEmpty();
    assertThat(bw.react(incoming, inbound(CallStatus.RINGING, " "))).isEmpty();
    assertThat(bw.react(incoming, inbound(CallStatus.CANCELED))).isEmpty();
    // an incomingcall of another leg than the call's
    assertThat(
            bw.react(
                eventJson(fixture("bandwidth/event-incomingcall.json").replace(CALLER_LEG, "c-x")),
                inbound(CallStatus.RINGING)))
        .isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void answersOfAnInboundCallAreNeverTransferredToTheNumberDialled() {
    Call ringing = inbound(CallStatus.RINGING);
    ProviderEvent callersAnswer = eventJson(answer(CALLER_LEG, null));
    ProviderEvent anasAnswer = eventJson(answer(ANAS_LEG, null));

    assertThat(bw.react(callersAnswer, ringing)).isEmpty();
    assertThat(bw.react(bw.interpret(callersAnswer, ringing), ringing)).isEmpty();
    assertThat(bw.react(anasAnswer, ringing)).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aFailedTransferToTheAgentCompletesTheCallersLegAndIsRethrown() throws Exception {
    server.enqueue(error(403, "invalid-destination-number", "The destination number is invalid"));
    server.enqueue(ok());

    assertThatThrownBy(
            () -> bw.react(event("bandwidth/event-incomingcall.json"), inbound(CallStatus.RINGING)))
        .isInstanceOf(ProviderRejectedException.class);

    assertThat(json(server.takeRequest()).get("state").asText()).isEqualTo("transferring");
    assertCompleted(server.takeRequest(), CALLER_LEG);
  }

  @Test
  void theAgentsAnswerIsTheInboundCallsAnswer() {
    ProviderEvent answer = eventJson(answer(ANAS_LEG, null));

    ProviderEvent read = bw.interpret(answer, inbound(CallStatus.RINGING));

    assertThat(read).isSameAs(answer);
    assertThat(read.status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(applied(inbound(CallStatus.RINGING), read).answeredAt()).isNotNull();
  }

  @Test
  void theCallersLegBeingAnsweredIsNoAgentsAnswer() {
    ProviderEvent answer = eventJson(answer(CALLER_LEG, null));

    ProviderEvent read = bw.interpret(answer, inbound(CallStatus.RINGING));

    assertThat(read.type()).isEqualTo(EventType.OTHER);
    assertThat(read.status()).isNull();
    assertThat(read.eventKey()).isEqualTo(answer.eventKey());
    Call ringing = inbound(CallStatus.RINGING);
    assertThat(applied(ringing, read)).isSameAs(ringing);
  }

  @Test
  void theAgentNotAnsweringIsAMissedCall() {
    ProviderEvent timeout =
        eventJson(fixture("bandwidth/event-timeout.json").replace("c-9a41c0de", ANAS_LEG));
    ProviderEvent busy = eventJson(hangup(ANAS_LEG, "USER_BUSY"));
    ProviderEvent declined = eventJson(hangup(ANAS_LEG, "CALL_REJECTED"));

    for (ProviderEvent e : List.of(timeout, busy, declined)) {
      ProviderEvent read = bw.interpret(e, inbound(CallStatus.RINGING));
      assertThat(read).as(e.eventKey()).isSameAs(e);
      Call after = applied(inbound(CallStatus.RINGING), read);
      assertThat(after.missed()).as(e.eventKey()).isTrue();
    }
    assertThat(applied(inbound(CallStatus.RINGING), timeout).status())
        .isEqualTo(CallStatus.NO_ANSWER);
  }

  @Test
  void theCallerHangingUpBeforeAnAgentAnsweredCancelsTheCall() {
    for (String cause : List.of("NORMAL_CLEARING", "ORIGINATOR_CANCEL")) {
      ProviderEvent hangup = eventJson(hangup(CALLER_LEG, cause));

      ProviderEvent read = bw.interpret(hangup, inbound(CallStatus.RINGING));

      assertThat(read.type()).as(cause).isEqualTo(EventType.HANGUP);
      assertThat(read.status()).as(cause).isEqualTo(CallStatus.CANCELED);
      assertThat(read.cause()).as(cause).isEqualTo(HangupCause.CANCELED);
      assertThat(read.rawCause()).as(cause).isEqualTo(cause);
      assertThat(applied(inbound(CallStatus.RINGING), read).missed()).as(cause).isTrue();
    }
  }

  @Test
  void eitherLegEndingAnAnsweredInboundCallCompletesIt() {
    for (String leg : List.of(CALLER_LEG, ANAS_LEG)) {
      ProviderEvent read =
          bw.interpret(eventJson(hangup(leg, "NORMAL_CLEARING")), inbound(CallStatus.ANSWERED));

      assertThat(read.status()).as(leg).isEqualTo(CallStatus.COMPLETED);
      assertThat(read.cause()).as(leg).isEqualTo(HangupCause.NORMAL_CLEARING);
      assertThat(applied(inbound(CallStatus.ANSWERED), read).missed()).as(leg).isFalse();
    }
  }

  @Test
  void theAgentsLegCanceledBecauseTheCallerHungUpIsNoSecondEnding() {
    // the caller gave up; the bridge then cancels the agent's ringing leg
    Call canceled = inbound(CallStatus.CANCELED);
    ProviderEvent agentCanceled = eventJson(hangup(ANAS_LEG, "ORIGINATOR_CANCEL"));
    ProviderEvent callerLetGo = eventJson(hangup(CALLER_LEG, "NORMAL_CLEARING"));

    for (ProviderEvent e : List.of(agentCanceled, callerLetGo)) {
      ProviderEvent read = bw.interpret(e, canceled);
      assertThat(read.type()).as(e.eventKey()).isEqualTo(EventType.OTHER);
      assertThat(read.status()).as(e.eventKey()).isNull();
      assertThat(applied(canceled, read)).as(e.eventKey()).isSameAs(canceled);
    }
  }

  @Test
  void theAgentsLegEndingBeforeItWasAnsweredCancelsTheCall() {
    ProviderEvent read =
        bw.interpret(eventJson(hangup(ANAS_LEG, "ORIGINATOR_CANCEL")), inbound(CallStatus.RINGING));

    assertThat(read.status()).isEqualTo(CallStatus.CANCELED);
    assertThat(read.cause()).isEqualTo(HangupCause.CANCELED);
  }

  @Test
  void genericEventsOfAnInboundCallAreNotReinterpreted() {
    String body = "{\"event\":\"answered\",\"callId\":\"" + CALLER_LEG + "\",\"agent\":\"6001\"}";
    ProviderEvent generic = GenericEvents.parse(Payloads.object(body), body);

    assertThat(bw.interpret(generic, inbound(CallStatus.RINGING))).isSameAs(generic);
    assertThat(bw.react(generic, inbound(CallStatus.RINGING))).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void hangUpOfAnInboundCallCompletesTheCallersAndTheAgentsLeg() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());

    bw.hangUp(new HangupRequest(CALLER_LEG, List.of(CALLER_LEG, ANAS_LEG), AGENT_PHONE));

    assertCompleted(server.takeRequest(), CALLER_LEG);
    assertCompleted(server.takeRequest(), ANAS_LEG);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anOutboundCallsAgentAnswerIsStillTransferredToTheCustomer() throws Exception {
    // the same answer event, read for an outbound call: the two directions do not mix
    server.enqueue(created("/v1/users/u-7d2c41/calls/c-customer"));
    ProviderEvent answer = eventJson(answer(AGENT_LEG, null));

    assertThat(bw.interpret(answer, call(CallStatus.DIALING)).type()).isEqualTo(EventType.RINGING);
    assertThat(bw.react(answer, call(CallStatus.DIALING))).containsExactly("c-customer");
    assertThat(json(server.takeRequest()).get("transferTo").asText()).isEqualTo(CUSTOMER);
  }

  private static String answer(String callId, String tag) {
    return "{\"eventType\":\"answer\",\"from\":\"+19195551212\",\"to\":\"+13125556666\",\"callId\":"
        + "\""
        + callId
        + "\",\"callUri\":\"https://api.catapult.inetwork.com/v1/users/u-7d2c41/calls/"
        + callId
        + "\",\"callState\":\"active\",\"time\":\"2026-11-23T12:00:05Z\""
        + (tag == null ? "" : ",\"tag\":\"" + tag + "\"")
        + "}";
  }

  private static String hangup(String callId, String cause) {
    return "{\"eventType\":\"hangup\",\"callId\":\""
        + callId
        + "\",\"callUri\":\"https://api.catapult.inetwork.com/v1/users/u-7d2c41/calls/"
        + callId
        + "\",\"from\":\"+19195551212\",\"to\":\"+13865245000\",\"cause\":\""
        + cause
        + "\",\"time\":\"2026-11-23T12:03:00Z\"}";
  }
}
