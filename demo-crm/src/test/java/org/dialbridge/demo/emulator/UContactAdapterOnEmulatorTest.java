package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.provider.ucontact.UContactProviderFactory;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.DispositionRequest;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.TelephonyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dialbridge's uContact adapter against the emulated Integra API, so that the demo's wrap-up goes
 * through the same form a real uContact receives.
 */
class UContactAdapterOnEmulatorTest {
  private static final String DISPOSITION_PATH = "/ucontact/Integra/resources/api/DispositionCall";
  private static final Agent ANA = new Agent("ana", "6001", "uc", "ana.perez");

  @RegisterExtension
  final EmulatorUnderTest emulator = new EmulatorUnderTest(ProviderSettings.Type.UCONTACT);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final PhoneNumbers numbers = new PhoneNumbers("PE");
  private TelephonyProvider ucontact;

  @AfterEach
  void stop() {
    if (ucontact != null) ucontact.close();
    scheduler.shutdownNow();
  }

  private TelephonyProvider adapter(String... authKeysAndValues) {
    Map<String, String> p = new HashMap<>();
    p.put("callerid", "5114115000");
    p.put("context", "agentes");
    p.put("outqueue", "manual->");
    p.put("time-zone", "America/Lima");
    p.put("disposition.callback", "Contactado/Volver a llamar");
    for (int i = 0; i < authKeysAndValues.length; i += 2)
      p.put(authKeysAndValues[i], authKeysAndValues[i + 1]);
    ProviderConfig config =
        ProviderConfig.of("uc", "ucontact", emulator.baseUri(ProviderSettings.Type.UCONTACT), p);
    return new UContactProviderFactory()
        .create(config, new ProviderContext(Clock.systemUTC(), numbers, scheduler));
  }

  private List<Map<String, String>> recordedDispositions() {
    return emulator.apiCalls().stream()
        .filter(c -> c.path().equals(DISPOSITION_PATH))
        .map(c -> decode(c.body()))
        .toList();
  }

  private static Map<String, String> decode(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  @Test
  void aDispositionForACallPlacedThroughTheEmulatorIsAcceptedAndRecordedWithItsGuid() {
    emulator.start(EmulatorSettings.Timing.fast());
    ucontact = adapter("token", TestSettings.UC_TOKEN);
    String guid =
        ucontact
            .placeCall(new CallRequest("call-1", ANA, numbers.parse("+51 1 411 5001")))
            .providerCallId();

    ucontact.sendDisposition(
        new DispositionRequest(
            "call-1",
            guid,
            ANA,
            "+5114115001",
            "callback",
            "llamar mañana",
            Instant.parse("2026-11-24T15:30:00Z")));

    assertThat(recordedDispositions())
        .singleElement()
        .satisfies(
            form ->
                assertThat(form)
                    .containsEntry("guid", guid)
                    .containsEntry("agent", "ana.perez")
                    .containsEntry("campaign", "manual")
                    .containsEntry("callerid", "5114115001")
                    .containsEntry("l1", "Contactado")
                    .containsEntry("l2", "Volver a llamar")
                    .containsEntry("schedule", "2026-11-24 10:30:00")
                    .containsEntry("tag", "callback"));
  }

  @Test
  void aDispositionForAnUnknownGuidIsRefused() {
    emulator.start(EmulatorSettings.Timing.fast());
    ucontact = adapter("user", TestSettings.UC_USER, "password", TestSettings.UC_PASSWORD);

    assertThatThrownBy(
            () ->
                ucontact.sendDisposition(
                    new DispositionRequest(
                        "call-9",
                        "00000000-0000-4000-8000-000000000000",
                        ANA,
                        "+5114115001",
                        "no-answer",
                        null,
                        null)))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> assertThat(e.getMessage()).contains("uContact refused the disposition"));
    assertThat(recordedDispositions())
        .singleElement()
        .satisfies(form -> assertThat(form).containsEntry("l1", "no-answer"));
  }
}
