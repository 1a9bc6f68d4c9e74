package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorSettingsTest {

  @Test
  void defaultsEmulateAllFiveProvidersPostingUnderTheDialbridgeBaseUrl() {
    EmulatorSettings settings =
        EmulatorSettings.defaults(URI.create("http://localhost:8080/dialbridge/"));

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isZero();
    assertThat(settings.timing()).isEqualTo(EmulatorSettings.Timing.realistic());
    assertThat(settings.providers())
        .extracting(ProviderSettings::name, ProviderSettings::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c3", ProviderSettings.Type.C3),
            org.assertj.core.groups.Tuple.tuple("bemmelhor", ProviderSettings.Type.BEMMELHOR),
            org.assertj.core.groups.Tuple.tuple("bandwidth", ProviderSettings.Type.BANDWIDTH),
            org.assertj.core.groups.Tuple.tuple("bandwidth-v2", ProviderSettings.Type.BANDWIDTH_V2),
            org.assertj.core.groups.Tuple.tuple("ucontact", ProviderSettings.Type.UCONTACT));
    ProviderSettings.C3 c3 = (ProviderSettings.C3) settings.provider("c3").orElseThrow();
    assertThat(c3.webhookUrl())
        .isEqualTo(URI.create("http://localhost:8080/dialbridge/webhooks/c3"));
    assertThat(c3.webhookToken()).isEqualTo("demo-c3-webhook-token");
    assertThat(c3.token()).isEqualTo(EmulatorSettings.DEMO_C3_TOKEN);
    ProviderSettings.BandwidthV2 v2 =
        (ProviderSettings.BandwidthV2) settings.provider("bandwidth-v2").orElseThrow();
    assertThat(v2.initiateUrl())
        .isEqualTo(URI.create("http://localhost:8080/dialbridge/webhooks/bandwidth-v2"));
    assertThat(v2.webhookPassword()).isEqualTo(EmulatorSettings.DEMO_BANDWIDTH_V2_WEBHOOK_PASSWORD);
    assertThat(v2.toString()).doesNotContain(v2.password()).doesNotContain(v2.webhookPassword());
    ProviderSettings.UContact uContact =
        (ProviderSettings.UContact) settings.provider("ucontact").orElseThrow();
    assertThat(uContact.webhookUrl())
        .isEqualTo(URI.create("http://localhost:8080/dialbridge/webhooks/ucontact"));
    assertThat(new String(java.util.Base64.getDecoder().decode(uContact.token())))
        .startsWith("demo:");
  }

  @Test
  void twoProvidersOfOneTypeAreRefusedBecauseTheyWouldShareAPrefix() {
    EmulatorSettings defaults =
        EmulatorSettings.defaults(URI.create("http://localhost:8080/dialbridge"));

    assertThatThrownBy(
            () ->
                defaults.withProviders(
                    List.of(
                        new ProviderSettings.C3("c3-lima", URI.create("http://x/1"), null, null),
                        new ProviderSettings.C3("c3-cusco", URI.create("http://x/2"), null, null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/c3");
  }

  @Test
  void oneNameTwiceIsRefused() {
    EmulatorSettings defaults =
        EmulatorSettings.defaults(URI.create("http://localhost:8080/dialbridge"));

    assertThatThrownBy(
            () ->
                defaults.withProviders(
                    List.of(
                        new ProviderSettings.C3("pbx", URI.create("http://x/1"), null, null),
                        new ProviderSettings.BemMelhor(
                            "pbx", URI.create("http://x/2"), null, "client"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pbx");
  }

  @Test
  void timingRefusesTalkMaxBelowTalkMinAndANonPositiveScale() {
    EmulatorSettings.Timing fast = EmulatorSettings.Timing.fast();

    assertThatThrownBy(() -> fast.withTalkTime(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("talkMax");
    assertThatThrownBy(() -> fast.withScale(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale");
    assertThatThrownBy(() -> fast.withScale(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void portOutOfRangeIsRefused() {
    EmulatorSettings defaults =
        EmulatorSettings.defaults(URI.create("http://localhost:8080/dialbridge"));

    assertThatThrownBy(() -> defaults.withPort(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  @Test
  void settingsPrintNoSecrets() {
    EmulatorSettings settings =
        EmulatorSettings.defaults(URI.create("http://localhost:8080/dialbridge"));

    assertThat(settings.toString())
        .doesNotContain(EmulatorSettings.DEMO_C3_TOKEN)
        .doesNotContain(EmulatorSettings.DEMO_BANDWIDTH_API_SECRET)
        .doesNotContain(EmulatorSettings.DEMO_UCONTACT_TOKEN)
        .doesNotContain(EmulatorSettings.DEMO_UCONTACT_PASSWORD)
        .doesNotContain("webhook-token");
  }
}
