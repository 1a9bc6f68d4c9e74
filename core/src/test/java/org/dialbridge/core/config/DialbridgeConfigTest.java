package org.dialbridge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.phone.NumberType;
import org.junit.jupiter.api.Test;

class DialbridgeConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.default-region", "BR");
    p.put("dialbridge.providers.bm.type", "bemmelhor");
    p.put("dialbridge.providers.bm.base-url", "http://pbx.example.com:3030");
    return p;
  }

  private static DialbridgeConfig parse(Map<String, String> p, Map<String, String> env) {
    return DialbridgeConfig.parse(
        p, env, ProviderFactories.discover(DialbridgeConfigTest.class.getClassLoader()).all());
  }

  private static DialbridgeConfig parse(Map<String, String> p) {
    return parse(p, Map.of());
  }

  @Test
  void aMinimalConfigurationHasTheDocumentedDefaults() {
    DialbridgeConfig c = parse(minimal());

    assertThat(c.enabled()).isTrue();
    assertThat(c.defaultProvider()).isEqualTo("bm");
    assertThat(c.apiPath()).isEqualTo("/dialbridge/api");
    assertThat(c.webhookPath()).isEqualTo("/dialbridge/webhooks");
    assertThat(c.dialPolicy().allowedRegions()).containsExactly("BR");
    assertThat(c.dialPolicy().rateLimit()).isEqualTo(new RateLimit(10, Duration.ofMinutes(1)));
    assertThat(c.dialPolicy().blockedTypes())
        .contains(NumberType.PREMIUM_RATE, NumberType.SHARED_COST, NumberType.EMERGENCY);
    assertThat(c.store().jdbcUrl()).isEqualTo("jdbc:h2:file:./data/dialbridge");
    assertThat(c.store().stuckAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(c.providers().get("bm").config().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.providers().get("bm").config().responseTimeout())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(c.security().history()).isEqualTo(SecuritySettings.HistoryScope.ALL);
    assertThat(c.dialPolicy().oneLiveCall()).isTrue();
    assertThat(c.providers().get("bm").label()).isEqualTo("BemMelhor");
  }

  @Test
  void displayNamesAndTheLiveCallRuleAreConfigurable() {
    Map<String, String> p = minimal();
    p.put("dialbridge.dial.one-live-call", "false");
    p.put("dialbridge.providers.bm.label", "BemMelhor Juiz de Fora");
    p.put("dialbridge.agents.ana.extension", "6001");
    p.put("dialbridge.agents.ana.name", "Ana Pérez");
    p.put("dialbridge.agents.bo.extension", "6002");

    DialbridgeConfig c = parse(p);

    assertThat(c.dialPolicy().oneLiveCall()).isFalse();
    assertThat(c.providers().get("bm").label()).isEqualTo("BemMelhor Juiz de Fora");
    assertThat(c.agents().get("ana").name()).isEqualTo("Ana Pérez");
    assertThat(c.agents().get("bo").name()).isEqualTo("bo");
  }

  @Test
  void aBadLiveCallRuleNamesItsKey() {
    Map<String, String> p = minimal();
    p.put("dialbridge.dial.one-live-call", "sometimes");

    assertThatThrownBy(() -> parse(p))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.dial.one-live-call"));
  }

  @Test
  void anUnknownKeyIsNamedWithASuggestion() {
    Map<String, String> p = minimal();
    p.put("dialbridge.dial.rate-limt", "5/1m");

    assertThatThrownBy(() -> parse(p))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("dialbridge.dial.rate-limt");
              assertThat(e.getMessage())
                  .contains("unknown key")
                  .contains("did you mean dialbridge.dial.rate-limit?");
            });
  }

  @Test
  void aProviderKeyItsTypeDoesNotReadIsUnknown() {
    Map<String, String> p = minimal();
    p.put("dialbridge.providers.bm.token", "x");

    assertThatThrownBy(() -> parse(p))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.bm.token"));
  }

  @Test
  void everyProblemIsReportedAtOnceOneLineEach() {
    Map<String, String> p = minimal();
    p.put("dialbridge.providers.bm.connect-timeout", "soon");
    p.put("dialbridge.default-region", "XX");
    p.put("dialbridge.providers.c3.type", "c3");

    assertThatThrownBy(() -> parse(p))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigException.Problem::key)
                  .contains(
                      "dialbridge.providers.bm.connect-timeout",
                      "dialbridge.default-region",
                      "dialbridge.providers.c3.base-url");
              assertThat(e.getMessage())
                  .contains("problems:")
                  .contains("\n  dialbridge.default-region: ");
            });
  }

  @Test
  void noProviderIsAProblem() {
    assertThatThrownBy(() -> parse(Map.of("dialbridge.default-region", "BR")))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("dialbridge.providers"));
  }

  @Test
  void anUnknownProviderTypeIsNamed() {
    Map<String, String> p = minimal();
    p.put("dialbridge.providers.bm.type", "twilio");

    assertThatThrownBy(() -> parse(p))
        .hasMessageContaining("dialbridge.providers.bm.type: unknown provider type 'twilio'");
  }

  @Test
  void aProviderWithoutATypeIsToldTheTypesTheFactoriesKnow() {
    Map<String, String> p = minimal();
    p.remove("dialbridge.providers.bm.type");

    assertThatThrownBy(() -> parse(p))
        .hasMessageContaining(
            "dialbridge.providers.bm.type: missing (one of c3, bemmelhor, bandwidth, bandwidth-v2,"
                + " ucontact)");
  }

  @Test
  void bandwidthV2NeedsNoBaseUrlAndItsAdapterSeesTheWebhookCredentials() {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.default-region", "US");
    p.put("dialbridge.providers.bw2.type", "bandwidth-v2");
    p.put("dialbridge.providers.bw2.account-id", "9900000");
    p.put("dialbridge.providers.bw2.webhook-basic-user", "hook");
    p.put("dialbridge.providers.bw2.webhook-basic-password", "w3bh00k-pw");

    ProviderSettings bw2 = parse(p).providers().get("bw2");

    assertThat(bw2.config().baseUri()).hasToString("https://voice.bandwidth.com/api/v2");
    assertThat(bw2.config().get("webhook-basic-user")).contains("hook");
    assertThat(bw2.config().get("webhook-basic-password")).contains("w3bh00k-pw");
    assertThat(bw2.webhookAuth().basicUser()).isEqualTo("hook");
    assertThat(bw2.label()).isEqualTo("Bandwidth");
    assertThat(bw2.config().toString()).doesNotContain("w3bh00k-pw");
  }

  @Test
  void aTypeThatDeclaresNoWebhookKeyIsNotGivenThem() {
    Map<String, String> p = minimal();
    p.put("dialbridge.providers.bm.webhook-basic-user", "hook");
    p.put("dialbridge.providers.bm.webhook-basic-password", "pw");
    p.put("dialbridge.providers.bm.client-id", "e57575aa-8995-43b6-8942-31e6e9135a25");

    ProviderSettings bm = parse(p).providers().get("bm");

    assertThat(bm.config().get("webhook-basic-user")).isEmpty();
    assertThat(bm.webhookAuth().basicUser()).isEqualTo("hook");
  }

  @Test
  void aTypeWithoutADefaultStillNeedsItsBaseUrl() {
    Map<String, String> p = minimal();
    p.remove("dialbridge.providers.bm.base-url");
    assertThatThrownBy(() -> parse(p))
        .hasMessageContaining("dialbridge.providers.bm.base-url: missing");
  }

  @Test
  void severalProvidersNeedADefault() {
    Map<String, String> p = minimal();
    p.put("dialbridge.providers.c3.type", "c3");
    p.put("dialbridge.providers.c3.base-url", "https://x.c3.pe");
    p.put("dialbridge.providers.c3.token", "t");

    assertThatThrownBy(() -> parse(p))
        .hasMessageContaining("dialbridge.default-provider: required");
  }

  @Test
  void environmentVariablesFillSecrets() {
    Map<String, String> p = minimal();
    p.put("dialbridge.providers.bm.webhook-token", "${env:BM_TOKEN}");
    p.put("dialbridge.store.user", "${env:DB_USER:-dialbridge}");

    DialbridgeConfig c = parse(p, Map.of("BM_TOKEN", "s3cr3t"));

    assertThat(c.providers().get("bm").webhookAuth().token().reveal()).isEqualTo("s3cr3t");
    assertThat(c.store().user()).isEqualTo("dialbridge");
    assertThat(c.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void aMissingEnvironmentVariableIsNamed() {
    Map<String, String> p = minimal();
    p.put("dialbridge.providers.bm.webhook-token", "${env:BM_TOKEN}");

    assertThatThrownBy(() -> parse(p))
        .hasMessageContaining(
            "dialbridge.providers.bm.webhook-token: refers to environment variable BM_TOKEN, which"
                + " is not set");
  }

  @Test
  void secretsNeverShowInToString() {
    Map<String, String> p = minimal();
    p.put("dialbridge.providers.bw.type", "ucontact");
    p.put("dialbridge.providers.bw.base-url", "https://x.ucontactcloud.com");
    p.put("dialbridge.providers.bw.token", "tok-123");
    p.put("dialbridge.providers.bw.callerid", "1");
    p.put("dialbridge.providers.bw.context", "agentes");
    p.put("dialbridge.providers.bw.outqueue", "manual->");
    p.put("dialbridge.providers.bw.webhook-basic-user", "hook");
    p.put("dialbridge.providers.bw.webhook-basic-password", "pw-456");
    p.put("dialbridge.providers.bw.webhook-hmac-secret", "hm-1,hm-2");
    p.put("dialbridge.default-provider", "bm");
    p.put("dialbridge.store.password", "db-789");

    String text = parse(p).toString();

    assertThat(text).doesNotContain("tok-123", "pw-456", "hm-1", "db-789").contains("****");
  }

  @Test
  void aZeroHmacToleranceIsRefusedAtStartup() {
    Map<String, String> p = minimal();
    p.put("dialbridge.providers.bm.webhook-hmac-secret", "s");
    p.put("dialbridge.providers.bm.webhook-hmac-tolerance", "0s");

    assertThatThrownBy(() -> parse(p))
        .hasMessageContaining("dialbridge.providers.bm.webhook-hmac-tolerance");
  }

  @Test
  void agentsDefaultToTheDefaultProviderAndTheirUserNameWhichMayHaveDots() {
    Map<String, String> p = minimal();
    p.put("dialbridge.agents.ana.extension", "6001");
    p.put("dialbridge.agents.bruno.silva@crm.example.extension", "6002");
    p.put("dialbridge.agents.bruno.silva@crm.example.provider-user", "bsilva");

    DialbridgeConfig c = parse(p);

    assertThat(c.agents().get("ana"))
        .isEqualTo(new AgentSettings("ana", "6001", "bm", "ana", "ana"));
    assertThat(c.agents().get("bruno.silva@crm.example"))
        .isEqualTo(new AgentSettings("bruno.silva@crm.example", "6002", "bm", "bsilva", null));
  }

  @Test
  void anAgentOnAnUnknownProviderIsNamed() {
    Map<String, String> p = minimal();
    p.put("dialbridge.agents.ana.extension", "6001");
    p.put("dialbridge.agents.ana.provider", "c3");

    assertThatThrownBy(() -> parse(p)).hasMessageContaining("dialbridge.agents.ana.provider");
  }

  @Test
  void aWildcardOriginIsRefused() {
    Map<String, String> p = minimal();
    p.put("dialbridge.security.allowed-origins", "*");

    assertThatThrownBy(() -> parse(p)).hasMessageContaining("dialbridge.security.allowed-origins");
  }

  @Test
  void ratesAndDurationsReadAsWritten() {
    assertThat(RateLimit.parse("10/1m")).isEqualTo(new RateLimit(10, Duration.ofMinutes(1)));
    assertThat(RateLimit.parse("100/h")).isEqualTo(new RateLimit(100, Duration.ofHours(1)));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> RateLimit.parse("ten")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysOutsideDialbridgeAreIgnoredAndOptOutIsRead() {
    Map<String, String> p = minimal();
    p.put("other.setting", "x");
    p.put("dialbridge.enabled", "false");

    assertThat(parse(p).enabled()).isFalse();
  }
}
