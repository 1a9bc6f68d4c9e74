package org.dialbridge.core.provider.bemmelhor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dialbridge.core.testing.Fixtures.fixture;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.ProviderTimeoutException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.error.ProviderUnsupportedException;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ActiveCall;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BemMelhorProviderTest {
  private static final Agent ANA = new Agent("ana", "6001", "bemmelhor", null);
  private static final String CLIENT_ID = "e57575aa-8995-43b6-8942-31e6e9135a25";

  private final MockWebServer server = new MockWebServer();
  private final TestContexts contexts = new TestContexts();
  private TelephonyProvider bm;

  @BeforeEach
  void start() throws Exception {
    server.start();
    bm = provider(Map.of());
  }

  @AfterEach
  void stop() {
    bm.close();
    server.close();
    contexts.close();
  }

  private TelephonyProvider provider(Map<String, String> properties) {
    ProviderConfig config =
        ProviderConfig.of("bm", "bemmelhor", URI.create(server.url("/").toString()), properties);
    return new BemMelhorProviderFactory().create(config, contexts.context("BR"));
  }

  private void reconfigure(Map<String, String> properties) {
    bm.close();
    bm = provider(properties);
  }

  private CallRequest callTo(String number) {
    return new CallRequest("call-1", ANA, contexts.context("BR").phoneNumbers().parse(number));
  }

  private void answer(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .body(body)
            .setHeader("Content-Type", "application/json")
            .build());
  }

  private List<ProviderEvent> webhook(String body) {
    return bm.webhookParser().parse(WebhookRequest.json(body));
  }

  // --- click-to-call

  @Test
  void placeCallToAnExtensionPutsItInThePathAsGiven() throws Exception {
    answer(200, fixture("bemmelhor/call-response.json"));

    assertThat(bm.placeCall(callTo("6005")).providerCallId()).isEqualTo("9cb60bfe8dfb200f");

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/call/6001/6005");
    assertThat(request.getBody() == null || request.getBody().size() == 0).isTrue();
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void placeCallToABrazilianNumberDialsPrefixAndNationalNumber() throws Exception {
    answer(200, fixture("bemmelhor/call-response.json"));

    bm.placeCall(callTo("+55 32 99999-9999"));

    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/call/6001/032999999999");
  }

  @Test
  void placeCallAbroadDialsPrefixInternationalPrefixAndCountryCode() throws Exception {
    answer(200, fixture("bemmelhor/call-response.json"));

    bm.placeCall(callTo("+51 1 555 1234"));

    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/call/6001/0005115551234");
  }

  @Test
  void prefixesAndHomeRegionAreConfigurable() throws Exception {
    reconfigure(Map.of("dial-prefix", "9", "international-prefix", "011", "home-region", "pe"));
    answer(200, fixture("bemmelhor/call-response.json"));
    answer(200, fixture("bemmelhor/call-response.json"));

    bm.placeCall(callTo("+51 1 555 1234"));
    bm.placeCall(callTo("+55 32 99999-9999"));

    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/call/6001/915551234");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/call/6001/90115532999999999");
  }

  @Test
  void anExplicitlyEmptyDialPrefixDialsNoOutsideLineDigit() throws Exception {
    reconfigure(Map.of("dial-prefix", ""));
    answer(200, fixture("bemmelhor/call-response.json"));

    bm.placeCall(callTo("+55 32 99999-9999"));

    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/call/6001/32999999999");
  }

  @Test
  void placeCallSendsTheConfiguredStaticHeader() throws Exception {
    reconfigure(Map.of("auth-header", "X-Api-Key", "auth-value", "k3y-behind-gateway"));
    answer(200, fixture("bemmelhor/call-response.json"));
    answer(200, fixture("bemmelhor/status-response.json"));

    bm.placeCall(callTo("6005"));
    bm.status("9cb60bfe8dfb200f");

    assertThat(server.takeRequest().getHeaders().get("X-Api-Key")).isEqualTo("k3y-behind-gateway");
    assertThat(server.takeRequest().getHeaders().get("X-Api-Key")).isEqualTo("k3y-behind-gateway");
  }

  @Test
  void agentExtensionIsEncodedAsOnePathSegment() throws Exception {
    answer(200, fixture("bemmelhor/call-response.json"));

    bm.placeCall(
        new CallRequest(
            "call-1",
            new Agent("ana", "60/01", "bm", null),
            contexts.context("BR").phoneNumbers().parse("6005")));

    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/call/60%2F01/6005");
  }

  @Test
  void successAnswerWithoutCallIdFallsBackToKey() {
    answer(200, "{\"apiStatus\":\"SUCCESS\",\"data\":{\"key\":\"k-123\",\"error\":null}}");

    assertThat(bm.placeCall(callTo("6005")).providerCallId()).isEqualTo("k-123");
  }

  @Test
  void dataErrorIsARejectionWithTheProvidersWords() {
    answer(
        200,
        "{\"apiStatus\":\"CONECTION_OK\",\"data\":{\"key\":null,\"callId\":null,"
            + "\"error\":\"Ramal 6001 não registrado\",\"serverMessage\":\"Falha ao originar\"}}");

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("provider_rejected");
              assertThat(e.httpStatus()).hasValue(200);
              assertThat(e.providerMessage())
                  .hasValue("Ramal 6001 não registrado: Falha ao originar");
              assertThat(e.outcomeUnknown()).isFalse();
            });
  }

  @Test
  void dataErrorThatIsAnObjectIsStillARejection() {
    answer(
        200,
        "{\"apiStatus\":\"CONECTION_OK\",\"data\":{\"error\":{\"code\":17},\"callId\":\"x\"}}");

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> assertThat(e.providerMessage()).hasValue("{\"code\":17}"));
  }

  @Test
  void unknownApiStatusIsARejectionNamingIt() {
    answer(
        200,
        "{\"apiStatus\":\"CONECTION_FAIL\",\"data\":{\"error\":null,\"serverMessage\":\"Asterisk"
            + " fora do ar\"}}");

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> assertThat(e.providerMessage()).hasValue("CONECTION_FAIL: Asterisk fora do ar"));
  }

  @Test
  void unknownApiStatusAloneIsARejectionNamingIt() {
    answer(200, "{\"apiStatus\":\"ERROR\",\"data\":null}");

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> assertThat(e.providerMessage()).hasValue("ERROR"));
  }

  @Test
  void http500MapsToProviderUnavailableWithUnknownOutcome() {
    answer(500, "Internal Server Error");

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(500);
              assertThat(e.outcomeUnknown()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void http404MapsToRejected() {
    answer(404, "Cannot GET /api/call/6001/6005");

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(404);
              assertThat(e.providerMessage()).hasValue("Cannot GET /api/call/6001/6005");
            });
  }

  @Test
  void nonJsonSuccessBodyIsAnUnreadableAnswerWithUnknownOutcome() {
    answer(200, "<html>Bem Melhor</html>");

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.getMessage()).contains("unreadable answer");
              assertThat(e.outcomeUnknown()).isTrue();
            });
  }

  @Test
  void successWithoutApiStatusOrCallIdIsAnUnreadableAnswer() {
    answer(200, "{\"data\":{\"callId\":\"x\"}}");
    answer(
        200,
        "{\"apiStatus\":\"CONECTION_OK\",\"data\":{\"status\":\"IN_PROGRESS\",\"error\":null}}");

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> assertThat(e.getMessage()).contains("no apiStatus"));
    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.getMessage()).contains("no data.callId");
              assertThat(e.outcomeUnknown()).isTrue();
            });
  }

  @Test
  void readTimeoutMapsToProviderTimeoutWithUnknownOutcome() {
    bm.close();
    ProviderConfig config =
        new ProviderConfig(
            "bm",
            "bemmelhor",
            URI.create(server.url("/").toString()),
            Duration.ofSeconds(1),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            Map.of());
    bm = new BemMelhorProviderFactory().create(config, contexts.context("BR"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderTimeoutException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void clickToCallIsNeverResentAfterTheConnectionDrops() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    answer(200, fixture("bemmelhor/call-response.json"));

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void statusIsAskedAgainOnceAfterTheConnectionDrops() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    answer(200, fixture("bemmelhor/status-response.json"));

    assertThat(bm.status("6e1af400b3b7fef7")).isPresent();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void connectionRefusedMapsToProviderUnavailableWithKnownOutcome() {
    server.close();
    reconfigure(Map.of());

    assertThatThrownBy(() -> bm.placeCall(callTo("6005")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
  }

  @Test
  void poolHasNoLeasedConnectionsAfterFailures() throws Exception {
    answer(500, "");
    answer(200, "nope");
    answer(200, "{\"apiStatus\":\"NOPE\"}");
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> bm.placeCall(callTo("6005"))).isInstanceOf(RuntimeException.class);
    }

    assertThat(((BemMelhorProvider) bm).http().poolStats().getLeased()).isZero();
    assertThat(server.takeRequest(1, TimeUnit.SECONDS)).isNotNull();
  }

  // --- configuration

  @Test
  void authHeaderWithoutValueStopsStartupNamingTheMissingKey() {
    assertThatThrownBy(() -> provider(Map.of("auth-header", "X-Api-Key")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.bm.auth-value"));
    assertThatThrownBy(() -> provider(Map.of("auth-value", "secret-value")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("dialbridge.providers.bm.auth-header");
              assertThat(e.getMessage()).doesNotContain("secret-value");
            });
  }

  @Test
  void badHeaderNameStopsStartup() {
    assertThatThrownBy(() -> provider(Map.of("auth-header", "X Api: Key", "auth-value", "v")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.bm.auth-header"));
  }

  @Test
  void unknownHomeRegionStopsStartupNamingTheKey() {
    assertThatThrownBy(() -> provider(Map.of("home-region", "Brasil")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.bm.home-region"));
  }

  @Test
  void prefixesThatAreNotDigitsStopStartupNamingTheKey() {
    assertThatThrownBy(() -> provider(Map.of("dial-prefix", "0,")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.bm.dial-prefix"));
    assertThatThrownBy(() -> provider(Map.of("international-prefix", "+")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.bm.international-prefix"));
  }

  @Test
  void factoryDeclaresItsTypeAndKeys() {
    BemMelhorProviderFactory factory = new BemMelhorProviderFactory();

    assertThat(factory.type()).isEqualTo("bemmelhor");
    assertThat(factory.keys())
        .containsExactlyInAnyOrder(
            "client-id",
            "dial-prefix",
            "international-prefix",
            "auth-header",
            "auth-value",
            "home-region");
    assertThat(bm.type()).isEqualTo("bemmelhor");
    assertThat(bm.name()).isEqualTo("bm");
  }

  // --- status and active call

  @Test
  void statusWithDataNullIsKnownButSaysNothing() throws Exception {
    answer(200, fixture("bemmelhor/status-response.json"));

    Optional<ProviderCallStatus> status = bm.status("6e1af400b3b7fef7");

    assertThat(status).hasValue(ProviderCallStatus.unknown("SUCCESS"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/status/6e1af400b3b7fef7");
  }

  @Test
  void statusWithADispositionEndsTheCall() {
    answer(
        200,
        "{\"apiStatus\":\"SUCCESS\",\"data\":{\"disposition\":\"NO ANSWER\","
            + "\"end\":\"2021-01-06T18:19:10.000+0000\",\"whatever\":[1]}}");

    ProviderCallStatus status = bm.status("x").orElseThrow();

    assertThat(status.status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(status.cause()).isEqualTo(HangupCause.NO_ANSWER);
    assertThat(status.rawState()).isEqualTo("NO ANSWER");
    assertThat(status.endedAt()).isEqualTo(Instant.parse("2021-01-06T18:19:10Z"));
    assertThat(status.answeredAt()).isNull();
  }

  @Test
  void statusOfAnAnsweredCallKeepsItsTimes() {
    answer(
        200,
        "{\"apiStatus\":\"SUCCESS\",\"data\":{\"disposition\":\"ANSWERED\","
            + "\"answer\":\"2021-01-06T18:18:00.000+0000\",\"end\":1609957150000}}");

    ProviderCallStatus status = bm.status("x").orElseThrow();

    assertThat(status.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(status.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(status.answeredAt()).isEqualTo(Instant.parse("2021-01-06T18:18:00Z"));
    assertThat(status.endedAt()).isEqualTo(Instant.ofEpochMilli(1609957150000L));
  }

  @Test
  void statusInProgressIsDialling() {
    answer(200, "{\"apiStatus\":\"SUCCESS\",\"data\":{\"status\":\"IN_PROGRESS\",\"error\":null}}");
    answer(200, "{\"apiStatus\":\"SUCCESS\",\"data\":{\"status\":\"SOMETHING_NEW\"}}");

    assertThat(bm.status("x"))
        .hasValue(new ProviderCallStatus(CallStatus.DIALING, null, "IN_PROGRESS", null, null));
    assertThat(bm.status("x")).hasValue(ProviderCallStatus.unknown("SOMETHING_NEW"));
  }

  @Test
  void statusWithAnErrorIsARejection() {
    answer(200, "{\"apiStatus\":\"NOT_FOUND\",\"data\":null}");

    assertThatThrownBy(() -> bm.status("x"))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> assertThat(e.providerMessage()).hasValue("NOT_FOUND"));
  }

  @Test
  void activeCallReadsTheDocumentedChannel() throws Exception {
    answer(200, fixture("bemmelhor/active-response.json"));

    ActiveCall call = bm.activeCall("6001").orElseThrow();

    assertThat(call)
        .isEqualTo(
            new ActiveCall(
                "1609957242.2",
                "SIP/6001-00000002",
                "UP",
                CallStatus.ANSWERED,
                "6001",
                "SIP/domain-00000003",
                Instant.parse("2021-01-06T18:20:42.206Z")));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/active/6001");
  }

  @Test
  void noActiveCallIsEmpty() {
    answer(
        200,
        "{\"apiStatus\":\"SUCCESS\",\"created\":\"2021-01-06T18:21:36.174+0000\",\"data\":null}");
    answer(200, "{\"apiStatus\":\"SUCCESS\",\"data\":{}}");

    assertThat(bm.activeCall("6001")).isEmpty();
    assertThat(bm.activeCall("6001")).isEmpty();
  }

  @Test
  void activeCallWithAnUnknownStateKeepsTheStateWithoutAStatus() {
    answer(
        200,
        "{\"apiStatus\":\"SUCCESS\",\"data\":{\"id\":\"1.2\",\"name\":null,\"channel\":\"PJSIP/6001"
            + "-1\","
            + "\"state\":\"MUTED\",\"callerId\":null,\"dateOfCreation\":\"garbage\"}}");

    ActiveCall call = bm.activeCall("6001").orElseThrow();

    assertThat(call.channel()).isEqualTo("PJSIP/6001-1");
    assertThat(call.state()).isEqualTo("MUTED");
    assertThat(call.status()).isNull();
    assertThat(call.callerIdNumber()).isNull();
    assertThat(call.since()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "DOWN, DIALING",
    "RSRVD, DIALING",
    "OFFHOOK, DIALING",
    "DIALING, DIALING",
    "DIALING_OFFHOOK, DIALING",
    "PRERING, DIALING",
    "RING, RINGING",
    "RINGING, RINGING",
    "UP, ANSWERED",
    "Up, ANSWERED",
    "BUSY, BUSY",
    "HUNGUP,",
    "UNKNOWN,",
    "'',",
  })
  void asteriskChannelStatesMapToCallStatuses(String state, CallStatus expected) {
    assertThat(BemMelhorProvider.channelStatus(state)).isEqualTo(expected);
  }

  @Test
  void hangUpIsUnsupportedAndSendsNothing() {
    assertThat(bm.capabilities().hangUp()).isFalse();
    assertThat(bm.capabilities().placeCall()).isTrue();
    assertThat(bm.capabilities().status()).isTrue();
    assertThat(bm.capabilities().activeCall()).isTrue();
    assertThat(bm.capabilities().webhookEvents())
        .containsExactlyInAnyOrder(EventType.DIALING, EventType.HANGUP);

    assertThatThrownBy(() -> bm.hangUp(new HangupRequest("9cb60bfe8dfb200f", List.of(), "6001")))
        .isInstanceOfSatisfying(
            ProviderUnsupportedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("hangup_unsupported");
              assertThat(e.operation()).isEqualTo("hangUp");
            });
    assertThat(server.getRequestCount()).isZero();
  }

  // --- webhooks

  @Test
  void dialingWebhookIsADialingEvent() {
    String body = fixture("bemmelhor/webhook-call-dialing.json");

    assertThat(webhook(body))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.DIALING);
              assertThat(e.status()).isEqualTo(CallStatus.DIALING);
              assertThat(e.cause()).isNull();
              assertThat(e.providerCallId()).isEqualTo("6583e35aca21ad97");
              assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochMilli(1613584017387L));
              assertThat(e.eventKey()).isEqualTo("call.dialing|6583e35aca21ad97|1613584017387");
              assertThat(e.number()).isEqualTo("9999");
              assertThat(e.agentExtension()).isEqualTo("6005");
              assertThat(e.payload()).isEqualTo(body);
            });
  }

  @Test
  void dialingWebhookReadsTheDialledNumberBackAsE164() {
    String body =
        "{\"event\":\"call.dialing\",\"data\":{\"created\":1613584017387,\"from\":\"6001\","
            + "\"to\":\"032999999999\",\"callId\":\"c1\"}}";
    String abroad = body.replace("032999999999", "0005115551234");
    String garbage = body.replace("032999999999", "SIP/trunk");

    assertThat(webhook(body).get(0).number()).isEqualTo("+5532999999999");
    assertThat(webhook(abroad).get(0).number()).isEqualTo("+5115551234");
    assertThat(webhook(garbage).get(0).number()).isNull();
  }

  @Test
  void hangupWebhookEndsTheCallAndNeverTakesHForANumber() {
    String body = fixture("bemmelhor/webhook-call-hangup.json");

    assertThat(webhook(body))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.HANGUP);
              assertThat(e.status()).isEqualTo(CallStatus.COMPLETED);
              assertThat(e.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
              assertThat(e.rawCause()).isEqualTo("ANSWERED");
              assertThat(e.providerCallId()).isEqualTo("faf38b96c58194c5");
              assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochMilli(1613583875286L));
              assertThat(e.eventKey()).isEqualTo("call.hangup|faf38b96c58194c5|1613583875286");
              assertThat(e.number()).isNull();
              assertThat(e.agentExtension()).isEqualTo("6005");
            });
  }

  @ParameterizedTest
  @CsvSource({
    "ANSWERED, COMPLETED, NORMAL_CLEARING",
    "NO ANSWER, NO_ANSWER, NO_ANSWER",
    "BUSY, BUSY, BUSY",
    "FAILED, FAILED, PROVIDER_ERROR",
    "CONGESTION, FAILED, NETWORK_FAILURE",
    "UNKNOWN, FAILED, PROVIDER_ERROR",
  })
  void hangupDispositionsMapToStatusAndCause(
      String disposition, CallStatus status, HangupCause cause) {
    String body =
        fixture("bemmelhor/webhook-call-hangup.json")
            .replace("\"ANSWERED\"", "\"" + disposition + "\"");

    ProviderEvent event = webhook(body).get(0);

    assertThat(event.status()).isEqualTo(status);
    assertThat(event.cause()).isEqualTo(cause);
    assertThat(event.rawCause()).isEqualTo(disposition);
  }

  @Test
  void hangupWithoutDispositionOrMessageFailsTheCall() {
    String body =
        "{\"event\":\"call.hangup\",\"clientId\":\""
            + CLIENT_ID
            + "\",\"data\":{\"created\":1613583875286,"
            + "\"from\":\"6005\",\"to\":\"h\",\"callId\":\"faf38b96c58194c5\"}}";

    ProviderEvent event = webhook(body).get(0);

    assertThat(event.status()).isEqualTo(CallStatus.FAILED);
    assertThat(event.cause()).isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(event.rawCause()).isNull();
    assertThat(event.number()).isNull();
  }

  @Test
  void hangupWithAnErrorButNoDispositionKeepsTheErrorAsRawCause() {
    String body =
        fixture("bemmelhor/webhook-call-hangup.json")
            .replace("\"disposition\": \"ANSWERED\"", "\"disposition\": null")
            .replace("\"error\": null", "\"error\": \"Canal indisponível\"");

    ProviderEvent event = webhook(body).get(0);

    assertThat(event.cause()).isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(event.rawCause()).isEqualTo("Canal indisponível");
  }

  @Test
  void unknownExtraFieldsAreIgnored() {
    String body =
        fixture("bemmelhor/webhook-call-dialing.json")
            .replace(
                "\"data\": {",
                "\"tenant\": {\"id\": 7}, \"data\": {\"uniqueid\": \"1613584017.12\", \"tags\": [1,"
                    + " 2], ");

    assertThat(webhook(body))
        .singleElement()
        .satisfies(e -> assertThat(e.providerCallId()).isEqualTo("6583e35aca21ad97"));
  }

  @Test
  void missingCreatedLeavesTheTimeUnknownButTheKeyStable() {
    String body = "{\"event\":\"call.dialing\",\"data\":{\"callId\":\"c1\",\"to\":\"h\"}}";

    ProviderEvent event = webhook(body).get(0);

    assertThat(event.occurredAt()).isNull();
    assertThat(event.eventKey()).isEqualTo("call.dialing|c1|");
    assertThat(event.number()).isNull();
    assertThat(webhook(body).get(0).eventKey()).isEqualTo(event.eventKey());
  }

  @Test
  void unknownCallEventIsStoredAsOther() {
    String body =
        fixture("bemmelhor/webhook-call-dialing.json").replace("call.dialing", "call.transfer");

    assertThat(webhook(body))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.OTHER);
              assertThat(e.status()).isNull();
              assertThat(e.providerCallId()).isEqualTo("6583e35aca21ad97");
              assertThat(e.eventKey()).isEqualTo("call.transfer|6583e35aca21ad97|1613584017387");
            });
  }

  @Test
  void matchingClientIdIsAcceptedWhateverItsCase() {
    reconfigure(Map.of("client-id", CLIENT_ID.toUpperCase()));

    assertThat(webhook(fixture("bemmelhor/webhook-call-hangup.json"))).hasSize(1);
  }

  @Test
  void wrongOrMissingClientIdIsRefusedWhenConfigured() {
    reconfigure(Map.of("client-id", "11111111-2222-3333-4444-555555555555"));
    String wrong = fixture("bemmelhor/webhook-call-dialing.json");
    String missing = wrong.replace("\"clientId\": \"" + CLIENT_ID + "\",", "");
    String notText = wrong.replace("\"" + CLIENT_ID + "\"", "{\"id\": 1}");

    assertThatThrownBy(() -> webhook(wrong))
        .isInstanceOf(WebhookAuthenticationException.class)
        .hasMessageNotContaining("11111111");
    assertThat(missing).doesNotContain("clientId");
    assertThatThrownBy(() -> webhook(missing)).isInstanceOf(WebhookAuthenticationException.class);
    assertThatThrownBy(() -> webhook(notText)).isInstanceOf(WebhookAuthenticationException.class);
  }

  @Test
  void anyClientIdIsAcceptedWhenNoneIsConfigured() {
    String other =
        fixture("bemmelhor/webhook-call-dialing.json").replace(CLIENT_ID, "someone-else");

    assertThat(webhook(other)).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"event\":\"call.hangup\",\"data\":{\"created\":1,\"disposition\":\"BUSY\"}}             "
            + "     | data.callId",
        "{\"event\":\"call.hangup\",\"data\":{\"callId\":null}}                                    "
            + "      | data.callId",
        "{\"event\":\"call.hangup\",\"data\":{\"callId\":{\"id\":1}}}                              "
            + "       | data.callId",
        "{\"clientId\":\"x\",\"data\":{\"callId\":\"c1\"}}                                         "
            + "      | event",
        "{\"event\":\"\",\"data\":{\"callId\":\"c1\"}}                                             "
            + "      | event",
        "{\"event\":[\"call.hangup\"],\"data\":{\"callId\":\"c1\"}}                                "
            + "      | event",
        "{\"event\":\"call.hangup\"}                                                               "
            + "      | data",
        "{\"event\":\"call.hangup\",\"data\":null}                                                 "
            + "      | data",
        "{\"event\":\"call.hangup\",\"data\":\"faf38b96c58194c5\"}                                 "
            + "       | data",
        "{\"event\":\"call.hangup\",\"data\":[]}                                                   "
            + "      | data",
      })
  void badBodiesAreParseErrorsNamingTheField(String body, String field) {
    assertThatThrownBy(() -> webhook(body))
        .isInstanceOfSatisfying(
            WebhookParseException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "[]",
        "\"call.hangup\"",
        "event=call.hangup&callId=c1",
        "{\"event\":",
        "{ event: 'call.dialing' }"
      })
  void bodiesThatAreNotJsonObjectsAreParseErrors(String body) {
    assertThatThrownBy(() -> webhook(body)).isInstanceOf(WebhookParseException.class);
    assertThatThrownBy(
            () ->
                bm.webhookParser()
                    .parse(
                        new WebhookRequest(
                            "text/plain", body.getBytes(StandardCharsets.UTF_8), Map.of())))
        .isInstanceOf(WebhookParseException.class);
  }

  @Test
  void jsonLabelledAsPlainTextIsStillRead() {
    byte[] body = fixture("bemmelhor/webhook-call-hangup.json").getBytes(StandardCharsets.UTF_8);

    List<ProviderEvent> events =
        bm.webhookParser().parse(new WebhookRequest("text/plain; charset=utf-8", body, Map.of()));

    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(EventType.HANGUP));
  }
}
