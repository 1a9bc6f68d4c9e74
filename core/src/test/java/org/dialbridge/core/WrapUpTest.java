package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.DialbridgeTest.MutableClock;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.WrapUpPendingException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.WrapUp;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.CallListener;
import org.dialbridge.core.spi.Disposition;
import org.dialbridge.core.spi.DispositionCatalog;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wrap-up end to end on a real store (H2 and PostgreSQL) with C3 on loopback: the rules of the
 * window, the catalog and callbacks; every save kept as an event; listeners told once per save;
 * mandatory wrap-up under the agent's lock; callbacks listed and followed up.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Databases.Kind.class)
class WrapUpTest {
  private static final Actor ANA = Actor.user("ana");
  private static final Actor BRUNO = Actor.user("bruno");
  private static final Actor ADMIN = Actor.admin("admin");
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @Parameter Databases.Kind kind;

  private final MockWebServer c3 = new MockWebServer();
  private final MutableClock clock = new MutableClock(T0);
  private final List<WrapUp> told = new CopyOnWriteArrayList<>();
  private final List<Dialbridge> opened = new ArrayList<>();
  private DataSource dataSource;
  private Dialbridge dialbridge;
  private int calls;

  @BeforeEach
  void start() throws Exception {
    c3.start();
    dataSource = Databases.fresh(kind);
    dialbridge = open(Map.of());
  }

  @AfterEach
  void stop() {
    opened.forEach(Dialbridge::close);
    c3.close();
  }

  private Dialbridge open(Map<String, String> overrides) {
    return open(overrides, null);
  }

  private Dialbridge open(Map<String, String> overrides, DispositionCatalog catalog) {
    DialbridgeConfig config =
        TestConfig.region("PE")
            .set("dialbridge.dial.rate-limit", "100/1m")
            .provider("c3", "c3", c3.url("/").toString())
            .token("c3", "t0k3n")
            .webhookToken("c3", "wh")
            .agent("ana", "6001")
            .agent("bruno", "6002")
            .setAll(overrides)
            .parse();
    Dialbridge d =
        Dialbridge.builder(config)
            .clock(clock)
            .dataSource(dataSource)
            .dispositionCatalog(catalog)
            .listener(
                new CallListener() {
                  @Override
                  public void onStatusChange(Call call, CallEvent event) {}

                  @Override
                  public void onWrapUp(Call call, WrapUp wrapUp) {
                    told.add(wrapUp);
                  }
                })
            .build();
    opened.add(d);
    return d;
  }

