package org.dialbridge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.error.ConfigException;
import org.junit.jupiter.api.Test;

/** {@code dialbridge.inbound.*}: defaults, routes, and a bad value named by its key. */
class InboundConfigTest {

  private static DialbridgeConfig parse(Map<String, String> extra) {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.default-region", "BR");
    p.put("dialbridge.providers.bm.type", "bemmelhor");
    p.put("dialbridge.providers.bm.base-url", "http://pbx.example.com:3030");
    p.putAll(extra);
    return DialbridgeConfig.parse(
        p, Map.of(), ProviderFactories.discover(InboundConfigTest.class.getClassLoader()).all());
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
    assertThat(parse(Map.of()).inbound()).isEqualTo(InboundSettings.DEFAULTS);
    assertThat(InboundSettings.DEFAULTS.severalMatches())
        .isEqualTo(InboundSettings.SeveralMatches.ASK);
    assertThat(InboundSettings.DEFAULTS.pop()).isEqualTo(InboundSettings.Pop.RING);
  }

  @Test
  void routesAreReadByTheirNumbersDigits() {
    InboundSettings s =
        parse(
                Map.of(
                    "dialbridge.inbound.routes.+551140040000", "ana, bruno",
                    "dialbridge.inbound.routes.551130030000", "carla",
                    "dialbridge.inbound.routes.default", "zoe",
                    "dialbridge.inbound.several-matches", "most-recent",
                    "dialbridge.inbound.pop", "answer",
                    "dialbridge.inbound.create-contact-url", "/crm/contacts/new?phone={number}",
                    "dialbridge.inbound.contact-url", "https://crm.example.com/c/{id}"))
            .inbound();

    assertThat(s.route("551140040000")).containsExactly("ana", "bruno");
    assertThat(s.route("551130030000")).containsExactly("carla");
    assertThat(s.route("551199999999")).containsExactly("zoe");
    assertThat(s.route(null)).containsExactly("zoe");
    assertThat(s.severalMatches()).isEqualTo(InboundSettings.SeveralMatches.MOST_RECENT);
    assertThat(s.pop()).isEqualTo(InboundSettings.Pop.ANSWER);
    assertThat(s.createContactUrl()).isEqualTo("/crm/contacts/new?phone={number}");
    assertThat(s.contactUrl()).isEqualTo("https://crm.example.com/c/{id}");
    assertThat(parse(Map.of()).inbound().route("551140040000")).isEqualTo(List.of());
  }

  @Test
  void aBadValueIsNamedByItsKey() {
    refused(
        Map.of("dialbridge.inbound.several-matches", "first"),
        "dialbridge.inbound.several-matches",
        "must be one of ask, most-recent, none");
    refused(
        Map.of("dialbridge.inbound.pop", "always"),
        "dialbridge.inbound.pop",
        "must be one of ring, answer, never");
    refused(
        Map.of("dialbridge.inbound.routes.reception", "ana"),
        "dialbridge.inbound.routes.reception",
        "is not a phone number");
    refused(
        Map.of("dialbridge.inbound.routes.+551140040000", " , "),
        "dialbridge.inbound.routes.+551140040000",
        "names no user");
    refused(
        Map.of("dialbridge.inbound.create-contact-url", "javascript:alert(1)//{number}"),
        "dialbridge.inbound.create-contact-url",
        "is not an http(s) URL");
    refused(
        Map.of("dialbridge.inbound.contact-url", "//evil.example.com/{id}"),
        "dialbridge.inbound.contact-url",
        "is not an http(s) URL");
  }
}
