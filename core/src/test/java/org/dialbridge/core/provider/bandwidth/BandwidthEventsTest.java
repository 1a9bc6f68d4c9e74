package org.dialbridge.core.provider.bandwidth;

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
import org.dialbridge.core.model.Direction;
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

class BandwidthEventsTest {
  private final TestContexts contexts = new TestContexts();
  private TelephonyProvider bw;
  private WebhookParser parser;

  @BeforeEach
  void start() {
    ProviderConfig config =
        ProviderConfig.of(
            "bw",
            "bandwidth",
            URI.create("https://api.catapult.inetwork.com/v1"),
            Map.of(
                "user-id",
                "u-7d2c41",
                "api-token",
                "t",
                "api-secret",
                "s",
                "from-number",
                "+19195551212",
                "callback-url",
                "https://hook:pw@crm.example.com/dialbridge/webhooks/bw"));
    bw = new BandwidthProviderFactory().create(config, contexts.context("US"));
    parser = bw.webhookParser();
  }

  @AfterEach
  void stop() {
    bw.close();
    contexts.close();
  }

  /** A delivery as Bandwidth makes it: JSON in UTF-8, the callback URL's credentials as Basic. */
  private static WebhookRequest delivery(String body) {
    return new WebhookRequest(
        "application/json; charset=utf-8",
        body.getBytes(StandardCharsets.UTF_8),
        Map.of("Authorization", List.of("Basic aG9vazpwdw==")));
  }

