package org.dialbridge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.spi.Disposition;
import org.dialbridge.core.spi.Disposition.Outcome;
import org.junit.jupiter.api.Test;

/** {@code dialbridge.wrap-up.*} and {@code dialbridge.dispositions.*}: defaults and bad values. */
class WrapUpConfigTest {

  private static DialbridgeConfig parse(Map<String, String> extra) {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.default-region", "BR");
    p.put("dialbridge.providers.bm.type", "bemmelhor");
    p.put("dialbridge.providers.bm.base-url", "http://pbx.example.com:3030");
    p.putAll(extra);
    return DialbridgeConfig.parse(
        p, Map.of(), ProviderFactories.discover(WrapUpConfigTest.class.getClassLoader()).all());
  }

  private static void refused(Map<String, String> extra, String key, String words) {
    assertThatThrownBy(() -> parse(extra))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo(key);
              assertThat(e.getMessage()).contains(words);
            });
  }

  @Test
  void theDefaultsAreDocumented() {
    DialbridgeConfig c = parse(Map.of());

    assertThat(c.wrapUp()).isEqualTo(new WrapUpSettings(Duration.ofHours(1), false, 2000));
    assertThat(c.dispositions())
        .extracting(Disposition::code)
        .containsExactly(
            "connected",
            "left-live-message",
            "left-voicemail",
            "callback",
            "no-answer",
            "busy",
            "wrong-number");
    assertThat(c.dispositions())
        .allSatisfy(d -> assertThat(d.labels()).containsKeys("en", "es", "pt-BR"));
    assertThat(c.dispositions().get(3).callback()).isTrue();
  }

  @Test
  void theWrapUpKeysAreRead() {
    DialbridgeConfig c =
        parse(
            Map.of(
                "dialbridge.wrap-up.editable-for", "30m",
                "dialbridge.wrap-up.required", "yes",
                "dialbridge.wrap-up.note-max-length", "500"));

    assertThat(c.wrapUp()).isEqualTo(new WrapUpSettings(Duration.ofMinutes(30), true, 500));
  }

  @Test
  void badWrapUpValuesNameTheirKey() {
    refused(
        Map.of("dialbridge.wrap-up.editable-for", "0s"),
        "dialbridge.wrap-up.editable-for",
        "longer than 0");
    refused(
        Map.of("dialbridge.wrap-up.required", "maybe"),
        "dialbridge.wrap-up.required",
        "true or false");
    refused(
        Map.of("dialbridge.wrap-up.note-max-length", "100000"),
        "dialbridge.wrap-up.note-max-length",
        "from 1 to 5000");
  }

  @Test
  void aListedCatalogKeepsTheDefaultsLabelsAndTakesNewOnes() {
    DialbridgeConfig c =
        parse(
            Map.of(
                "dialbridge.dispositions.list", "callback, promise-to-pay",
                "dialbridge.dispositions.callback.label.es", "Llamar luego",
                "dialbridge.dispositions.promise-to-pay.label", "Promise to pay",
                "dialbridge.dispositions.promise-to-pay.group", "won",
                "dialbridge.dispositions.promise-to-pay.callback", "true",
                "dialbridge.dispositions.promise-to-pay.offered-for", "answered, no-answer"));

    Disposition callback = c.dispositions().get(0);
    assertThat(callback.label("es")).isEqualTo("Llamar luego");
    assertThat(callback.label("en")).isEqualTo("Callback");
    Disposition promise = c.dispositions().get(1);
    assertThat(promise.group()).isEqualTo("won");
    assertThat(promise.callback()).isTrue();
    assertThat(promise.offeredFor()).containsExactly(Outcome.ANSWERED, Outcome.NO_ANSWER);
  }

  @Test
  void aBadCatalogNamesTheKey() {
    refused(
        Map.of("dialbridge.dispositions.list", "sold"),
        "dialbridge.dispositions.sold.label",
        "needs its label");
    refused(
        Map.of(
            "dialbridge.dispositions.list", "connected",
            "dialbridge.dispositions.connected.offered-for", "hung-up"),
        "dialbridge.dispositions.connected.offered-for",
        "'hung-up' is not a call outcome");
    refused(
        Map.of(
            "dialbridge.dispositions.list", "connected",
            "dialbridge.dispositions.connected.label.fr", "Joint"),
        "dialbridge.dispositions.connected.label.fr",
        "not a language");
    refused(
        Map.of("dialbridge.dispositions.connected.label", "Reached"),
        "dialbridge.dispositions.list",
        "missing");
    refused(
        Map.of("dialbridge.dispositions.list", "connected,connected"),
        "dialbridge.dispositions.list",
        "listed twice");
    refused(
        Map.of("dialbridge.dispositions.list", "no good"),
        "dialbridge.dispositions.list",
        "1 to 64 letters");
  }
}
