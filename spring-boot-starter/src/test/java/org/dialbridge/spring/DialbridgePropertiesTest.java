package org.dialbridge.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.dialbridge.core.error.ConfigException;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DialbridgePropertiesTest {
  private final StandardEnvironment environment = new StandardEnvironment();

  private void file(Map<String, Object> properties) {
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("application.properties", properties));
  }

  private void osEnvironment(Map<String, Object> variables) {
    environment
        .getPropertySources()
        .addFirst(new SystemEnvironmentPropertySource("systemEnvironment", variables));
  }

  @Test
  void springPlaceholdersAreResolvedAndTheStartersOwnKeysKeptApart() {
    osEnvironment(Map.of("C3_TOKEN", "t0k3n"));
    file(
        Map.of(
            "dialbridge.providers.c3.token",
            "${C3_TOKEN}",
            "dialbridge.default-region",
            "PE",
            "dialbridge.spring.principal-attribute",
            "preferred_username",
            "dialbridge.spring.admin-authority",
            "ROLE_ADMIN"));

    DialbridgeProperties p = DialbridgeProperties.from(environment);

    assertThat(p.dialbridge())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("dialbridge.providers.c3.token", "t0k3n", "dialbridge.default-region", "PE"));
    assertThat(p.principalAttribute()).isEqualTo("preferred_username");
    assertThat(p.adminAuthority()).isEqualTo("ROLE_ADMIN");
    assertThat(p.toString()).doesNotContain("t0k3n");
  }

  @Test
  void environmentVariablesBindRelaxedly() {
    osEnvironment(
        Map.of(
            "DIALBRIDGE_PROVIDERS_C3_TOKEN",
            "from-env",
            "DIALBRIDGE_AGENTS_ANA_EXTENSION",
            "6001"));

    assertThat(DialbridgeProperties.from(environment).dialbridge())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "dialbridge.providers.c3.token",
                "from-env",
                "dialbridge.agents.ana.extension",
                "6001"));
  }

  @Test
  void dialbridgesEnvPlaceholderInSpringsConfigurationIsAStartUpErrorNotALiteral() {
    file(
        Map.of(
            "dialbridge.providers.bm.webhook-token",
            "${env:BM_WEBHOOK_TOKEN}",
            "dialbridge.providers.bm.client-id",
            "${env:BM_CLIENT_ID:-none}"));

    assertThatThrownBy(() -> DialbridgeProperties.from(environment))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems()).hasSize(2);
              assertThat(e.getMessage())
                  .contains(
                      "dialbridge.providers.bm.webhook-token: Spring reads ${env:BM_WEBHOOK_TOKEN}",
                      "write ${BM_WEBHOOK_TOKEN}",
                      "dialbridge.providers.bm.client-id",
                      "write ${BM_CLIENT_ID:none}");
            });
  }
}
