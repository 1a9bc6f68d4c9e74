package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.error.AgentBusyException;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.InvalidNumberException;
import org.dialbridge.core.error.NumberNotAllowedException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.error.ProviderUnsupportedException;
import org.dialbridge.core.error.RateLimitedException;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.core.webhook.WebhookAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The facade end to end: a real store, C3 and BemMelhor adapters on loopback HTTP. */
@ParameterizedClass(name = "{0}")
@EnumSource(Databases.Kind.class)
class DialbridgeTest {
  private static final Actor ANA = Actor.user("ana");
  private static final Actor BRUNO = Actor.user("bruno");
  private static final Actor CARLA = Actor.user("carla");
  private static final Actor ZOE = Actor.user("zoe");
  private static final Actor ADMIN = Actor.admin("admin");

  @Parameter Databases.Kind kind;

  private final MockWebServer c3 = new MockWebServer();
  private final MockWebServer bemmelhor = new MockWebServer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
  private final List<Call> heard = new CopyOnWriteArrayList<>();
  private final List<Dialbridge> opened = new ArrayList<>();
  private DataSource dataSource;
  private Dialbridge dialbridge;

  @BeforeEach
  void start() throws Exception {
    c3.start();
    bemmelhor.start();
    dataSource = Databases.fresh(kind);
    dialbridge = open(Map.of());
  }

  @AfterEach
  void stop() {
    opened.forEach(Dialbridge::close);
    c3.close();
    bemmelhor.close();
  }

  private Dialbridge open(Map<String, String> overrides) {
    DialbridgeConfig config =
        TestConfig.region("PE")
            .defaultProvider("c3")
            .set("dialbridge.dial.allowed-regions", "PE,BR")
            .set("dialbridge.dial.rate-limit", "3/1m")
            .provider("c3", "c3", c3.url("/").toString())
            .token("c3", "t0k3n")
            .webhookToken("c3", "wh")
            .provider("bm", "bemmelhor", bemmelhor.url("/").toString())
            .agent("ana", "6001")
            .agent("bruno", "6002")
            .agent("carla", "7001", "bm")
            .setAll(overrides)
            .parse();
    Dialbridge d =
        Dialbridge.builder(config)
            .clock(clock)
            .dataSource(dataSource)
            .watchPollInterval(Duration.ofMillis(50))
            .listener((call, event) -> heard.add(call))
            .contactDirectory(
                e164 -> e164.equals("+5115550000") ? List.of("contact-of-5550000") : List.of())
            .build();
    opened.add(d);
    return d;
  }