  private ProviderEvent parse(String body) {
    List<ProviderEvent> events = parser.parse(delivery(body));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void answerEventIsAnsweredAndCarriesTheTagAsDialbridgesCallId() {
    String body = fixture("bandwidth/event-answer.json");

    ProviderEvent e = parse(body);

    assertThat(e.type()).isEqualTo(EventType.ANSWERED);
    assertThat(e.status()).isEqualTo(CallStatus.ANSWERED);
    assertThat(e.cause()).isNull();
    assertThat(e.providerCallId()).isEqualTo("c-3f7a9e21");
    assertThat(e.callId()).isEqualTo("example-tag");
    assertThat(e.number()).isEqualTo("+13865245000");
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2012-11-14T16:28:31.536Z"));
    assertThat(e.eventKey()).isEqualTo("answer|c-3f7a9e21|2012-11-14T16:28:31.536Z");
    assertThat(e.payload()).isEqualTo(body);
  }

  @Test
  void hangupEventEndsTheCallThroughTheCauseTable() {
    ProviderEvent e = parse(fixture("bandwidth/event-hangup.json"));

    assertThat(e.type()).isEqualTo(EventType.HANGUP);
    assertThat(e.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(e.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(e.rawCause()).isEqualTo("NORMAL_CLEARING");
    assertThat(e.providerCallId()).isEqualTo("c-3f7a9e21");
    assertThat(e.callId()).isNull();
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2012-11-14T15:56:12.636Z"));
    assertThat(e.eventKey()).isEqualTo("hangup|c-3f7a9e21|2012-11-14T15:56:12.636Z");
  }

  @Test
  void rejectIsAHangupWhoseHourOnlyOffsetIsRead() {
    ProviderEvent e = parse(fixture("bandwidth/event-reject.json"));

    assertThat(e.type()).isEqualTo(EventType.HANGUP);
    assertThat(e.status()).isEqualTo(CallStatus.REJECTED);
    assertThat(e.cause()).isEqualTo(HangupCause.REJECTED);
    assertThat(e.rawCause()).isEqualTo("CALL_REJECTED");
    assertThat(e.providerCallId()).isEqualTo("c-5b0e1d77");
    assertThat(e.number()).isEqualTo("+12702380149");
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2014-04-23T14:53:43Z"));
    assertThat(e.eventKey()).isEqualTo("hangup|c-5b0e1d77|2014-04-23T11:53:43-03");
  }

  @Test
  void timeoutIsAHangupWithNoAnswer() {
    ProviderEvent e = parse(fixture("bandwidth/event-timeout.json"));

    assertThat(e.type()).isEqualTo(EventType.HANGUP);
    assertThat(e.status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(e.cause()).isEqualTo(HangupCause.NO_ANSWER);
    assertThat(e.rawCause()).isEqualTo("timeout");
    assertThat(e.providerCallId()).isEqualTo("c-9a41c0de");
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2013-11-06T14:25:58.857Z"));
  }

  @Test
  void incomingCallStartsAnInboundCallRingingFromTheCallerToTheNumberDialled() {
    String body = fixture("bandwidth/event-incomingcall.json");

    ProviderEvent e = parse(body);

    assertThat(e.type()).isEqualTo(EventType.INCOMING);
    assertThat(e.startsInbound()).isTrue();
    assertThat(e.direction()).isEqualTo(Direction.INBOUND);
    assertThat(e.status()).isEqualTo(CallStatus.RINGING);
    assertThat(e.cause()).isNull();
    assertThat(e.providerCallId()).isEqualTo("c-0d5e8f12");
    assertThat(e.number()).isEqualTo("+13233326955");
    assertThat(e.dialled()).isEqualTo("+13865245000");
    assertThat(e.callId()).isNull();
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2012-11-14T16:21:59.616Z"));
    assertThat(e.eventKey()).isEqualTo("incomingcall|c-0d5e8f12|2012-11-14T16:21:59.616Z");
    assertThat(e.payload()).isEqualTo(body);
  }

  @Test
  void incomingCallWithoutACallerIsAParseErrorNamingFrom() {
    String body = fixture("bandwidth/event-incomingcall.json").replace("\"+13233326955\"", "\" \"");

    assertThatThrownBy(() -> parser.parse(delivery(body)))
        .isInstanceOfSatisfying(
            WebhookParseException.class, e -> assertThat(e.field()).isEqualTo("from"));
  }

  @Test
  void incomingCallWithoutTheNumberDialledStillStartsTheCall() {
    ProviderEvent e =
        parse(
            "{\"eventType\":\"incomingcall\",\"from\":\"+13233326955\",\"callId\":\"c-1\","
                + "\"time\":\"2012-11-14T16:21:59.616Z\"}");

    assertThat(e.startsInbound()).isTrue();
    assertThat(e.number()).isEqualTo("+13233326955");
    assertThat(e.dialled()).isNull();
  }

  @Test
  void eventsOtherThanIncomingCallStateNoDirection() {
    for (String f : List.of("event-answer.json", "event-hangup.json", "event-timeout.json")) {
      ProviderEvent e = parse(fixture("bandwidth/" + f));
      assertThat(e.direction()).as(f).isNull();
      assertThat(e.dialled()).as(f).isNull();
      assertThat(e.startsInbound()).as(f).isFalse();
    }
  }

  @Test
  void mediaEventsAndUnknownEventTypesAreStoredAsOther() {
    for (String type :
        List.of(
            "playback", "speak", "dtmf", "gather", "recording", "transcription", "conference-x")) {
      ProviderEvent e =
          parse(
              "{\"eventType\":\""
                  + type
                  + "\",\"callId\":\"c-1\",\"callUri\":\"u\","
                  + "\"time\":\"2014-04-23T11:53:43Z\",\"status\":\"done\"}");

      assertThat(e.type()).as(type).isEqualTo(EventType.OTHER);
      assertThat(e.status()).as(type).isNull();
      assertThat(e.providerCallId()).as(type).isEqualTo("c-1");
      assertThat(e.eventKey()).as(type).isEqualTo(type + "|c-1|2014-04-23T11:53:43Z");
    }
  }

  @Test
  void anUndocumentedHangupCauseIsAProviderErrorWithTheRawCauseKept() {
    ProviderEvent e =
        parse(
            "{\"eventType\":\"hangup\",\"callId\":\"c-1\",\"cause\":\"RECOVERY_ON_TIMER_EXPIRE\","
                + "\"time\":\"2014-04-23T11:53:43Z\"}");

    assertThat(e.status()).isEqualTo(CallStatus.FAILED);
    assertThat(e.cause()).isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(e.rawCause()).isEqualTo("RECOVERY_ON_TIMER_EXPIRE");
  }

  @Test
  void anUnreadableTimeLeavesOccurredAtEmptyButKeepsTheEvent() {
    ProviderEvent e =
        parse("{\"eventType\":\"answer\",\"callId\":\"c-1\",\"time\":\"yesterday-ish\"}");

    assertThat(e.type()).isEqualTo(EventType.ANSWERED);
    assertThat(e.occurredAt()).isNull();
    assertThat(e.eventKey()).isEqualTo("answer|c-1|yesterday-ish");
  }

  @Test
  void twoDeliveriesOfOneEventShareTheirKeyAndOtherEventsDoNot() {
    String hangup = fixture("bandwidth/event-hangup.json");

    String first = parse(hangup).eventKey();
    String again = parse(hangup).eventKey();
    String later = parse(hangup.replace("15:56:12.636Z", "15:56:13.000Z")).eventKey();
    String otherLeg = parse(hangup.replace("c-3f7a9e21", "c-customer")).eventKey();

    assertThat(again).isEqualTo(first);
    assertThat(List.of(later, otherLeg)).doesNotContain(first);
  }

  @Test
  void missingEventTypeOrCallIdIsAParseErrorNamingTheField() {
    assertThatThrownBy(
            () -> parser.parse(delivery("{\"callId\":\"c-1\",\"time\":\"2014-04-23T11:53:43Z\"}")))
        .isInstanceOfSatisfying(
            WebhookParseException.class, e -> assertThat(e.field()).isEqualTo("eventType"));
    assertThatThrownBy(() -> parser.parse(delivery("{\"eventType\":\"hangup\",\"callId\":\"  \"}")))
        .isInstanceOfSatisfying(
            WebhookParseException.class, e -> assertThat(e.field()).isEqualTo("callId"));
    assertThatThrownBy(
            () -> parser.parse(delivery("{\"eventType\":{\"nested\":1},\"callId\":\"c-1\"}")))
        .isInstanceOfSatisfying(
            WebhookParseException.class, e -> assertThat(e.field()).isEqualTo("eventType"));
  }

  @Test
  void aBodyThatIsNotJsonIsAParseError() {
    for (WebhookRequest request :
        List.of(
            delivery("eventType=answer&callId=c-1"),
            new WebhookRequest(
                "application/x-www-form-urlencoded",
                "eventType=answer&callId=c-1".getBytes(StandardCharsets.UTF_8),
                Map.of()),
            new WebhookRequest("text/plain", new byte[0], Map.of()),
            delivery("[{\"eventType\":\"answer\"}]"))) {
      assertThatThrownBy(() -> parser.parse(request))
          .isInstanceOfSatisfying(
              WebhookParseException.class,
              e -> {
                assertThat(e.code()).isEqualTo("webhook_unparseable");
                assertThat(e.field()).isNull();
              });
    }
  }

  @Test
  void aJsonBodySentWithAnotherContentTypeIsStillRead() {
    WebhookRequest request =
        new WebhookRequest(
            "text/plain",
            fixture("bandwidth/event-answer.json").getBytes(StandardCharsets.UTF_8),
            Map.of());

    assertThat(parser.parse(request))
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(EventType.ANSWERED));
  }

  @Test
  void causeTableCoversEveryDocumentedCause() {
    Map<String, HangupCause> documented =
        Map.of(
            "ORIGINATOR_CANCEL", HangupCause.CANCELED,
            "NORMAL_CLEARING", HangupCause.NORMAL_CLEARING,
            "USER_BUSY", HangupCause.BUSY,
            "CALL_REJECTED", HangupCause.REJECTED,
            "UNALLOCATED_NUMBER", HangupCause.INVALID_NUMBER,
            "NO_ANSWER", HangupCause.NO_ANSWER,
            "NORMAL_TEMPORARY_FAILURE", HangupCause.NETWORK_FAILURE);

    assertThat(BandwidthProviderFactory.CAUSES.provider()).isEqualTo("bandwidth");
    assertThat(BandwidthProviderFactory.CAUSES.entries()).isEqualTo(documented);
    documented.forEach(
        (raw, cause) -> {
          assertThat(BandwidthProviderFactory.CAUSES.map(raw)).as(raw).isEqualTo(cause);
          assertThat(BandwidthProviderFactory.CAUSES.map(raw.toLowerCase()))
              .as(raw)
              .isEqualTo(cause);
        });
    assertThat(BandwidthProviderFactory.CAUSES.otherwise()).isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(BandwidthProviderFactory.CAUSES.map("SOMETHING_INTERNAL"))
        .isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(BandwidthProviderFactory.CAUSES.map(null)).isEqualTo(HangupCause.PROVIDER_ERROR);
  }
}
