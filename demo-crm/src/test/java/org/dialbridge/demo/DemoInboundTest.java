package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dialbridge.core.Actor;
import org.dialbridge.core.CallSubscription;
import org.dialbridge.core.InboundListener;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.spi.ContactMatch;
import org.dialbridge.core.store.InboundCall;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.demo.emulator.RecordedApiCall;
import org.dialbridge.demo.emulator.Ring;
import org.dialbridge.demo.emulator.RingOutcome;
import org.dialbridge.demo.emulator.SentWebhook;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's sandbox, through the demo's emulator and Dialbridge as the demo configures it: ana's
 * phone rings from a contact's number, a shared number and an unknown one, through Bandwidth and
 * the generic format.
 */
class DemoInboundTest {
  private static final Actor ANA = Actor.user("ana");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static DemoCrm demo;
  private static CallSubscription subscription;
  private static final Map<String, InboundCall> RANG = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    demo =
        DemoCrm.start(
            DemoOptions.defaults()
                .withPort(0)
                .withTiming(EmulatorSettings.Timing.fast())
                .withJdbcUrl("jdbc:h2:mem:demo-in-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    subscription =
        demo.dialbridge()
            .watchInbound(
                ANA,
                new InboundListener() {
                  @Override
                  public void incoming(InboundCall call) {
                    RANG.put(call.call().providerCallId(), call);
                  }

                  @Override
                  public void changed(Call call) {}
                });
  }

  @AfterAll
  static void stop() {
    if (subscription != null) subscription.close();
    if (demo != null) demo.close();
  }

  /** Rings ana and answers the inbound call as it reached her. */
  private static InboundCall ringAna(String provider, String from, RingOutcome outcome) {
    boolean bandwidthV2 = provider.equals("bandwidth-v2");
    boolean bandwidth = provider.equals("bandwidth") || bandwidthV2;
    String providerCallId =
        demo.emulator()
            .ring(
                provider,
                Ring.of(
                    from,
                    bandwidthV2
                        ? SandboxServlet.BANDWIDTH_V2_NUMBERS.get("ana")
                        : bandwidth ? SandboxServlet.BANDWIDTH_NUMBERS.get("ana") : "+5114400000",
                    bandwidth ? null : "6001",
                    outcome));
    Await.until(WAIT, "the call to ring for ana", () -> RANG.containsKey(providerCallId));
    return RANG.get(providerCallId);
  }

  private static Call ended(String callId) {
    Await.until(
        WAIT, "the call to end", () -> demo.dialbridge().call(callId).status().isTerminal());
    return demo.dialbridge().call(callId);
  }

  @Test
  void aContactCallingThroughBandwidthRingsAnaShowingTheCallerAndIsInTheirHistory() {
    InboundCall rang = ringAna("bandwidth", "+51 987 654 321", RingOutcome.ANSWERED);

    Call call = rang.call();
    assertThat(call.direction()).isEqualTo(Direction.INBOUND);
    assertThat(call.provider()).isEqualTo("bandwidth");
    assertThat(call.from()).isEqualTo("+51987654321");
    assertThat(call.to()).isEqualTo("+19195551212");
    assertThat(call.agent()).isEqualTo("ana");
    assertThat(call.contactId()).isEqualTo("1");
    assertThat(rang.details().ringing()).containsExactly("ana");
    assertThat(rang.details().choose()).isFalse();
    assertThat(rang.details().matches())
        .extracting(ContactMatch::id, ContactMatch::name, ContactMatch::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", "Lucía Fernández", "/contacts/1"));

    Call done = ended(call.id());
    assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(done.answeredAt()).isNotNull();
    assertThat(done.missed()).isFalse();
    // the caller's leg was transferred to ana's SIP phone, showing the caller's number
    List<RecordedApiCall> transfers =
        demo.emulator().apiCalls().stream()
            .filter(c -> c.path().endsWith("/calls/" + call.providerCallId()))
            .filter(c -> c.body().contains("transferring"))
            .toList();
    assertThat(transfers).hasSize(1);
    assertThat(Http.json(transfers.get(0).body()).get("transferTo").asText())
        .isEqualTo("sip:6001@agents.demo.bwsip.example");
    assertThat(Http.json(transfers.get(0).body()).get("transferCallerId").asText())
        .isEqualTo("+51987654321");
    assertThat(demo.dialbridge().history(ANA, "1", null, 20).calls())
        .filteredOn(c -> c.id().equals(call.id()))
        .singleElement()
        .satisfies(c -> assertThat(c.inbound()).isTrue());
  }

  @Test
  void aContactCallingThroughBandwidthV2IsAnsweredWithBxmlRingingAnaAndCompletes() {
    InboundCall rang = ringAna("bandwidth-v2", "+51 987 654 321", RingOutcome.ANSWERED);

    Call call = rang.call();
    assertThat(call.direction()).isEqualTo(Direction.INBOUND);
    assertThat(call.provider()).isEqualTo("bandwidth-v2");
    assertThat(call.to()).isEqualTo("+19195551214");
    assertThat(call.agent()).isEqualTo("ana");
    assertThat(call.contactId()).isEqualTo("1");

    Call done = ended(call.id());
    assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(done.answeredAt()).isNotNull();
    assertThat(done.durationSeconds()).isNotNull();
    // the caller's initiate was answered with BXML (200) ringing ana; her leg's answer followed
    List<SentWebhook> sent =
        demo.emulator().sentWebhooks().stream()
            .filter(w -> w.body().contains(call.providerCallId()))
            .toList();
    assertThat(sent)
        .extracting(w -> Http.json(w.body()).get("eventType").asText())
        .startsWith("initiate", "transferAnswer");
    assertThat(sent.get(0).status()).isEqualTo(200);
    assertThat(sent.get(1).status()).isEqualTo(204);
    assertThat(Http.json(sent.get(1).body()).get("to").asText()).isEqualTo("6001");
  }

  @Test
  void aBusyAgentThroughBandwidthV2IsAMissedCall() {
    InboundCall busy = ringAna("bandwidth-v2", "+51 987 654 321", RingOutcome.BUSY);
    assertThat(ended(busy.call().id()).status()).isEqualTo(CallStatus.BUSY);
    assertThat(demo.dialbridge().call(busy.call().id()).missed()).isTrue();
  }

  @Test
  void theSharedOfficeNumberThroughTheGenericFormatAsksAnaWhoIsCalling() {
    InboundCall rang = ringAna("c3", "+51 1 555 1234", RingOutcome.ANSWERED);

    assertThat(rang.call().inbound()).isTrue();
    assertThat(rang.call().provider()).isEqualTo("c3");
    assertThat(rang.call().contactId()).isNull();
    assertThat(rang.details().choose()).isTrue();
    assertThat(rang.details().matches())
        .extracting(ContactMatch::id, ContactMatch::name)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("1", "Lucía Fernández"),
            org.assertj.core.groups.Tuple.tuple("2", "Jorge Quispe"));
    assertThat(rang.details().matches()).allSatisfy(m -> assertThat(m.updatedAt()).isNotNull());

    Call chosen = demo.dialbridge().chooseContact(ANA, rang.call().id(), "2");

    assertThat(chosen.contactId()).isEqualTo("2");
  }

  @Test
  void anUnknownNumberNobodyAnswersIsInAnasMissedCallsUntilMarkedDone() {
    InboundCall rang = ringAna("bandwidth", "+51 1 555 7788", RingOutcome.NO_ANSWER);
    assertThat(rang.call().contactId()).isNull();
    assertThat(rang.details().matches()).isEmpty();

    Call missed = ended(rang.call().id());

    assertThat(missed.status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(missed.missed()).isTrue();
    assertThat(demo.dialbridge().missedCalls(ANA))
        .extracting(m -> m.call().id())
        .contains(missed.id());
    demo.dialbridge().markMissedDone(ANA, missed.id());
    assertThat(demo.dialbridge().missedCalls(ANA))
        .extracting(m -> m.call().id())
        .doesNotContain(missed.id());
  }

  @Test
  void aCallerHangingUpFirstIsACanceledMissedCallThroughEitherFormat() {
    for (String provider : List.of("bandwidth", "bemmelhor")) {
      InboundCall rang = ringAna(provider, "+51 987 654 321", RingOutcome.CALLER_HANGS_UP);

      Call missed = ended(rang.call().id());

      assertThat(missed.status()).as(provider).isEqualTo(CallStatus.CANCELED);
      assertThat(missed.missed()).as(provider).isTrue();
    }
  }

  @Test
  void anAgentBusyOrDecliningThroughBandwidthIsAMissedCall() {
    InboundCall busy = ringAna("bandwidth", "+51 987 654 321", RingOutcome.BUSY);
    InboundCall declined = ringAna("bandwidth", "+51 987 654 321", RingOutcome.REJECTED);

    assertThat(ended(busy.call().id()).status()).isEqualTo(CallStatus.BUSY);
    assertThat(ended(declined.call().id()).status()).isEqualTo(CallStatus.REJECTED);
    assertThat(demo.dialbridge().call(busy.call().id()).missed()).isTrue();
  }
}