  private void c3Answers(String actionId) {
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"message\":\"ok\",\"data\":{\"actionid\":\"" + actionId + "\"}}")
            .build());
  }

  /** Delivers a webhook and waits for the inbox's applier to move its call. */
  private Delivery webhook(String provider, String json) {
    Delivery delivery = dialbridge.ingestWithoutVerification(provider, WebhookRequest.json(json));
    assertThat(dialbridge.awaitInboxApplied(Duration.ofSeconds(10))).isTrue();
    return delivery;
  }

  @Test
  void placeCallRecordsTheCallAndStoresTheProvidersId() throws Exception {
    c3Answers("api_1");

    Call call = dialbridge.placeCall(ANA, PlaceCall.to("42", "01 555 1234"));

    assertThat(call.status()).isEqualTo(CallStatus.DIALING);
    assertThat(call.providerCallId()).isEqualTo("api_1");
    assertThat(call.contactId()).isEqualTo("42");
    assertThat(call.agent()).isEqualTo("ana");
    assertThat(call.to()).isEqualTo("+5115551234");
    assertThat(dialbridge.events(call.id()))
        .extracting(CallEvent::type)
        .containsExactly(EventType.PLACED);
    assertThat(c3.takeRequest().getBody().utf8())
        .contains("\"agent\":\"6001\"", "\"phone\":\"+5115551234\"");
  }

  @Test
  void aWebhookThatBeatsTheProvidersAnswerEndsUpOnTheCall() throws Exception {
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .headersDelay(400, TimeUnit.MILLISECONDS)
            .body("{\"data\":{\"actionid\":\"api_fast\"}}")
            .build());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Call> placing =
          pool.submit(() -> dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234")));
      c3.takeRequest(2, TimeUnit.SECONDS);
      webhook(
          "c3",
          "{\"event\":\"answered\",\"callId\":\"api_fast\",\"time\":\"2026-11-23T12:00:03Z\"}");

      Call call = placing.get(5, TimeUnit.SECONDS);

      assertThat(call.status()).isEqualTo(CallStatus.ANSWERED);
      assertThat(dialbridge.events(call.id()))
          .extracting(CallEvent::type)
          .containsExactly(EventType.PLACED, EventType.ANSWERED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void webhooksMoveTheCallAndListenersHearEachChangeOnce() {
    c3Answers("api_2");
    Call call = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    heard.clear();

    webhook("c3", "{\"event\":\"ringing\",\"callId\":\"api_2\",\"time\":\"2026-11-23T12:00:01Z\"}");
    webhook(
        "c3", "{\"event\":\"answered\",\"callId\":\"api_2\",\"time\":\"2026-11-23T12:00:05Z\"}");
    webhook(
        "c3", "{\"event\":\"answered\",\"callId\":\"api_2\",\"time\":\"2026-11-23T12:00:05Z\"}");
    Delivery last =
        webhook(
            "c3",
            "{\"event\":\"hangup\",\"callId\":\"api_2\",\"cause\":\"NORMAL_CLEARING\",\"time\":\"20"
                + "26-11-23T12:01:05Z\"}");

    assertThat(last).isEqualTo(new Delivery(1, 0));
    Call ended = dialbridge.call(call.id());
    assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(ended.durationSeconds()).isEqualTo(60);
    assertThat(heard)
        .extracting(Call::status)
        .containsExactly(CallStatus.RINGING, CallStatus.ANSWERED, CallStatus.COMPLETED);
  }

  @Test
  void aDuplicateDeliveryIsReportedAndStoresNothing() {
    c3Answers("api_3");
    dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    String body =
        "{\"event\":\"hangup\",\"callId\":\"api_3\",\"cause\":\"USER_BUSY\",\"eventId\":\"e-1\"}";

    assertThat(webhook("c3", body)).isEqualTo(new Delivery(1, 0));
    assertThat(webhook("c3", body)).isEqualTo(new Delivery(0, 1));
  }

  @Test
  void aBodyThatDoesNotFitStoresNothing() {
    assertThatThrownBy(() -> webhook("c3", "{\"event\":\"answered\"}"))
        .isInstanceOfSatisfying(
            WebhookParseException.class, e -> assertThat(e.field()).isEqualTo("callId"));
    assertThat(dialbridge.history(ADMIN, "42", null, 10).calls()).isEmpty();
  }

  @Test
  void aWebhookOfOneProviderNeverMovesAnotherProvidersCall() throws Exception {
    try (MockWebServer bandwidth = new MockWebServer()) {
      bandwidth.start();
      Dialbridge d =
          open(
              Map.of(
                  "dialbridge.providers.bw.type",
                  "bandwidth",
                  "dialbridge.providers.bw.base-url",
                  bandwidth.url("/v1").toString(),
                  "dialbridge.providers.bw.user-id",
                  "u-1",
                  "dialbridge.providers.bw.api-token",
                  "t",
                  "dialbridge.providers.bw.api-secret",
                  "s",
                  "dialbridge.providers.bw.from-number",
                  "+19195551212",
                  "dialbridge.providers.bw.callback-url",
                  "https://hook:pw@crm.example.com/crm/dialbridge/webhooks/bw"));
      c3Answers("api_c3only");
      Call c3Call = d.placeCall(ANA, PlaceCall.to("42", "015551234"));

      d.ingestWithoutVerification(
          "bw",
          WebhookRequest.json(
              "{\"eventType\":\"answer\",\"callId\":\"c-forged\",\"tag\":\""
                  + c3Call.id()
                  + "\",\"time\":\"2026-11-23T12:00:02Z\"}"));
      d.ingestWithoutVerification(
          "bw",
          WebhookRequest.json(
              "{\"eventType\":\"hangup\",\"callId\":\"c-forged\",\"tag\":\""
                  + c3Call.id()
                  + "\",\"cause\":\"NORMAL_CLEARING\",\"time\":\"2026-11-23T12:00:09Z\"}"));

      assertThat(d.call(c3Call.id()).status()).isEqualTo(CallStatus.DIALING);
      assertThat(d.events(c3Call.id()))
          .extracting(CallEvent::type)
          .containsExactly(EventType.PLACED);
      assertThat(bandwidth.getRequestCount()).isZero();
    }
  }

  @Test
  void aContactIdTooLongForTheStoreIsAnInvalidRequestNamingIt() {
    assertThatThrownBy(() -> dialbridge.placeCall(ANA, PlaceCall.to("c".repeat(129), "015551234")))
        .isInstanceOfSatisfying(
            DialbridgeException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_request");
              assertThat(e.getMessage()).contains("contactId", "128");
            });
    assertThat(c3.getRequestCount()).isZero();
  }

  @Test
  void aWebhookFieldTooLongForTheStoreIsUnparseableNamingIt() {
    assertThatThrownBy(
            () -> webhook("c3", "{\"event\":\"answered\",\"callId\":\"" + "x".repeat(129) + "\"}"))
        .isInstanceOfSatisfying(
            WebhookParseException.class, e -> assertThat(e.field()).isEqualTo("callId"));
    assertThat(
            webhook("c3", "{\"event\":\"answered\",\"callId\":\"" + "x".repeat(128) + "\"}")
                .stored())
        .isEqualTo(1);
  }

  @Test
  void anUnknownProviderNameIsNotFound() {
    assertThatThrownBy(() -> webhook("nope", "{}"))
        .isInstanceOfSatisfying(
            DialbridgeException.class, e -> assertThat(e.code()).isEqualTo("provider_not_found"));
  }

  @Test
  void anEventOfACallTheCrmDidNotPlaceIsLinkedToItsContactByNumber() {
    webhook(
        "bm",
        "{\"event\":\"call.dialing\",\"clientId\":\"x\",\"data\":{\"created\":1763899200000,"
            + "\"from\":\"7009\",\"to\":\"0005115550000\",\"callId\":\"ext-1\"}}");

    assertThat(dialbridge.history(ADMIN, "contact-of-5550000", null, 10).calls())
        .singleElement()
        .satisfies(c -> assertThat(c.providerCallId()).isEqualTo("ext-1"));
  }

  @Test
  void anAgentWithoutExtensionCannotDial() {
    assertThatThrownBy(() -> dialbridge.placeCall(ZOE, PlaceCall.to("42", "015551234")))
        .isInstanceOfSatisfying(
            DialbridgeException.class, e -> assertThat(e.code()).isEqualTo("agent_not_mapped"));
    assertThat(c3.getRequestCount()).isZero();
  }

  @Test
  void badNumbersAndRefusedNumbersNeverReachTheProvider() {
    assertThatThrownBy(() -> dialbridge.placeCall(ANA, PlaceCall.to("42", "01-555-CALL")))
        .isInstanceOf(InvalidNumberException.class);
    assertThatThrownBy(() -> dialbridge.placeCall(ANA, PlaceCall.to("42", "+1 415 555 2671")))
        .isInstanceOfSatisfying(
            NumberNotAllowedException.class, e -> assertThat(e.reason()).contains("US"));
    assertThatThrownBy(() -> dialbridge.placeCall(ANA, PlaceCall.to("42", "105")))
        .isInstanceOfSatisfying(
            NumberNotAllowedException.class, e -> assertThat(e.reason()).contains("emergency"));
    assertThat(c3.getRequestCount()).isZero();
    assertThat(dialbridge.history(ADMIN, "42", null, 10).calls()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"190", "192", "193", "128", "911", "112", "105"})
  void emergencyNumbersOfEveryAllowedRegionAreRefused(String number) {
    Dialbridge d = open(Map.of("dialbridge.dial.allowed-regions", "PE,BR,US"));

    assertThatThrownBy(() -> d.placeCall(ANA, PlaceCall.to("42", number)))
        .isInstanceOfSatisfying(
            NumberNotAllowedException.class, e -> assertThat(e.reason()).contains("emergency"));
    assertThat(c3.getRequestCount()).isZero();
  }

  /** BR's 199 (civil defence) is a public short code to libphonenumber, not an emergency number. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"102", "411", "199"})
  void publicShortCodesOfEveryAllowedRegionAreRefused(String number) {
    Dialbridge d = open(Map.of("dialbridge.dial.allowed-regions", "PE,BR,US"));

    assertThatThrownBy(() -> d.placeCall(ANA, PlaceCall.to("42", number)))
        .isInstanceOfSatisfying(
            NumberNotAllowedException.class, e -> assertThat(e.reason()).contains("short code"));
    assertThat(c3.getRequestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0190", "0911", "0112"})
  void theOutsideLineDigitDoesNotHideAnEmergencyNumber(String number) {
    Dialbridge d = open(Map.of("dialbridge.dial.allowed-regions", "PE,BR,US"));

    assertThatThrownBy(() -> d.placeCall(CARLA, PlaceCall.to("42", number)))
        .isInstanceOfSatisfying(
            NumberNotAllowedException.class, e -> assertThat(e.reason()).contains("emergency"));
    assertThat(bemmelhor.getRequestCount()).isZero();
  }

  @Test
  void extensionsAndConfiguredAgentExtensionsStayDialable() {
    Dialbridge d =
        open(
            Map.of(
                "dialbridge.dial.allowed-regions",
                "PE,BR,US",
                "dialbridge.agents.dora.extension",
                "411",
                "dialbridge.dial.one-live-call",
                "false"));
    c3Answers("api_ext1");
    c3Answers("api_ext2");
    bemmelhor.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(
                "{\"apiStatus\":\"CONECTION_OK\",\"data\":"
                    + "{\"callId\":\"bm-ext\",\"error\":null}}")
            .build());

    assertThat(d.placeCall(ANA, PlaceCall.to("42", "6002")).to()).isEqualTo("6002");
    assertThat(d.placeCall(ANA, PlaceCall.to("42", "411")).to()).isEqualTo("411");
    assertThat(d.placeCall(CARLA, PlaceCall.to("42", "06002")).to()).isEqualTo("06002");
  }

  @Test
  void theRateLimitRefusesTheFourthCallWithARetryTime() {
    for (int i = 0; i < 3; i++) {
      c3Answers("api_r" + i);
      dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
      webhook("c3", "{\"event\":\"hangup\",\"callId\":\"api_r" + i + "\",\"cause\":\"USER_BUSY\"}");
    }
    clock.advance(Duration.ofSeconds(20));

    assertThatThrownBy(() -> dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234")))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(40)));
    assertThat(c3.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aSecondCallWhileTheAgentIsOnALiveCallIsRefusedNamingThatCall() {
    c3Answers("api_live");
    Call live = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));

    assertThatThrownBy(() -> dialbridge.placeCall(ANA, new PlaceCall("43", "015551235", "bm")))
        .isInstanceOfSatisfying(
            AgentBusyException.class,
            e -> {
              assertThat(e.code()).isEqualTo("agent_busy");
              assertThat(e.liveCall().id()).isEqualTo(live.id());
            });
    assertThat(dialbridge.liveCall(ANA)).map(Call::id).hasValue(live.id());
    assertThat(c3.getRequestCount()).isEqualTo(1);
    assertThat(bemmelhor.getRequestCount()).isZero();
  }

  @Test
  void afterTheLiveCallEndsTheAgentMayCallAgain() {
    c3Answers("api_end1");
    dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    webhook("c3", "{\"event\":\"hangup\",\"callId\":\"api_end1\",\"cause\":\"NORMAL_CLEARING\"}");
    c3Answers("api_end2");

    assertThat(dialbridge.liveCall(ANA)).isEmpty();
    assertThat(dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234")).providerCallId())
        .isEqualTo("api_end2");
  }

  @Test
  void aCallTheProviderAcceptedToHangUpNoLongerHoldsTheAgent() {
    c3Answers("api_hung");
    Call call = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"api_hung\"}}")
            .build());
    dialbridge.hangUp(ANA, call.id());
    c3Answers("api_after_hangup");

    assertThat(dialbridge.liveCall(ANA)).isEmpty();
    assertThat(dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234")).providerCallId())
        .isEqualTo("api_after_hangup");
  }

  @Test
  void withOneLiveCallTurnedOffAnAgentMayPlaceSeveral() {
    Dialbridge relaxed = open(Map.of("dialbridge.dial.one-live-call", "false"));
    c3Answers("api_many1");
    c3Answers("api_many2");

    relaxed.placeCall(ANA, PlaceCall.to("42", "015551234"));

    assertThat(relaxed.placeCall(ANA, PlaceCall.to("42", "015551234")).providerCallId())
        .isEqualTo("api_many2");
  }

  @Test
  void aRejectedOriginationEndsTheCallFailedWithTheProvidersWords() {
    c3.enqueue(
        new MockResponse.Builder()
            .code(422)
            .body("{\"message\":\"Agente no disponible\"}")
            .build());

    assertThatThrownBy(() -> dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234")))
        .isInstanceOf(ProviderRejectedException.class);

    Call call = dialbridge.history(ADMIN, "42", null, 1).calls().get(0);
    assertThat(call.status()).isEqualTo(CallStatus.FAILED);
    assertThat(call.cause()).isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(call.rawCause()).contains("Agente no disponible");
  }

  @Test
  void anOriginationWithUnknownOutcomeIsLeftForTheReconciler() {
    c3.enqueue(new MockResponse.Builder().code(500).body("oops").build());

    assertThatThrownBy(() -> dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue());

    Call call = dialbridge.history(ADMIN, "42", null, 1).calls().get(0);
    assertThat(call.status()).isEqualTo(CallStatus.DIALING);
    assertThat(dialbridge.events(call.id()))
        .extracting(CallEvent::rawCause)
        .anySatisfy(raw -> assertThat(raw).startsWith("origination_outcome_unknown"));
    assertThat(c3.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAgentHangsUpTheirOwnLiveCall() throws Exception {
    c3Answers("api_h");
    Call call = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    c3.takeRequest();
    c3.enqueue(
        new MockResponse.Builder().code(200).body("{\"data\":{\"actionid\":\"api_h\"}}").build());

    dialbridge.hangUp(ANA, call.id());

    assertThat(c3.takeRequest().getBody().utf8()).isEqualTo("{\"actionid\":\"api_h\"}");
    assertThat(dialbridge.events(call.id()))
        .extracting(CallEvent::type)
        .contains(EventType.HANGUP_REQUESTED);
  }

  @Test
  void anotherAgentsCallCannotBeHungUpExceptByAnAdmin() {
    c3Answers("api_o");
    Call call = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    c3.enqueue(new MockResponse.Builder().code(200).body("{}").build());

    assertThatThrownBy(() -> dialbridge.hangUp(BRUNO, call.id()))
        .isInstanceOfSatisfying(
            DialbridgeException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
    dialbridge.hangUp(ADMIN, call.id());
    assertThat(c3.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anEndedCallCannotBeHungUp() {
    c3Answers("api_e");
    Call call = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    webhook("c3", "{\"event\":\"hangup\",\"callId\":\"api_e\",\"cause\":\"NO_ANSWER\"}");

    assertThatThrownBy(() -> dialbridge.hangUp(ANA, call.id()))
        .isInstanceOfSatisfying(
            DialbridgeException.class, e -> assertThat(e.code()).isEqualTo("call_already_ended"));
  }

  @Test
  void bemMelhorCannotHangUp() {
    bemmelhor.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(
                "{\"apiStatus\":\"CONECTION_OK\",\"data\":"
                    + "{\"callId\":\"bm-1\",\"error\":null}}")
            .build());
    Call call = dialbridge.placeCall(CARLA, PlaceCall.to("42", "+55 32 99999-9999"));

    assertThatThrownBy(() -> dialbridge.hangUp(CARLA, call.id()))
        .isInstanceOfSatisfying(
            ProviderUnsupportedException.class,
            e -> assertThat(e.code()).isEqualTo("hangup_unsupported"));
  }

  @Test
  void ingestAuthenticatesTheDeliveryBeforeStoringIt() {
    c3Answers("api_auth");
    Call call = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    String body = "{\"event\":\"answered\",\"callId\":\"api_auth\"}";

    assertThatThrownBy(() -> dialbridge.ingest("c3", WebhookRequest.json(body)))
        .isInstanceOf(WebhookAuthenticationException.class);
    assertThatThrownBy(() -> dialbridge.ingest("c3", WebhookRequest.json(body), "wrong"))
        .isInstanceOf(WebhookAuthenticationException.class);
    assertThat(dialbridge.call(call.id()).status()).isEqualTo(CallStatus.DIALING);

    WebhookRequest withHeader =
        new WebhookRequest(
            "application/json",
            body.getBytes(StandardCharsets.UTF_8),
            Map.of(WebhookAuthenticator.TOKEN_HEADER, List.of("wh")));
    assertThat(dialbridge.ingest("c3", withHeader).stored()).isEqualTo(1);
    assertThat(dialbridge.ingest("c3", WebhookRequest.json(body), "wh").duplicates()).isEqualTo(1);
    assertThat(dialbridge.awaitInboxApplied(Duration.ofSeconds(10))).isTrue();
    assertThat(dialbridge.call(call.id()).status()).isEqualTo(CallStatus.ANSWERED);
  }

  @Test
  void aProviderWithoutWebhookAuthenticationHasEveryDeliveryRefused() {
    assertThatThrownBy(
            () ->
                dialbridge.ingest(
                    "bm", WebhookRequest.json("{\"event\":\"answered\",\"callId\":\"x\"}")))
        .isInstanceOf(WebhookAuthenticationException.class);
    assertThatThrownBy(() -> dialbridge.ingest("nope", WebhookRequest.json("{}")))
        .isInstanceOfSatisfying(
            DialbridgeException.class, e -> assertThat(e.code()).isEqualTo("provider_not_found"));
  }

  @Test
  void withHistoryOwnAnAgentReadsOnlyTheirOwnCalls() {
    Dialbridge own = open(Map.of("dialbridge.security.history", "own"));
    c3Answers("api_own");
    Call call = own.placeCall(ANA, PlaceCall.to("42", "015551234"));

    assertThat(own.call(ANA, call.id()).id()).isEqualTo(call.id());
    assertThat(own.call(ADMIN, call.id()).id()).isEqualTo(call.id());
    assertThatThrownBy(() -> own.call(BRUNO, call.id()))
        .isInstanceOfSatisfying(
            DialbridgeException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
    assertThat(own.history(BRUNO, "42", null, 10).calls()).isEmpty();
    assertThat(own.history(ANA, "42", null, 10).calls()).hasSize(1);
    assertThat(own.history(ADMIN, "42", "", 10).calls()).hasSize(1);
    assertThat(dialbridge.call(BRUNO, call.id()).id()).isEqualTo(call.id());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, 101})
  void aHistoryPageHoldsOneToAHundredCalls(int limit) {
    assertThatThrownBy(() -> dialbridge.history(ANA, "42", null, limit))
        .isInstanceOfSatisfying(
            DialbridgeException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_request");
              assertThat(e.getMessage()).isEqualTo("limit must be a number from 1 to 100.");
            });
    assertThat(dialbridge.history(ANA, "42", null, 100).calls()).isEmpty();
  }

  @Test
  void providersAreDescribedNotHandedOut() {
    assertThat(dialbridge.providers())
        .extracting(
            ProviderDescription::name, ProviderDescription::type, ProviderDescription::label)
        .containsExactlyInAnyOrder(tuple("c3", "c3", "C3"), tuple("bm", "bemmelhor", "BemMelhor"));
    assertThat(dialbridge.provider("bm").capabilities().hangUp()).isFalse();
    assertThatThrownBy(() -> dialbridge.provider("nope"))
        .isInstanceOfSatisfying(
            DialbridgeException.class, e -> assertThat(e.code()).isEqualTo("provider_not_found"));
    assertThat(dialbridge.health().storeUp()).isTrue();
    assertThat(dialbridge.health().providersUp()).containsOnlyKeys("c3", "bm");
  }

  @Test
  void unknownCallIsNotFound() {
    assertThatThrownBy(() -> dialbridge.call("nope"))
        .isInstanceOfSatisfying(
            DialbridgeException.class, e -> assertThat(e.code()).isEqualTo("call_not_found"));
  }

  @Test
  void theReconcilerClosesStuckCallsOnceEvenWithTwoNodes() {
    c3Answers("api_s1");
    Call stuck = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    clock.advance(Duration.ofHours(1));
    c3Answers("api_s2");
    Call recent = dialbridge.placeCall(BRUNO, PlaceCall.to("42", "015551234"));
    clock.advance(Duration.ofMinutes(61));
    Dialbridge otherNode = open(Map.of());

    int closed = dialbridge.reconcile() + otherNode.reconcile();

    assertThat(closed).isEqualTo(1);
    Call after = dialbridge.call(stuck.id());
    assertThat(after.status()).isEqualTo(CallStatus.FAILED);
    assertThat(after.cause()).isEqualTo(HangupCause.NO_FINAL_EVENT);
    assertThat(after.rawCause()).isEqualTo("no_final_event");
    assertThat(dialbridge.call(recent.id()).status()).isEqualTo(CallStatus.DIALING);
  }

  @Test
  void theReconcilerAsksAProviderThatHasAStatus() {
    bemmelhor.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(
                "{\"apiStatus\":\"CONECTION_OK\",\"data\":"
                    + "{\"callId\":\"bm-s\",\"error\":null}}")
            .build());
    Call call = dialbridge.placeCall(CARLA, PlaceCall.to("42", "+55 32 99999-9999"));
    bemmelhor.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"apiStatus\":\"SUCCESS\",\"data\":" + "{\"disposition\":\"BUSY\"}}")
            .build());
    clock.advance(Duration.ofHours(3));

    assertThat(dialbridge.reconcile()).isEqualTo(1);

    Call after = dialbridge.call(call.id());
    assertThat(after.status()).isEqualTo(CallStatus.BUSY);
    assertThat(dialbridge.events(call.id()))
        .extracting(CallEvent::type)
        .contains(EventType.STATUS_POLLED);
  }

  @Test
  void aWatcherOnAnotherNodeHearsOfAWebhookStoredHere() throws Exception {
    c3Answers("api_w");
    Call call = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
    Dialbridge otherNode = open(Map.of());
    AtomicReference<Call> seen = new AtomicReference<>();
    try (CallSubscription s = otherNode.watch(call.id(), seen::set)) {
      webhook("c3", "{\"event\":\"answered\",\"callId\":\"api_w\"}");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (seen.get().status() != CallStatus.ANSWERED && System.nanoTime() < deadline)
        Thread.sleep(10);
      assertThat(seen.get().status()).isEqualTo(CallStatus.ANSWERED);
    }
  }

  @Test
  void closeStopsEveryThreadItStarted() throws Exception {
    Dialbridge extra = open(Map.of());
    extra.startReconciler();
    extra.close();
    dialbridge.close();
    opened.clear();

    // a pool reports itself terminated a moment before its last thread has exited
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (dialbridgeThreads() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("dialbridge-"));
  }

  private static long dialbridgeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("dialbridge-"))
        .count();
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
