package org.dialbridge.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.provider.support.GenericEvents;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookParser;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.Fixtures;
import org.dialbridge.core.testing.TestContexts;
import org.dialbridge.core.testing.TestProviders;

/**
 * Hostile webhook bodies: mutations of every documented payload, and well-formed JSON with the
 * documented field names holding values of every type. A parser may accept a body or refuse it with
 * its declared errors; anything else (a NullPointerException, a ClassCastException, a half-built
 * event) is a defect. Each input goes to all five parsers: 10,000 inputs per parser and property;
 * jqwik logs the seed of a failure.
 */
class WebhookParserFuzzTest {
  private static final TestContexts CONTEXTS = new TestContexts();

  private static final List<String> FIXTURES =
      List.of(
          "bemmelhor/webhook-call-dialing.json",
          "bemmelhor/webhook-call-hangup.json",
          "ucontact/webhook-agent-break.json",
          "ucontact/webhook-agent-log.json",
          "ucontact/webhook-agent-ring-no-answer.json",
          "ucontact/webhook-finish-interaction.json",
          "bandwidth/event-answer.json",
          "bandwidth/event-hangup.json",
          "bandwidth/event-incomingcall.json",
          "bandwidth/event-reject.json",
          "bandwidth/event-timeout.json",
          "bandwidth-v2/callback-answer.json",
          "bandwidth-v2/callback-disconnect.json",
          "bandwidth-v2/callback-disconnect-timeout.json",
          "bandwidth-v2/callback-initiate.json",
          "bandwidth-v2/callback-transfer-answer.json",
          "bandwidth-v2/callback-transfer-complete.json",
          "bandwidth-v2/callback-transfer-disconnect.json",
          "bandwidth-v2/callback-transfer-disconnect-busy.json");
  private static final List<String> GENERIC =
      List.of(
          "{\"event\":\"hangup\",\"callId\":\"api_1\",\"cause\":\"USER_BUSY\",\"time\":\"2026-11-23"
              + "T12:00:05-05:00\",\"eventId\":\"e1\"}",
          "{\"event\":\"answered\",\"actionid\":\"api_1\",\"time\":\"2026-11-23T12:00:05Z\"}",
          "{\"event\":\"ringing\",\"direction\":\"inbound\",\"callId\":\"pbx-7781\",\"from\":\"+51"
              + " 987 654"
              + " 321\",\"to\":\"+5114400000\",\"agent\":\"6001\",\"time\":\"2026-12-02T09:0"
              + "0:00-05:00\",\"eventId\":\"pbx-7781-1\"}");
  private static final List<String> FIELDS =
      List.of(
          "event",
          "eventType",
          "callId",
          "actionid",
          "clientId",
          "data",
          "data.callId",
          "data.created",
          "data.to",
          "data.from",
          "data.disposition",
          "data.error",
          "time",
          "cause",
          "tag",
          "guid",
          "agent",
          "agentNumber",
          "callerIdNum",
          "date",
          "eventId",
          "to",
          "from",
          "callState",
          "direction",
          "applicationId",
          "eventTime",
          "parentCallId",
          "sipResponseCode");

  private static final Map<String, TelephonyProvider> PROVIDERS = providers();

  private static Map<String, TelephonyProvider> providers() {
    Map<String, TelephonyProvider> providers = new LinkedHashMap<>();
    for (String type : TestProviders.TYPES) {
      providers.put(type, TestProviders.create(type, CONTEXTS.context("BR")));
    }
    return providers;
  }

  @AfterContainer
  static void close() {
    PROVIDERS.values().forEach(TelephonyProvider::close);
    CONTEXTS.close();
  }

  @Property(tries = 10_000)
  void mutatedDocumentedPayloadsGiveEventsOrTheDeclaredError(
      @ForAll("mutatedPayloads") String body, @ForAll("contentTypes") String contentType) {
    PROVIDERS
        .values()
        .forEach(provider -> parseSafely(asTheCoreReads(provider), contentType, body));
  }

  @Property(tries = 10_000)
  void documentedFieldsHoldingAnyTypeGiveEventsOrTheDeclaredError(
      @ForAll("structuredPayloads") String body) {
    PROVIDERS
        .values()
        .forEach(provider -> parseSafely(asTheCoreReads(provider), "application/json", body));
  }

