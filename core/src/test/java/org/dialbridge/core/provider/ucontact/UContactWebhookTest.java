package org.dialbridge.core.provider.ucontact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dialbridge.core.testing.Fixtures.fixture;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookParser;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.TestContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UContactWebhookTest {
  private static final String GUID = "8cf8570e-60e7-44ed-b799-3baab211b04d";

  private final TestContexts contexts = new TestContexts();
  private TelephonyProvider ucontact;
  private WebhookParser parser;

  @BeforeEach
  void start() {
    ProviderConfig config =
        ProviderConfig.of(
            "ucontact",
            "ucontact",
            URI.create("http://127.0.0.1:9/"),
            Map.of(
                "token",
                "dG9rZW4=",
                "callerid",
                "5114115000",
                "context",
                "agentes",
                "outqueue",
                "manual->"));
    ucontact = new UContactProviderFactory().create(config, contexts.context("PE"));
    parser = ucontact.webhookParser();
  }

  @AfterEach
  void stop() {
    ucontact.close();
    contexts.close();
  }

  private ProviderEvent parseOne(String body) {
    List<ProviderEvent> events = parser.parse(WebhookRequest.json(body));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static WebhookParseException parseError(WebhookParser parser, String body) {
    try {
      parser.parse(WebhookRequest.json(body));
    } catch (WebhookParseException e) {
      return e;
    }
    throw new AssertionError("no WebhookParseException for " + body);
  }

  @Test
  void finishInteractionEndsTheCallWithThatGuidNormally() {
    String body = fixture("ucontact/webhook-finish-interaction.json");

    ProviderEvent e = parseOne(body);

    assertThat(e.type()).isEqualTo(EventType.HANGUP);
    assertThat(e.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(e.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(e.rawCause()).isEqualTo("FinishInteraction");
    assertThat(e.providerCallId()).isEqualTo(GUID);
    assertThat(e.agentExtension()).isNull();
    assertThat(e.eventKey()).isEqualTo("FinishInteraction|" + GUID + "|2023-48-13 06:52:10");
    assertThat(e.occurredAt()).isNull();
    assertThat(e.payload()).isEqualTo(body);
  }

  @Test
  void agentRingNoAnswerEndsTheAgentsLiveCallUnanswered() {
    ProviderEvent e = parseOne(fixture("ucontact/webhook-agent-ring-no-answer.json"));

    assertThat(e.type()).isEqualTo(EventType.HANGUP);
    assertThat(e.status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(e.cause()).isEqualTo(HangupCause.NO_ANSWER);
    assertThat(e.rawCause()).isEqualTo("AgentRingNoAnswer");
    assertThat(e.agentExtension()).isEqualTo("6001");
    assertThat(e.number()).isEqualTo("5114115001");
    assertThat(e.providerCallId()).isNull();
    assertThat(e.eventKey()).isEqualTo("AgentRingNoAnswer|ana.perez|2023-48-13 06:48:51");
    assertThat(e.occurredAt()).isNull();
  }

  @Test
  void agentRingNoAnswerWithAGuidNamesItsCall() {
    ProviderEvent e =
        parseOne(
            "{\"event\":\"AgentRingNoAnswer\",\"date\":\"2023-48-13 06:48:51\",\"guid\":\""
                + GUID
                + "\",\"agent\":\"ana.perez\",\"agentNumber\":\"6001\",\"callerIdNum\":\"5114115001"
                + "\"}");

    assertThat(e.providerCallId()).isEqualTo(GUID);
    assertThat(e.agentExtension()).isEqualTo("6001");
    assertThat(e.number()).isEqualTo("5114115001");
  }

  @Test
  void agentLogIsAnAgentEventWithoutACall() {
    ProviderEvent e = parseOne(fixture("ucontact/webhook-agent-log.json"));

    assertThat(e.type()).isEqualTo(EventType.OTHER);
    assertThat(e.status()).isNull();
    assertThat(e.cause()).isNull();
    assertThat(e.providerCallId()).isNull();
    assertThat(e.agentExtension()).isNull();
    assertThat(e.number()).isNull();
    assertThat(e.eventKey()).isEqualTo("AgentLog|ana.perez|2023-48-13 06:40:02");
  }

  @Test
  void agentBreakIsAnAgentEventWithoutACall() {
    ProviderEvent e = parseOne(fixture("ucontact/webhook-agent-break.json"));

    assertThat(e.type()).isEqualTo(EventType.OTHER);
    assertThat(e.status()).isNull();
    assertThat(e.providerCallId()).isNull();
    assertThat(e.agentExtension()).isNull();
    assertThat(e.eventKey()).isEqualTo("AgentBreak|ana.perez|2023-48-13 07:15:44");
  }

  @Test
  void interactionDispositionIsStoredOnTheCallWithoutMovingIt() {
    ProviderEvent e =
        parseOne(
            "{\"event\":\"InteractionDisposition\",\"date\":\"2023-48-13 06:53:00\","
                + "\"guid\":\""
                + GUID
                + "\",\"agent\":\"ana.perez\",\"l1\":\"Venta\",\"comment\":\"ok\"}");

    assertThat(e.type()).isEqualTo(EventType.OTHER);
    assertThat(e.status()).isNull();
    assertThat(e.cause()).isNull();
    assertThat(e.providerCallId()).isEqualTo(GUID);
    assertThat(e.eventKey()).isEqualTo("InteractionDisposition|" + GUID + "|2023-48-13 06:53:00");
  }

  @Test
  void unknownEventIsOther() {
    ProviderEvent e =
        parseOne(
            "{\"event\":\"QueueCallAbandoned\",\"date\":\"2023-11-13"
                + " 06:53:00\",\"queue\":\"ventas\"}");

    assertThat(e.type()).isEqualTo(EventType.OTHER);
    assertThat(e.status()).isNull();
    assertThat(e.providerCallId()).isNull();
    assertThat(e.eventKey()).isEqualTo("QueueCallAbandoned||2023-11-13 06:53:00");
  }

  @Test
  void readableDateBecomesOccurredAt() {
    ProviderEvent e =
        parseOne(
            "{\"event\":\"FinishInteraction\",\"date\":\"2023-11-13 06:52:10\",\"guid\":\""
                + GUID
                + "\"}");

    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2023-11-13T06:52:10Z"));
  }

  @Test
  void unreadableDateIsNoErrorAndLeavesOccurredAtEmpty() {
    ProviderEvent e =
        parseOne(
            "{\"event\":\"FinishInteraction\",\"date\":\"13/11/2023 6:52\",\"guid\":\""
                + GUID
                + "\"}");

    assertThat(e.occurredAt()).isNull();
    assertThat(e.eventKey()).isEqualTo("FinishInteraction|" + GUID + "|13/11/2023 6:52");
  }

  @Test
  void unknownExtraFieldsAreIgnored() {
    ProviderEvent e =
        parseOne(
            "{\"event\":\"FinishInteraction\",\"date\":\"2023-48-13 06:52:10\",\"guid\":\""
                + GUID
                + "\",\"campaign\":\"manual->\",\"agent\":\"ana.perez\",\"duration\":42,\"data\":{"
                + "\"x\":[1,2]},\"new\":null}");

    assertThat(e.type()).isEqualTo(EventType.HANGUP);
    assertThat(e.providerCallId()).isEqualTo(GUID);
  }

  @Test
  void missingOptionalFieldsAreTolerated() {
    ProviderEvent ring = parseOne("{\"event\":\"AgentRingNoAnswer\",\"agentNumber\":\"6001\"}");
    assertThat(ring.cause()).isEqualTo(HangupCause.NO_ANSWER);
    assertThat(ring.agentExtension()).isEqualTo("6001");
    assertThat(ring.number()).isNull();
    assertThat(ring.occurredAt()).isNull();

    ProviderEvent finish = parseOne("{\"event\":\"FinishInteraction\",\"guid\":\"" + GUID + "\"}");
    assertThat(finish.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(finish.eventKey()).startsWith("FinishInteraction|" + GUID + "|sha256:");

    ProviderEvent log = parseOne("{\"event\":\"AgentLog\"}");
    assertThat(log.type()).isEqualTo(EventType.OTHER);
  }

  @Test
  void agentRingNoAnswerWithOnlyTheAgentsLoginIsStillAHangup() {
    ProviderEvent e =
        parseOne(
            "{\"event\":\"AgentRingNoAnswer\",\"date\":\"2023-48-13 06:48:51\","
                + "\"agent\":\"ana.perez\",\"callerIdNum\":\"5114115001\"}");

    assertThat(e.cause()).isEqualTo(HangupCause.NO_ANSWER);
    assertThat(e.agentExtension()).isNull();
    assertThat(e.number()).isEqualTo("5114115001");
  }

  @Test
  void twoDeliveriesOfTheSameEventShareTheirKeyAndDifferentEventsDoNot() {
    String withoutDate = "{\"event\":\"AgentLog\",\"agent\":\"ana.perez\",\"isLogin\":true}";
    String otherWithoutDate = "{\"event\":\"AgentLog\",\"agent\":\"ana.perez\",\"isLogin\":false}";

    assertThat(parseOne(fixture("ucontact/webhook-agent-log.json")).eventKey())
        .isEqualTo(parseOne(fixture("ucontact/webhook-agent-log.json")).eventKey());
    assertThat(parseOne(withoutDate).eventKey()).isEqualTo(parseOne(withoutDate).eventKey());
    assertThat(parseOne(withoutDate).eventKey())
        .isNotEqualTo(parseOne(otherWithoutDate).eventKey());
  }

  @Test
  void missingEventIsAParseErrorNamingEvent() {
    WebhookParseException e =
        parseError(parser, "{\"date\":\"2023-48-13 06:52:10\",\"guid\":\"" + GUID + "\"}");

    assertThat(e.field()).isEqualTo("event");
    assertThat(e.code()).isEqualTo("webhook_unparseable");
  }

  @Test
  void finishInteractionWithoutGuidIsAParseErrorNamingGuid() {
    WebhookParseException e =
        parseError(
            parser,
            "{\"event\":\"FinishInteraction\",\"date\":\"2023-48-13 06:52:10\","
                + "\"agent\":\"ana.perez\"}");

    assertThat(e.field()).isEqualTo("guid");
  }

  @Test
  void agentRingNoAnswerWithoutAgentNumberOrAgentIsAParseErrorNamingAgentNumber() {
    WebhookParseException e =
        parseError(
            parser,
            "{\"event\":\"AgentRingNoAnswer\",\"date\":\"2023-48-13 06:48:51\","
                + "\"callerIdNum\":\"5114115001\"}");

    assertThat(e.field()).isEqualTo("agentNumber");
  }

  @Test
  void aFieldOfTheWrongShapeIsAParseErrorNamingIt() {
    assertThat(parseError(parser, "{\"event\":\"FinishInteraction\",\"guid\":{\"id\":1}}").field())
        .isEqualTo("guid");
    assertThat(parseError(parser, "{\"event\":[\"AgentLog\"]}").field()).isEqualTo("event");
  }

  @Test
  void aBodyThatIsNotJsonIsAParseError() {
    assertThatThrownBy(
            () -> parser.parse(WebhookRequest.json("event=FinishInteraction&guid=" + GUID)))
        .isInstanceOf(WebhookParseException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () ->
                parser.parse(
                    new WebhookRequest(
                        "text/plain",
                        "event=FinishInteraction".getBytes(StandardCharsets.UTF_8),
                        Map.of())))
        .isInstanceOf(WebhookParseException.class);
  }

  @Test
  void jsonSentAsTextPlainIsStillRead() {
    ProviderEvent e =
        parser
            .parse(
                new WebhookRequest(
                    "text/plain; charset=UTF-8",
                    fixture("ucontact/webhook-finish-interaction.json")
                        .getBytes(StandardCharsets.UTF_8),
                    Map.of()))
            .get(0);

    assertThat(e.providerCallId()).isEqualTo(GUID);
  }
}
