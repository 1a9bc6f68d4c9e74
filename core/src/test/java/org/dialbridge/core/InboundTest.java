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
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.spi.ContactDirectory;
import org.dialbridge.core.spi.ContactMatch;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.store.InboundCall;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inbound calls through the generic format on H2 and PostgreSQL (docs/inbound.md): routed by the
 * event's agent or the dialled number, matched to the caller's contacts by policy, streamed to the
 * agents it rings for, listed as missed until called back or marked done.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Databases.Kind.class)
class InboundTest {
  private static final Actor ANA = Actor.user("ana");
  private static final Actor BRUNO = Actor.user("bruno");
  private static final Actor CARLA = Actor.user("carla");
  private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
  private static final String KNOWN = "+51987654321";
  private static final String SHARED = "+5114405000";

  /** One contact for KNOWN, two for SHARED (an office line), the newer second. */
  private static final ContactDirectory CONTACTS =
      new ContactDirectory() {
        @Override
        public List<String> contactIds(String e164) {
          return matches(e164).stream().map(ContactMatch::id).toList();
        }

        @Override
        public List<ContactMatch> matches(String e164) {
          return switch (e164) {
            case KNOWN -> List.of(new ContactMatch("7", "Rosa Quispe", "/contacts/7", null));
            case SHARED ->
                List.of(
                    new ContactMatch("8", "Acme front desk", "/contacts/8", T0.minusSeconds(90)),
                    new ContactMatch("9", "Acme billing", "/contacts/9", T0.minusSeconds(30)));
            default -> List.of();
          };
        }
      };

  @Parameter Databases.Kind kind;

