package org.dialbridge.core.provider.bandwidthv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dialbridge.core.provider.bandwidthv2.BandwidthV2ProviderTest.AGENT_LEG;
import static org.dialbridge.core.provider.bandwidthv2.BandwidthV2ProviderTest.AGENT_PHONE;
import static org.dialbridge.core.provider.bandwidthv2.BandwidthV2ProviderTest.CALLBACK;
import static org.dialbridge.core.provider.bandwidthv2.BandwidthV2ProviderTest.CUSTOMER;
import static org.dialbridge.core.provider.bandwidthv2.BandwidthV2ProviderTest.CUSTOMER_LEG;
import static org.dialbridge.core.provider.bandwidthv2.BandwidthV2ProviderTest.FROM;
import static org.dialbridge.core.provider.bandwidthv2.BandwidthV2ProviderTest.HOOK_PASSWORD;
import static org.dialbridge.core.testing.Fixtures.fixture;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.support.GenericEvents;
import org.dialbridge.core.spi.AnswerContext;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.Secret;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookAnswer;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.TestContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Every documented Bandwidth v2 callback (fixtures repaired from the docs' examples: no trailing
 * commas, {@code eventTime} in UTC with {@code Z}), what it means for the call, and the BXML it is
 * answered with, compared as XML.
 */
class BandwidthV2CallbacksTest {
  private static final String CALL_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  private static final String INBOUND_LEG = "c-95ac8d6e-1a31c52e-b38f-4198-93c1-51633ec68f8d";
  private static final CallTag TAGS = new CallTag(Secret.of(HOOK_PASSWORD));
  private static final String TAG = TAGS.tag(CALL_ID, CUSTOMER);

  private final TestContexts contexts = new TestContexts();
  private final TelephonyProvider bw =
      new BandwidthV2ProviderFactory()
          .create(
              ProviderConfig.of(
                  "bw2",
                  "bandwidth-v2",
                  URI.create("http://127.0.0.1:9"),
                  BandwidthV2ProviderTest.properties()),
              contexts.context("US"));

  @AfterEach
  void close() {
    bw.close();
    contexts.close();
  }

  /** A documented callback as Bandwidth sends it for a call we placed: with our signed tag. */
  private static String ours(String fixture) {
    return fixture("bandwidth-v2/" + fixture).replace("exampleTag", TAG);
  }

