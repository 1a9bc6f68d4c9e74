package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.TestContexts;
import org.dialbridge.core.testing.TestProviders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core reads the generic event format on every provider's path, before the provider's own
 * parser.
 */
class GenericEventsOnEveryProviderTest {
  private final TestContexts contexts = new TestContexts();
  private TelephonyProvider provider;

  @AfterEach
  void close() {
    if (provider != null) provider.close();
    contexts.close();
  }

  private List<ProviderEvent> parse(String type, String contentType, String body) {
    provider = TestProviders.create(type, contexts.context("BR"));
    return WebhookIngestion.parse(
        provider, new WebhookRequest(contentType, body.getBytes(StandardCharsets.UTF_8), Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"c3", "bemmelhor", "bandwidth", "ucontact"})
  void aGenericEventIsReadTheSameOnEveryProvider(String type) {
    String body =
        "{\"event\":\"hangup\",\"actionid\":\"api_abc\",\"cause\":\"USER_BUSY\","
            + "\"time\":\"2026-11-23T12:00:05-05:00\",\"extra\":1}";

    assertThat(parse(type, "application/json", body))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.HANGUP);
              assertThat(e.status()).isEqualTo(CallStatus.BUSY);
              assertThat(e.cause()).isEqualTo(HangupCause.BUSY);
              assertThat(e.rawCause()).isEqualTo("USER_BUSY");
              assertThat(e.providerCallId()).isEqualTo("api_abc");
              assertThat(e.occurredAt()).isEqualTo("2026-11-23T17:00:05Z");
              assertThat(e.eventKey())
                  .isEqualTo("generic|hangup|api_abc|2026-11-23T12:00:05-05:00");
            });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"c3", "bemmelhor", "bandwidth", "ucontact"})
  void aGenericEventLabelledAsTextIsReadByItsFirstCharacter(String type) {
    String body =
        "{\"event\":\"ringing\",\"callId\":\"9cb60bfe8dfb200f\",\"time\":\"2026-11-23T09:00:00-03:0"
            + "0\"}";

    assertThat(parse(type, "text/plain", body))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.RINGING);
              assertThat(e.providerCallId()).isEqualTo("9cb60bfe8dfb200f");
              assertThat(e.occurredAt()).isEqualTo("2026-11-23T12:00:00Z");
              assertThat(e.eventKey()).startsWith("generic|");
            });
  }

  @Test
  void anythingElseGoesToTheProvidersParser() {
    assertThatThrownBy(() -> parse("c3", "application/json", "{\"event\":\"call.answered\"}"))
        .isInstanceOfSatisfying(
            WebhookParseException.class,
            e -> {
              assertThat(e.field()).isEqualTo("event");
              assertThat(e.getMessage()).contains("C3 has no webhook format of its own");
            });
  }
}