  @net.jqwik.api.Example
  void deeplyNestedJsonIsRefusedAsUnparseable() {
    String deep = "{\"event\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    for (TelephonyProvider provider : PROVIDERS.values()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> asTheCoreReads(provider).parse(WebhookRequest.json(deep)))
          .isInstanceOf(WebhookParseException.class);
    }
  }

  /** The provider's parser behind the generic format, as the core reads every delivery. */
  private static WebhookParser asTheCoreReads(TelephonyProvider provider) {
    return GenericEvents.withGeneric(
        (request, root, payload) -> provider.webhookParser().parse(request));
  }

  static void parseSafely(WebhookParser parser, String contentType, String body) {
    List<ProviderEvent> events;
    try {
      events =
          parser.parse(
              new WebhookRequest(contentType, body.getBytes(StandardCharsets.UTF_8), Map.of()));
    } catch (WebhookParseException | WebhookAuthenticationException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    assertThat(events).isNotNull();
    for (ProviderEvent e : events) {
      assertThat(e.eventKey()).isNotBlank();
      assertThat(e.type()).isNotNull();
      assertThat(e.payload())
          .isEqualTo(new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of(
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "",
        "application/x-www-form-urlencoded");
  }

  @Provide
  Arbitrary<String> mutatedPayloads() {
    List<String> seeds = new ArrayList<>(GENERIC);
    FIXTURES.forEach(f -> seeds.add(Fixtures.fixture(f)));
    Arbitrary<String> seed = Arbitraries.of(seeds);
    return Combinators.combine(
            seed,
            Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.longs())
        .as(
            (s, ops, salt) -> {
              String text = s;
              java.util.Random random = new java.util.Random(salt);
              for (int op : ops) text = mutate(text, op, random);
              return text;
            });
  }

  private static final String SPECIALS = "\"{}[],:0-.eE\\\u0000\uD800 nulltrue";

  private static String mutate(String text, int op, java.util.Random random) {
    if (text.isEmpty()) return "{";
    int at = random.nextInt(text.length());
    return switch (op) {
      case 1 ->
          text.substring(0, at)
              + text.substring(Math.min(text.length(), at + 1 + random.nextInt(8)));
      case 2 ->
          text.substring(0, at)
              + SPECIALS.charAt(random.nextInt(SPECIALS.length()))
              + text.substring(at);
      case 3 -> text.substring(0, at);
      case 4 ->
          text.replaceFirst(
              "\"[^\"]*\"(?=\\s*[,}])",
              List.of(
                      "null",
                      "1e999",
                      "[]",
                      "{}",
                      "true",
                      "\"\"",
                      "-0",
                      "\"" + "9".repeat(40) + "\"",
                      "[".repeat(40) + "]".repeat(40))
                  .get(random.nextInt(9)));
      case 5 ->
          text.substring(0, at)
              + text.substring(at, Math.min(text.length(), at + 20)).repeat(2)
              + text.substring(at);
      default -> "[" + text + "]";
    };
  }

  @Provide
  Arbitrary<String> structuredPayloads() {
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.of(
                "null",
                "true",
                "0",
                "-1",
                "1.5e308",
                "[]",
                "{}",
                "\"\"",
                "\"h\"",
                "\"call.hangup\"",
                "\"call.dialing\"",
                "\"hangup\"",
                "\"answer\"",
                "\"timeout\"",
                "\"incomingcall\"",
                "\"incoming\"",
                "\"ringing\"",
                "\"inbound\"",
                "\"+13233326955\"",
                "\"FinishInteraction\"",
                "\"AgentRingNoAnswer\"",
                "\"NO ANSWER\"",
                "\"2023-48-13 06:48:51\"",
                "\"2014-04-23T11:53:43-03\"",
                "1613584017387",
                "\"e57575aa-8995-43b6-8942-31e6e9135a25\"",
                "{\"callId\":null}",
                "[1,2,3]"),
            Arbitraries.strings()
                .ofMaxLength(12)
                .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    Arbitrary<String> field =
        Combinators.combine(Arbitraries.of(FIELDS), values)
            .as(
                (name, value) -> {
                  int dot = name.indexOf('.');
                  return dot < 0
                      ? "\"" + name + "\":" + value
                      : "\""
                          + name.substring(0, dot)
                          + "\":{\""
                          + name.substring(dot + 1)
                          + "\":"
                          + value
                          + "}";
                });
    return field
        .list()
        .ofMinSize(0)
        .ofMaxSize(8)
        .uniqueElements(f -> f.substring(0, f.indexOf(':')))
        .map(fields -> "{" + String.join(",", fields) + "}");
  }

  static Set<String> types() {
    return PROVIDERS.keySet();
  }
}
