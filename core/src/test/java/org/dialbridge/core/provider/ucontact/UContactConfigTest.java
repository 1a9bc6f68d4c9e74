package org.dialbridge.core.provider.ucontact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.testing.TestContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** uContact's disposition keys as the configuration check sees them, then as the adapter does. */
class UContactConfigTest {
  private static final String UC = "dialbridge.providers.uc.";

  private final TestContexts contexts = new TestContexts();

  @AfterEach
  void stop() {
    contexts.close();
  }

  private static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.default-region", "PE");
    p.put(UC + "type", "ucontact");
    p.put(UC + "base-url", "https://acme.ucontactcloud.com");
    p.put(UC + "token", "dG9rZW4=");
    p.put(UC + "callerid", "5114115000");
    p.put(UC + "context", "agentes");
    p.put(UC + "outqueue", "manual->");
    return p;
  }

  private static DialbridgeConfig parse(Map<String, String> p) {
    return DialbridgeConfig.parse(
        p, Map.of(), ProviderFactories.discover(UContactConfigTest.class.getClassLoader()).all());
  }

  @Test
  void dispositionKeysAreAcceptedAndReachTheAdapterByShortName() {
    Map<String, String> p = minimal();
    p.put(UC + "disposition.callback", "Contactado/Volver a llamar");
    p.put(UC + "disposition.left-voicemail", "No contactado/Buzón de voz");
    p.put(UC + "disposition-campaign", "Ventas");
    p.put(UC + "time-zone", "America/Lima");

    ProviderConfig config = parse(p).providers().get("uc").config();

    assertThat(config.withPrefix("disposition."))
        .containsOnly(
            Map.entry("callback", "Contactado/Volver a llamar"),
            Map.entry("left-voicemail", "No contactado/Buzón de voz"));
    assertThat(config.get("time-zone")).hasValue("America/Lima");
    new UContactProviderFactory().create(config, contexts.context("PE")).close();
  }

  @Test
  void keysBesideTheDispositionFamilyAreStillUnknown() {
    Map<String, String> p = minimal();
    p.put(UC + "dispositions.callback", "Contactado");
    p.put(UC + "disposition", "Contactado");
    p.put(UC + "timezone", "America/Lima");

    assertThatThrownBy(() -> parse(p))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigException.Problem::key)
                    .containsExactlyInAnyOrder(
                        UC + "dispositions.callback", UC + "disposition", UC + "timezone"));
  }

  @Test
  void aBadTimeZonePassesTheKeyCheckAndStopsTheAdapterNamingTheKey() {
    Map<String, String> p = minimal();
    p.put(UC + "time-zone", "GMT+25");

    ProviderConfig config = parse(p).providers().get("uc").config();

    assertThatThrownBy(
            () -> new UContactProviderFactory().create(config, contexts.context("PE")).close())
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo(UC + "time-zone");
              assertThat(e.getMessage()).contains("GMT+25", "America/Lima");
            });
  }
}