  private final MockWebServer c3 = new MockWebServer();
  private final MutableClock clock = new MutableClock(T0);
  private final List<Dialbridge> opened = new ArrayList<>();
  private DataSource dataSource;
  private Dialbridge dialbridge;
  private int events;

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
    Dialbridge d =
        Dialbridge.builder(
                TestConfig.region("PE")
                    .provider("c3", "c3", c3.url("/").toString())
                    .token("c3", "t0k3n")
                    .webhookToken("c3", "wh")
                    .agent("ana", "6001")
                    .agent("bruno", "6002")
                    .agent("carla", "6003")
                    .set("dialbridge.inbound.routes.+5114400000", "ana, bruno")
                    .setAll(overrides)
                    .parse())
            .clock(clock)
            .dataSource(dataSource)
            .contactDirectory(CONTACTS)
            .build();
    opened.add(d);
    return d;
  }

  /** Posts a generic event of pbx call {@code pbxId}; {@code fields} are JSON members. */
  private void post(Dialbridge d, String pbxId, String event, String fields) {
    d.ingestWithoutVerification(
        "c3",
        WebhookRequest.json(
            "{\"event\":\""
                + event
                + "\",\"callId\":\""
                + pbxId
                + "\",\"eventId\":\"e"
                + ++events
                + "\",\"time\":\""
                + clock.instant()
                + "\""
                + fields
                + "}"));
    assertThat(d.awaitInboxApplied(Duration.ofSeconds(10))).isTrue();
  }

  private void ring(String pbxId, String from, String fields) {
    clock.advance(Duration.ofSeconds(1));
    post(
        dialbridge,
        pbxId,
        "ringing",
        ",\"direction\":\"inbound\",\"from\":\"" + from + "\"" + fields);
  }

  private Call callOf(String pbxId) throws java.sql.SQLException {
    try (var c = dataSource.getConnection();
        var p = c.prepareStatement("SELECT id FROM dialbridge_call WHERE provider_call_id = ?")) {
      p.setString(1, pbxId);
      try (var rs = p.executeQuery()) {
        assertThat(rs.next()).as("a call of " + pbxId).isTrue();
        return dialbridge.call(rs.getString(1));
      }
    }
  }

  @Test
  void aCallerWithOneContactRingsTheAgentTheEventNamesLinkedToThatContact() throws Exception {
    ring("pbx-1", "987 654 321", ",\"to\":\"+5114400000\",\"agent\":\"6002\"");

    Call call = callOf("pbx-1");
    assertThat(call.direction()).isEqualTo(Direction.INBOUND);
    assertThat(call.status()).isEqualTo(CallStatus.RINGING);
    assertThat(call.from()).as("normalized in the default region").isEqualTo(KNOWN);
    assertThat(call.to()).isEqualTo("+5114400000");
    assertThat(call.agent()).as("the event's agent, not the number's route").isEqualTo("bruno");
    assertThat(call.contactId()).isEqualTo("7");
    assertThat(dialbridge.history(ANA, "7", null, 10).calls())
        .extracting(Call::id)
        .containsExactly(call.id());
  }

  @Test
  void theDialledNumbersRouteRingsSeveralAgentsAndTheOneWhoAnswersOwnsTheCall() throws Exception {
    ring("pbx-2", KNOWN, ",\"to\":\"5114400000\"");
    Call ringing = callOf("pbx-2");
    assertThat(ringing.agent()).as("several ring: nobody's yet").isNull();
    assertThat(dialbridge.inboundDetails(List.of(ringing)).get(ringing.id()).ringing())
        .containsExactly("ana", "bruno");

    post(dialbridge, "pbx-2", "answered", ",\"agent\":\"6001\"");
    Call answered = callOf("pbx-2");
    assertThat(answered.status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(answered.agent()).isEqualTo("ana");
    assertThat(answered.agentExtension()).isEqualTo("6001");
  }

  @Test
  void aCallNobodyIsMappedToIsStoredAndListedForAdministrators() throws Exception {
    ring("pbx-3", KNOWN, ",\"to\":\"+5114409999\"");

    assertThat(dialbridge.unroutedCalls(Actor.admin("admin")))
        .extracting(in -> in.call().providerCallId())
        .containsExactly("pbx-3");
    assertThatThrownBy(() -> dialbridge.unroutedCalls(ANA))
        .isInstanceOfSatisfying(
            DialbridgeException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  @Test
  void aSharedNumberAsksTheAgentWhoChoosesOneOfItsMatchesOnce() throws Exception {
    ring("pbx-4", SHARED, ",\"agent\":\"6001\"");
    Call call = callOf("pbx-4");
    assertThat(call.contactId()).isNull();
    assertThat(dialbridge.inboundDetails(List.of(call)).get(call.id()).choose()).isTrue();

    assertThatThrownBy(() -> dialbridge.chooseContact(ANA, call.id(), "7"))
        .isInstanceOfSatisfying(
            DialbridgeException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONTACT_NOT_A_MATCH));
    assertThatThrownBy(() -> dialbridge.chooseContact(CARLA, call.id(), "8"))
        .isInstanceOfSatisfying(
            DialbridgeException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));

    Call linked = dialbridge.chooseContact(ANA, call.id(), "9");
    assertThat(linked.contactId()).isEqualTo("9");
    assertThat(dialbridge.inboundDetails(List.of(linked)).get(call.id()).choose()).isFalse();
    assertThatThrownBy(() -> dialbridge.chooseContact(ANA, call.id(), "8"))
        .isInstanceOfSatisfying(
            DialbridgeException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONTACT_ALREADY_LINKED));
    assertThat(dialbridge.history(ANA, "9", null, 10).calls()).hasSize(1);
    assertThat(dialbridge.history(ANA, "8", null, 10).calls()).isEmpty();
  }

  @Test
  void mostRecentLinksTheMatchChangedLastAndNoneLinksNone() throws Exception {
    Dialbridge recent = open(Map.of("dialbridge.inbound.several-matches", "most-recent"));
    post(recent, "pbx-5", "ringing", ",\"direction\":\"inbound\",\"from\":\"" + SHARED + "\"");
    assertThat(callOf("pbx-5").contactId()).isEqualTo("9");

    Dialbridge none = open(Map.of("dialbridge.inbound.several-matches", "none"));
    post(none, "pbx-6", "ringing", ",\"direction\":\"inbound\",\"from\":\"" + SHARED + "\"");
    Call call = callOf("pbx-6");
    assertThat(call.contactId()).isNull();
    assertThat(none.inboundDetails(List.of(call)).get(call.id()).choose()).isFalse();
  }

  @Test
  void theAgentsStreamReplaysTheOpenCallThenTellsOfNewOnesAndTheirChanges() throws Exception {
    ring("pbx-7", KNOWN, ",\"agent\":\"6001\"");
    List<String> told = new CopyOnWriteArrayList<>();
    InboundListener listener =
        new InboundListener() {
          @Override
          public void incoming(InboundCall in) {
            told.add("incoming " + in.call().providerCallId() + " " + in.call().contactId());
          }

          @Override
          public void changed(Call call) {
            told.add(call.status() + " " + call.providerCallId());
          }
        };
    CallSubscription stream = dialbridge.watchInbound(ANA, listener);
    CallSubscription other = dialbridge.watchInbound(CARLA, listener);
    assertThat(told).containsExactly("incoming pbx-7 7");

    ring("pbx-8", SHARED, ",\"to\":\"+5114400000\"");
    post(dialbridge, "pbx-7", "hangup", "");
    awaitSize(told, 3);
    assertThat(told)
        .containsExactlyInAnyOrder("incoming pbx-7 7", "incoming pbx-8 null", "COMPLETED pbx-7");
    stream.close();
    other.close();
  }

  @Test
  void anUnansweredCallIsMissedUntilCalledBackOrMarkedDone() throws Exception {
    ring("pbx-9", KNOWN, ",\"to\":\"+5114400000\"");
    post(dialbridge, "pbx-9", "hangup", ",\"cause\":\"ORIGINATOR_CANCEL\"");
    ring("pbx-10", SHARED, ",\"agent\":\"6001\"");
    post(dialbridge, "pbx-10", "hangup", ",\"cause\":\"NO_ANSWER\"");
    ring("pbx-11", KNOWN, ",\"agent\":\"6001\"");
    post(dialbridge, "pbx-11", "answered", "");

    assertThat(dialbridge.missedCalls(ANA))
        .extracting(in -> in.call().providerCallId())
        .containsExactly("pbx-10", "pbx-9");
    assertThat(dialbridge.missedCalls(BRUNO))
        .extracting(in -> in.call().providerCallId())
        .containsExactly("pbx-9");
    assertThatThrownBy(() -> dialbridge.markMissedDone(ANA, callOf("pbx-11").id()))
        .isInstanceOfSatisfying(
            DialbridgeException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CALL_NOT_MISSED));

    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"message\":\"ok\",\"data\":{\"actionid\":\"api_1\"}}")
            .build());
    post(dialbridge, "pbx-11", "hangup", "");
    Call callback =
        dialbridge.placeCall(BRUNO, new PlaceCall("7", KNOWN, null, callOf("pbx-9").id()));
    assertThat(dialbridge.missedCalls(BRUNO)).isEmpty();
    assertThat(dialbridge.missedCalls(ANA))
        .extracting(in -> in.call().providerCallId())
        .containsExactly("pbx-10");
    assertThat(
            dialbridge
                .inboundDetails(List.of(callOf("pbx-9")))
                .get(callOf("pbx-9").id())
                .calledBackBy())
        .isEqualTo(callback.id());

    dialbridge.markMissedDone(ANA, callOf("pbx-10").id());
    assertThat(dialbridge.missedCalls(ANA)).isEmpty();
  }

  @Test
  void aMissedCallAwaitsNoWrapUpAndAnAnsweredOneDoes() throws Exception {
    Dialbridge required = open(Map.of("dialbridge.wrap-up.required", "true"));
    post(
        required,
        "pbx-12",
        "ringing",
        ",\"direction\":\"inbound\",\"from\":\"" + KNOWN + "\",\"agent\":\"6001\"");
    post(required, "pbx-12", "hangup", ",\"cause\":\"NO_ANSWER\"");
    assertThat(required.awaitingWrapUp(ANA)).isEmpty();

    post(
        required,
        "pbx-13",
        "ringing",
        ",\"direction\":\"inbound\",\"from\":\"" + KNOWN + "\",\"agent\":\"6001\"");
    post(required, "pbx-13", "answered", "");
    post(required, "pbx-13", "hangup", "");
    assertThat(required.awaitingWrapUp(ANA)).map(c -> c.call().providerCallId()).contains("pbx-13");
  }

  @Test
  void anAnswerThatOutranItsRingingMovesTheCallTheRingingCreates() throws Exception {
    post(dialbridge, "pbx-14", "answered", ",\"agent\":\"6001\"");
    ring("pbx-14", KNOWN, ",\"agent\":\"6001\"");

    Call call = callOf("pbx-14");
    assertThat(call.status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(dialbridge.events(call.id()))
        .extracting(e -> e.type().name())
        .contains("ANSWERED", "INCOMING");
  }

  private static void awaitSize(List<String> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (list.size() < size && System.nanoTime() < deadline) Thread.sleep(10);
  }
}