  private ProviderEvent parse(String body) {
    List<ProviderEvent> events =
        GenericEvents.withGeneric((r, root, payload) -> bw.webhookParser().parse(r))
            .parse(WebhookRequest.json(body));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static Call call(boolean inbound, CallStatus status) {
    return new Call(
        CALL_ID,
        "bw2",
        inbound ? INBOUND_LEG : AGENT_LEG,
        null,
        "ana",
        AGENT_PHONE,
        inbound ? CUSTOMER : FROM,
        inbound ? FROM : CUSTOMER,
        status,
        status.isTerminal() ? terminalCause(status) : null,
        null,
        TestContexts.NOW,
        null,
        status.isTerminal() ? TestContexts.NOW : null,
        null,
        inbound ? Direction.INBOUND : Direction.OUTBOUND);
  }

  private static HangupCause terminalCause(CallStatus status) {
    for (HangupCause cause : HangupCause.values()) if (cause.status() == status) return cause;
    throw new IllegalArgumentException(status.name());
  }

  // --- parsing every callback

  @Test
  void answerOfOurLegIsAnsweredNamingOurCallAndTheCustomer() {
    ProviderEvent e = parse(ours("callback-answer.json"));
    assertThat(e.type()).isEqualTo(EventType.ANSWERED);
    assertThat(e.status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(e.providerCallId()).isEqualTo(AGENT_LEG);
    assertThat(e.callId()).isEqualTo(CALL_ID);
    assertThat(e.number()).isEqualTo(CUSTOMER);
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-12-02T15:56:11.554Z"));
    assertThat(e.eventKey()).isEqualTo("answer|" + AGENT_LEG + "|2026-12-02T15:56:11.554Z");
  }

  @Test
  void aTagThatIsNotOursOrWasAlteredNamesNoCall() {
    for (String tag :
        List.of(
            "exampleTag",
            CALL_ID + ";+19005550100;" + TAG.substring(TAG.lastIndexOf(';') + 1),
            TAG + "x",
            ";;",
            new CallTag(Secret.of("another-password")).tag(CALL_ID, CUSTOMER))) {
      ProviderEvent e =
          parse(fixture("bandwidth-v2/callback-answer.json").replace("exampleTag", tag));
      assertThat(e.callId()).as(tag).isNull();
      assertThat(e.number()).as(tag).isNull();
      assertThat(bw.webhookAnswer(e, AnswerContext.NONE)).as(tag).isEmpty();
    }
  }

  @Test
  void transferAnswerBelongsToTheParentLegAndIsAnswered() {
    ProviderEvent e = parse(ours("callback-transfer-answer.json"));
    assertThat(e.type()).isEqualTo(EventType.ANSWERED);
    assertThat(e.providerCallId()).isEqualTo(AGENT_LEG);
    assertThat(e.callId()).isEqualTo(CALL_ID);
    assertThat(e.eventKey()).startsWith("transferAnswer|" + CUSTOMER_LEG + "|");
  }

  @Test
  void transferDisconnectEndsByItsCauseOnTheParentLeg() {
    ProviderEvent normal = parse(ours("callback-transfer-disconnect.json"));
    assertThat(normal.type()).isEqualTo(EventType.HANGUP);
    assertThat(normal.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(normal.providerCallId()).isEqualTo(AGENT_LEG);

    ProviderEvent busy = parse(ours("callback-transfer-disconnect-busy.json"));
    assertThat(busy.cause()).isEqualTo(HangupCause.BUSY);
    assertThat(busy.status()).isEqualTo(CallStatus.BUSY);
    assertThat(busy.rawCause()).isEqualTo("busy (SIP 486)");
  }

  @Test
  void transferCompleteEndsTheCallWhenTheTransferFailedAndIsOtherAfterANormalEnd() {
    ProviderEvent failed = parse(ours("callback-transfer-complete.json"));
    assertThat(failed.type()).isEqualTo(EventType.HANGUP);
    assertThat(failed.cause()).isEqualTo(HangupCause.BUSY);
    assertThat(failed.providerCallId()).isEqualTo(AGENT_LEG);

    ProviderEvent normal =
        parse(ours("callback-transfer-complete.json").replace("\"busy\"", "\"hangup\""));
    assertThat(normal.type()).isEqualTo(EventType.OTHER);
    assertThat(normal.rawCause()).isEqualTo("hangup");
  }

  @Test
  void disconnectEndsByItsCauseWithTheSipCode() {
    ProviderEvent normal = parse(ours("callback-disconnect.json"));
    assertThat(normal.type()).isEqualTo(EventType.HANGUP);
    assertThat(normal.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(normal.rawCause()).isEqualTo("hangup (SIP 200)");

    ProviderEvent timeout = parse(ours("callback-disconnect-timeout.json"));
    assertThat(timeout.cause()).isEqualTo(HangupCause.NO_ANSWER);
    assertThat(timeout.rawCause()).isEqualTo("timeout (SIP 487)");
  }

  @Test
  void everyDocumentedCauseMapsThroughTheTable() {
    String body = fixture("bandwidth-v2/callback-disconnect.json");
    for (var row : BandwidthV2ProviderFactory.CAUSES.entries().entrySet()) {
      String cause = row.getKey().toLowerCase(java.util.Locale.ROOT);
      ProviderEvent e = parse(body.replace("\"hangup\"", "\"" + cause + "\""));
      assertThat(e.cause()).as(cause).isEqualTo(row.getValue());
    }
    assertThat(parse(body.replace("\"hangup\"", "\"a-cause-added-later\"")).cause())
        .isEqualTo(HangupCause.PROVIDER_ERROR);
  }

  @Test
  void initiateStartsAnInboundCallFromTheCallerToTheNumberDialled() {
    ProviderEvent e = parse(fixture("bandwidth-v2/callback-initiate.json"));
    assertThat(e.type()).isEqualTo(EventType.INCOMING);
    assertThat(e.status()).isEqualTo(CallStatus.RINGING);
    assertThat(e.startsInbound()).isTrue();
    assertThat(e.number()).isEqualTo(CUSTOMER);
    assertThat(e.dialled()).isEqualTo(FROM);
    assertThat(e.providerCallId()).isEqualTo(INBOUND_LEG);
    assertThat(e.callId()).isNull();
  }

  @Test
  void otherCallbacksAreStoredAsOther() {
    ProviderEvent e =
        parse(
            "{\"eventType\":\"gather\",\"callId\":\"c-1\",\"eventTime\":\"2026-12-02T15:56:11Z\","
                + "\"digits\":\"1\"}");
    assertThat(e.type()).isEqualTo(EventType.OTHER);
  }

  @Test
  void malformedCallbacksAreRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("{\"callId\":\"c-1\"}"))
        .isInstanceOfSatisfying(
            WebhookParseException.class, e -> assertThat(e.getMessage()).contains("eventType"));
    assertThatThrownBy(() -> parse("{\"eventType\":\"answer\"}"))
        .isInstanceOf(WebhookParseException.class)
        .hasMessageContaining("callId");
    assertThatThrownBy(() -> parse("{\"eventType\":\"initiate\",\"callId\":\"c-1\"}"))
        .isInstanceOf(WebhookParseException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(
            () -> parse("{\"eventType\":\"disconnect\",\"callId\":\"c-1\",\"cause\":{}}"))
        .isInstanceOf(WebhookParseException.class)
        .hasMessageContaining("cause");
    assertThatThrownBy(() -> parse("{\"eventType\":\"answer\",\"callId\":"))
        .isInstanceOf(WebhookParseException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse("[\"answer\"]"))
        .isInstanceOf(WebhookParseException.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void anEventTimeWithoutZoneIsReadAsUtc() {
    ProviderEvent e =
        parse(ours("callback-answer.json").replace("15:56:11.554Z\"", "15:56:11.554\""));
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-12-02T15:56:11.554Z"));
  }

  // --- the call model

  @Test
  void outboundTheAgentAnsweringMeansTheCustomerIsBeingDialled() {
    ProviderEvent e =
        bw.interpret(parse(ours("callback-answer.json")), call(false, CallStatus.DIALING));
    assertThat(e.type()).isEqualTo(EventType.RINGING);
    assertThat(e.status()).isEqualTo(CallStatus.RINGING);
  }

  @Test
  void outboundTheCustomerAnsweringIsTheCallsAnswer() {
    ProviderEvent e =
        bw.interpret(parse(ours("callback-transfer-answer.json")), call(false, CallStatus.RINGING));
    assertThat(e.type()).isEqualTo(EventType.ANSWERED);
  }

  @Test
  void aNormalEndCompletesAnAnsweredCallAndCancelsAnUnansweredOne() {
    ProviderEvent end = parse(ours("callback-transfer-disconnect.json"));
    assertThat(bw.interpret(end, call(false, CallStatus.ANSWERED)).status())
        .isEqualTo(CallStatus.COMPLETED);
    assertThat(bw.interpret(end, call(false, CallStatus.RINGING)).status())
        .isEqualTo(CallStatus.CANCELED);
    ProviderEvent agentEnd = parse(ours("callback-disconnect.json"));
    assertThat(bw.interpret(agentEnd, call(false, CallStatus.ANSWERED)).cause())
        .isEqualTo(HangupCause.NORMAL_CLEARING);
  }

  @Test
  void theCustomerBusyEndsTheCallBusyAndTheLegsLetGoAfterIsNoSecondEnding() {
    ProviderEvent complete = parse(ours("callback-transfer-complete.json"));
    assertThat(bw.interpret(complete, call(false, CallStatus.RINGING)).status())
        .isEqualTo(CallStatus.BUSY);
    ProviderEvent agentLetGo = parse(ours("callback-disconnect.json"));
    assertThat(bw.interpret(agentLetGo, call(false, CallStatus.BUSY)).type())
        .isEqualTo(EventType.OTHER);
  }

  @Test
  void theAgentNotAnsweringIsNoAnswer() {
    ProviderEvent e =
        bw.interpret(
            parse(ours("callback-disconnect-timeout.json")), call(false, CallStatus.DIALING));
    assertThat(e.status()).isEqualTo(CallStatus.NO_ANSWER);
  }

  @Test
  void inboundOneAgentsPhoneFailingIsOtherWhileTheAnsweredOneHangingUpCompletes() {
    ProviderEvent busy =
        parse(
            fixture("bandwidth-v2/callback-transfer-disconnect-busy.json")
                .replace(AGENT_LEG, INBOUND_LEG));
    assertThat(bw.interpret(busy, call(true, CallStatus.RINGING)).type())
        .isEqualTo(EventType.OTHER);
    ProviderEvent letGo =
        parse(
            fixture("bandwidth-v2/callback-transfer-disconnect.json")
                .replace(AGENT_LEG, INBOUND_LEG)
                .replace("\"hangup\"", "\"cancel\""));
    assertThat(bw.interpret(letGo, call(true, CallStatus.ANSWERED)).type())
        .as("another agent's phone let go when one picked up")
        .isEqualTo(EventType.OTHER);
    ProviderEvent hungUp =
        parse(
            fixture("bandwidth-v2/callback-transfer-disconnect.json")
                .replace(AGENT_LEG, INBOUND_LEG));
    assertThat(bw.interpret(hungUp, call(true, CallStatus.ANSWERED)).status())
        .isEqualTo(CallStatus.COMPLETED);
  }

  @Test
  void inboundTheCallerHangingUpBeforeAnyAgentAnsweredCancelsTheCall() {
    ProviderEvent e =
        parse(
            fixture("bandwidth-v2/callback-disconnect.json")
                .replace(AGENT_LEG, INBOUND_LEG)
                .replace("exampleTag", ""));
    assertThat(bw.interpret(e, call(true, CallStatus.RINGING)).status())
        .isEqualTo(CallStatus.CANCELED);
  }

  @Test
  void theCustomersLegIsLinkedWhenItAnswers() {
    Call call = call(false, CallStatus.RINGING);
    ProviderEvent answer = parse(ours("callback-transfer-answer.json"));
    assertThat(bw.react(answer, call)).containsExactly(CUSTOMER_LEG);
    assertThat(bw.react(parse(ours("callback-answer.json")), call)).isEmpty();
  }

  // --- the BXML answers

  @Test
  void theAgentAnsweringIsAnsweredWithATransferToTheCustomer() {
    ProviderEvent answer = parse(ours("callback-answer.json"));

    WebhookAnswer bxml = bw.webhookAnswer(answer, AnswerContext.NONE).orElseThrow();

    assertThat(bxml.mediaType()).isEqualTo("application/xml");
    assertSameXml(
        bxml.body(),
        "<Response><Transfer transferCallerId=\""
            + FROM
            + "\" callTimeout=\"30\" transferCompleteUrl=\""
            + CALLBACK
            + "\" transferCompleteMethod=\"POST\" username=\"hook\" password=\""
            + HOOK_PASSWORD
            + "\"><PhoneNumber transferAnswerUrl=\""
            + CALLBACK
            + "\" transferAnswerMethod=\"POST\" transferDisconnectUrl=\""
            + CALLBACK
            + "\" transferDisconnectMethod=\"POST\" username=\"hook\" password=\""
            + HOOK_PASSWORD
            + "\" tag=\""
            + TAG
            + "\">"
            + CUSTOMER
            + "</PhoneNumber></Transfer></Response>");
  }

  @Test
  void aDuplicateDeliveryGetsTheSameBxml() {
    String body = ours("callback-answer.json");
    Optional<WebhookAnswer> first = bw.webhookAnswer(parse(body), AnswerContext.NONE);
    Optional<WebhookAnswer> again = bw.webhookAnswer(parse(body), AnswerContext.NONE);
    assertThat(first).isPresent().isEqualTo(again);
  }

  @Test
  void initiateIsAnsweredWithATransferRingingTheRoutedAgents() {
    ProviderEvent initiate = parse(fixture("bandwidth-v2/callback-initiate.json"));
    AnswerContext routes =
        event -> {
          assertThat(event.dialled()).isEqualTo(FROM);
          return List.of("+13865245000", "sip:bruno@agents.example.com");
        };

    WebhookAnswer bxml = bw.webhookAnswer(initiate, routes).orElseThrow();

    String callbacks =
        " transferAnswerUrl=\""
            + CALLBACK
            + "\" transferAnswerMethod=\"POST\" transferDisconnectUrl=\""
            + CALLBACK
            + "\" transferDisconnectMethod=\"POST\" username=\"hook\" password=\""
            + HOOK_PASSWORD
            + "\"";
    assertSameXml(
        bxml.body(),
        "<Response><Transfer transferCallerId=\""
            + CUSTOMER
            + "\" callTimeout=\"30\" transferCompleteUrl=\""
            + CALLBACK
            + "\" transferCompleteMethod=\"POST\" username=\"hook\" password=\""
            + HOOK_PASSWORD
            + "\">"
            + "<PhoneNumber"
            + callbacks
            + ">+13865245000</PhoneNumber>"
            + "<SipUri"
            + callbacks
            + ">sip:bruno@agents.example.com</SipUri>"
            + "</Transfer></Response>");
  }

  @Test
  void anInboundCallNobodyIsRoutedToIsHungUp() {
    ProviderEvent initiate = parse(fixture("bandwidth-v2/callback-initiate.json"));
    assertSameXml(
        bw.webhookAnswer(initiate, AnswerContext.NONE).orElseThrow().body(),
        "<Response><Hangup/></Response>");
  }

  @Test
  void aCallerWithoutAnE164NumberIsShownAsTheFromNumber() {
    ProviderEvent initiate =
        parse(
            fixture("bandwidth-v2/callback-initiate.json")
                .replace("\"from\": \"" + CUSTOMER + "\"", "\"from\": \"Anonymous\""));
    String body = bw.webhookAnswer(initiate, event -> List.of(AGENT_PHONE)).orElseThrow().body();
    assertThat(xml(body).getDocumentElement().getFirstChild().getAttributes())
        .satisfies(
            a -> assertThat(a.getNamedItem("transferCallerId").getNodeValue()).isEqualTo(FROM));
  }

  @Test
  void theTransferEscapesWhatItIsGiven() {
    ProviderEvent initiate = parse(fixture("bandwidth-v2/callback-initiate.json"));
    String body =
        bw.webhookAnswer(initiate, event -> List.of("sip:a&b@x.example.com?h=<y>"))
            .orElseThrow()
            .body();
    assertThat(xml(body).getElementsByTagName("SipUri").item(0).getTextContent())
        .isEqualTo("sip:a&b@x.example.com?h=<y>");
  }

  @Test
  void everyOtherCallbackIsAnsweredWithoutABody() {
    for (String fixture :
        List.of(
            "callback-transfer-answer.json",
            "callback-transfer-complete.json",
            "callback-transfer-disconnect.json",
            "callback-disconnect.json")) {
      assertThat(bw.webhookAnswer(parse(ours(fixture)), event -> List.of(AGENT_PHONE)))
          .as(fixture)
          .isEmpty();
    }
  }

  @Test
  void theCallbackCredentialsNeverShowInToString() {
    Bxml.Callbacks callbacks = new Bxml.Callbacks(CALLBACK, "hook", HOOK_PASSWORD);
    assertThat(callbacks.toString()).contains("hook").doesNotContain(HOOK_PASSWORD);
  }

  // --- XML as XML

  static Document xml(String text) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setIgnoringComments(true);
      Document doc =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      stripWhitespace(doc.getDocumentElement());
      doc.normalizeDocument();
      return doc;
    } catch (Exception e) {
      throw new AssertionError("not XML: " + text, e);
    }
  }

  private static void stripWhitespace(Node node) {
    for (Node child = node.getFirstChild(); child != null; ) {
      Node next = child.getNextSibling();
      if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()) {
        node.removeChild(child);
      } else {
        stripWhitespace(child);
      }
      child = next;
    }
  }

  static void assertSameXml(String actual, String expected) {
    assertThat(xml(actual).getDocumentElement().isEqualNode(xml(expected).getDocumentElement()))
        .as("%s%nis the same XML as%n%s", actual, expected)
        .isTrue();
  }
}