  /** A call of {@code agent} placed now, through C3, to a contact; moved by C3's webhooks. */
  private Call place(Dialbridge d, Actor agent, String followsUp) {
    String id = "api_" + ++calls;
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"message\":\"ok\",\"data\":{\"actionid\":\"" + id + "\"}}")
            .build());
    return d.placeCall(agent, new PlaceCall("42", "015551234", null, followsUp));
  }

  private void event(Call call, String event, String extra) {
    dialbridge.ingestWithoutVerification(
        call.provider(),
        WebhookRequest.json(
            "{\"event\":\""
                + event
                + "\",\"callId\":\""
                + call.providerCallId()
                + "\",\"time\":\""
                + clock.instant()
                + "\""
                + extra
                + "}"));
    assertThat(dialbridge.awaitInboxApplied(Duration.ofSeconds(10))).isTrue();
  }

  private Call answeredAndEnded(Actor agent) {
    Call call = place(dialbridge, agent, null);
    event(call, "answered", "");
    clock.advance(Duration.ofMinutes(3));
    event(call, "hangup", ",\"cause\":\"NORMAL_CLEARING\"");
    return dialbridge.call(call.id());
  }

  private Call busy(Actor agent) {
    Call call = place(dialbridge, agent, null);
    event(call, "hangup", ",\"cause\":\"USER_BUSY\"");
    return dialbridge.call(call.id());
  }

  private static ErrorCode codeOf(Runnable r) {
    try {
      r.run();
    } catch (DialbridgeException e) {
      return e.errorCode();
    }
    throw new AssertionError("no error");
  }

  @Test
  void anAgentRecordsTheOutcomeANoteAndACallbackAndEverySaveIsKept() {
    Call call = answeredAndEnded(ANA);
    Instant callbackAt = T0.plus(Duration.ofDays(1));

    WrapUp first = dialbridge.wrapUp(ANA, call.id(), "connected", "Wants the premium plan", null);
    clock.advance(Duration.ofMinutes(1));
    WrapUp second =
        dialbridge.wrapUp(ANA, call.id(), "callback", "Call after lunch\nask for Rosa", callbackAt);

    assertThat(first.revision()).isEqualTo(1);
    assertThat(second.revision()).isEqualTo(2);
    assertThat(dialbridge.wrapUpOf(call.id())).contains(second);
    assertThat(second.note()).isEqualTo("Call after lunch\nask for Rosa");
    assertThat(second.callbackAt()).isEqualTo(callbackAt);
    assertThat(second.updatedBy()).isEqualTo("ana");
    // C3 keeps no dispositions: nothing was sent, nothing to show
    assertThat(second.provider()).isNull();

    List<CallEvent> changes =
        dialbridge.events(call.id()).stream().filter(e -> e.type() == EventType.WRAP_UP).toList();
    assertThat(changes).hasSize(2);
    var lastChange = Payloads.object(changes.get(1).payload());
    assertThat(lastChange.path("by").asText()).isEqualTo("ana");
    assertThat(lastChange.path("before").path("disposition").asText()).isEqualTo("connected");
    assertThat(lastChange.path("after").path("disposition").asText()).isEqualTo("callback");
    assertThat(Payloads.object(changes.get(0).payload()).path("before").isNull()).isTrue();
    // once per save, after it committed
    assertThat(told).extracting(WrapUp::revision).containsExactly(1, 2);
    // the history shows it, in one read
    assertThat(dialbridge.history(ANA, "42", null, 10).wrapUp(call.id())).isEqualTo(second);
  }

  @Test
  void aNoteCanBeTakenFromTheAnswerButNotWhileTheCallStillRings() {
    Call call = place(dialbridge, ANA, null);

    assertThat(codeOf(() -> dialbridge.wrapUp(ANA, call.id(), null, "hello", null)))
        .isEqualTo(ErrorCode.WRAP_UP_NOT_OPEN);

    event(call, "answered", "");
    WrapUp note = dialbridge.wrapUp(ANA, call.id(), null, "  asks about invoices  ", null);
    assertThat(note.note()).isEqualTo("asks about invoices");
    assertThat(note.disposition()).isNull();
  }

  @Test
  void theWindowClosesAfterEditableFor() {
    Call call = answeredAndEnded(ANA);
    clock.advance(Duration.ofMinutes(59));
    dialbridge.wrapUp(ANA, call.id(), "connected", null, null);

    clock.advance(Duration.ofMinutes(2));
    assertThat(codeOf(() -> dialbridge.wrapUp(ANA, call.id(), "left-voicemail", null, null)))
        .isEqualTo(ErrorCode.WRAP_UP_CLOSED);
    assertThat(dialbridge.wrapUpOf(call.id()).orElseThrow().disposition()).isEqualTo("connected");
  }

  @Test
  void eachBadRequestHasItsOwnCodeAndChangesNothing() {
    Call answered = answeredAndEnded(ANA);
    Call busy = busy(ANA);

    assertThat(codeOf(() -> dialbridge.wrapUp(ANA, answered.id(), "sold", null, null)))
        .isEqualTo(ErrorCode.UNKNOWN_DISPOSITION);
    assertThat(codeOf(() -> dialbridge.wrapUp(ANA, busy.id(), "connected", null, null)))
        .isEqualTo(ErrorCode.DISPOSITION_NOT_OFFERED);
    assertThat(codeOf(() -> dialbridge.wrapUp(ANA, answered.id(), "callback", null, null)))
        .isEqualTo(ErrorCode.CALLBACK_TIME_REQUIRED);
    assertThat(
            codeOf(
                () ->
                    dialbridge.wrapUp(
                        ANA, answered.id(), "callback", null, T0.minus(Duration.ofHours(1)))))
        .isEqualTo(ErrorCode.CALLBACK_TIME_IN_PAST);
    assertThat(codeOf(() -> dialbridge.wrapUp(ANA, answered.id(), null, "x".repeat(2001), null)))
        .isEqualTo(ErrorCode.NOTE_TOO_LONG);
    assertThat(codeOf(() -> dialbridge.wrapUp(BRUNO, answered.id(), "connected", null, null)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(codeOf(() -> dialbridge.wrapUp(ANA, "no-such-call", "connected", null, null)))
        .isEqualTo(ErrorCode.CALL_NOT_FOUND);

    assertThat(dialbridge.wrapUpOf(answered.id())).isEmpty();
    assertThat(dialbridge.wrapUpOf(busy.id())).isEmpty();
    assertThat(told).isEmpty();
    // an administrator may wrap up any agent's call; a busy call may be a callback
    WrapUp byAdmin =
        dialbridge.wrapUp(ADMIN, busy.id(), "no-answer", null, T0.plus(Duration.ofHours(2)));
    assertThat(byAdmin.updatedBy()).isEqualTo("admin");
  }

  @Test
  void callbacksAreListedSoonestFirstAndLeaveTheListWhenACallFollowsThemUp() {
    Call later = answeredAndEnded(ANA);
    Call sooner = busy(ANA);
    Call bruno = answeredAndEnded(BRUNO);
    dialbridge.wrapUp(ANA, later.id(), "callback", null, T0.plus(Duration.ofDays(2)));
    dialbridge.wrapUp(ANA, sooner.id(), "busy", "try the mobile", T0.plus(Duration.ofMinutes(30)));
    dialbridge.wrapUp(BRUNO, bruno.id(), "callback", null, T0.plus(Duration.ofDays(1)));

    clock.advance(Duration.ofHours(1));
    List<Callback> list = dialbridge.callbacks(ANA);
    assertThat(list).extracting(c -> c.call().id()).containsExactly(sooner.id(), later.id());
    assertThat(list).extracting(Callback::due).containsExactly(true, false);

    Call followUp = place(dialbridge, ANA, sooner.id());

    assertThat(dialbridge.wrapUpOf(sooner.id()).orElseThrow().followedUpBy())
        .isEqualTo(followUp.id());
    assertThat(dialbridge.callbacks(ANA))
        .extracting(c -> c.call().id())
        .containsExactly(later.id());
    assertThat(dialbridge.events(followUp.id()).get(0).payload()).contains(sooner.id());
  }

  @Test
  void aCallbackOfACallTheAgentMayNotReadIsRefusedBeforeAnythingIsPlaced() {
    Dialbridge own = open(Map.of("dialbridge.security.history", "own"));
    Call bruno = answeredAndEnded(BRUNO);
    int requests = c3.getRequestCount();

    assertThat(codeOf(() -> own.placeCall(ANA, new PlaceCall("42", "015551234", null, bruno.id()))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(codeOf(() -> own.placeCall(ANA, new PlaceCall("42", "015551234", null, "nope"))))
        .isEqualTo(ErrorCode.CALL_NOT_FOUND);
    assertThat(c3.getRequestCount()).isEqualTo(requests);
  }

  @Test
  void withMandatoryWrapUpTheNextCallWaitsForTheLastAnsweredCallsDisposition() {
    dialbridge = open(Map.of("dialbridge.wrap-up.required", "true"));
    Call first = answeredAndEnded(ANA);
    int requests = c3.getRequestCount();

    assertThatThrownBy(() -> place(dialbridge, ANA, null))
        .isInstanceOfSatisfying(
            WrapUpPendingException.class, e -> assertThat(e.awaiting().id()).isEqualTo(first.id()));
    assertThat(c3.getRequestCount()).isEqualTo(requests);
    assertThat(dialbridge.awaitingWrapUp(ANA).orElseThrow().call().id()).isEqualTo(first.id());
    // a note alone is not a disposition
    dialbridge.wrapUp(ANA, first.id(), null, "noted", null);
    assertThatThrownBy(() -> place(dialbridge, ANA, null))
        .isInstanceOf(WrapUpPendingException.class);
    // other agents are not held up
    place(dialbridge, BRUNO, null);

    dialbridge.wrapUp(ANA, first.id(), "connected", "noted", null);
    assertThat(dialbridge.awaitingWrapUp(ANA)).isEmpty();
    Call next = place(dialbridge, ANA, null);
    assertThat(next.id()).isNotEqualTo(first.id());
  }

  @Test
  void mandatoryWrapUpCountsOnlyAnsweredCallsAndLapsesWithTheWindow() {
    dialbridge = open(Map.of("dialbridge.wrap-up.required", "true"));
    busy(ANA);
    Call unanswered = place(dialbridge, ANA, null);
    event(unanswered, "hangup", ",\"cause\":\"NO_ANSWER\"");
    Call answered = answeredAndEnded(ANA);

    clock.advance(Duration.ofMinutes(61));
    // the window closed: the call can no longer be wrapped up, so it no longer holds the agent
    assertThat(dialbridge.awaitingWrapUp(ANA)).isEmpty();
    assertThat(place(dialbridge, ANA, null).id()).isNotEqualTo(answered.id());
  }

  @Test
  void withoutMandatoryWrapUpTheLastEndedCallAwaitsItsWrapUpForTheForm() {
    Call busy = busy(ANA);
    assertThat(dialbridge.awaitingWrapUp(ANA).orElseThrow().call().id()).isEqualTo(busy.id());
    dialbridge.wrapUp(ANA, busy.id(), "busy", null, null);
    assertThat(dialbridge.awaitingWrapUp(ANA)).isEmpty();
  }

  @Test
  void aProvidersRefusalOrFailureIsRecordedOnTheWrapUpAndSavingAgainSendsAgain() throws Exception {
    try (MockWebServer ucontact = new MockWebServer()) {
      ucontact.start();
      dialbridge =
          open(
              Map.of(
                  "dialbridge.providers.uc.type", "ucontact",
                  "dialbridge.providers.uc.base-url", ucontact.url("/").toString(),
                  "dialbridge.providers.uc.token", "dG9rZW4=",
                  "dialbridge.providers.uc.callerid", "5114115000",
                  "dialbridge.providers.uc.context", "agentes",
                  "dialbridge.providers.uc.outqueue", "manual->",
                  "dialbridge.default-provider", "c3",
                  "dialbridge.agents.ana.provider", "uc"));
      ucontact.enqueue(new MockResponse.Builder().code(200).body("guid-1").build());
      Call call = dialbridge.placeCall(ANA, PlaceCall.to("42", "015551234"));
      event(call, "answered", "");
      event(call, "hangup", ",\"cause\":\"NORMAL_CLEARING\"");
      ucontact.takeRequest();

      ucontact.enqueue(new MockResponse.Builder().code(200).body("0").build());
      WrapUp refused = dialbridge.wrapUp(ANA, call.id(), "connected", "ok", null);
      assertThat(refused.provider().status()).isEqualTo(WrapUp.ProviderReceipt.Status.REFUSED);
      assertThat(refused.provider().message()).contains("refused");
      assertThat(ucontact.takeRequest().getTarget()).endsWith("/api/DispositionCall");
      // kept in Dialbridge, and the refusal with it: an admin or the agent sees it after a reload
      assertThat(dialbridge.wrapUpOf(call.id())).contains(refused);

      ucontact.enqueue(new MockResponse.Builder().code(503).body("down").build());
      WrapUp failed = dialbridge.wrapUp(ANA, call.id(), "connected", "ok again", null);
      assertThat(failed.provider().status()).isEqualTo(WrapUp.ProviderReceipt.Status.FAILED);

      ucontact.enqueue(new MockResponse.Builder().code(200).body("1").build());
      WrapUp sent = dialbridge.wrapUp(ANA, call.id(), "connected", "third time", null);
      assertThat(sent.provider().status()).isEqualTo(WrapUp.ProviderReceipt.Status.SENT);
      assertThat(dialbridge.wrapUpOf(call.id()).orElseThrow().provider())
          .isEqualTo(sent.provider());
      // a note alone is not a disposition: nothing to send
      int requests = ucontact.getRequestCount();
      dialbridge.wrapUp(ANA, call.id(), null, "just a note", null);
      assertThat(ucontact.getRequestCount()).isEqualTo(requests);
    }
  }

  @Test
  void aConfiguredCatalogReplacesTheDefaultsAndACrmCatalogReplacesBoth() {
    Dialbridge configured =
        open(
            Map.of(
                "dialbridge.dispositions.list", "promise-to-pay,callback",
                "dialbridge.dispositions.promise-to-pay.label", "Promise to pay",
                "dialbridge.dispositions.promise-to-pay.label.es", "Promesa de pago",
                "dialbridge.dispositions.promise-to-pay.offered-for", "answered"));
    assertThat(configured.dispositions())
        .extracting(Disposition::code)
        .containsExactly("promise-to-pay", "callback");
    assertThat(configured.dispositions().get(0).label("es")).isEqualTo("Promesa de pago");
    assertThat(configured.dispositions().get(0).label("pt-BR")).isEqualTo("Promise to pay");
    assertThat(configured.dispositions().get(1).label("pt")).isEqualTo("Retornar ligação");

    Disposition sold = new Disposition("sold", Map.of("en", "Sold"), "won", false, null);
    Dialbridge crm = open(Map.of(), () -> List.of(sold, sold));
    assertThat(crm.dispositions()).containsExactly(sold);
    Call call = answeredAndEnded(ANA);
    assertThat(crm.wrapUp(ANA, call.id(), "sold", null, null).disposition()).isEqualTo("sold");
    assertThat(codeOf(() -> crm.wrapUp(ANA, call.id(), "connected", null, null)))
        .isEqualTo(ErrorCode.UNKNOWN_DISPOSITION);
  }
}
