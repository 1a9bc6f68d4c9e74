package org.dialbridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.AgentDirectory;
import org.dialbridge.core.spi.Disposition;
import org.dialbridge.core.spi.DispositionCatalog;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.servlet.DialbridgeMount;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.context.ConfigurableWebApplicationContext;

/** What the auto-configuration contributes to a servlet application, in a real Spring context. */
class DialbridgeAutoConfigurationTest {
  private final WebApplicationContextRunner app =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(DialbridgeAutoConfiguration.class))
          .withPropertyValues(
              "dialbridge.default-region=PE",
              "dialbridge.providers.c3.type=c3",
              "dialbridge.providers.c3.base-url=http://127.0.0.1:9",
              "dialbridge.providers.c3.token=t",
              "dialbridge.providers.c3.webhook-token=w",
              "dialbridge.agents.ana.extension=6001");

  private static JdbcDataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  @Test
  void callsAreStoredInTheApplicationsDataSource() {
    JdbcDataSource crm = h2();
    app.withBean(DataSource.class, () -> crm)
        .run(
            context -> {
              assertThat(context).hasSingleBean(DialbridgeMount.class);
              try (Connection c = crm.getConnection();
                  ResultSet tables =
                      c.getMetaData().getTables(null, null, "DIALBRIDGE_CALL", null)) {
                assertThat(tables.next()).as("Dialbridge's tables in the CRM's database").isTrue();
              }
            });
  }

  @Test
  void anAgentDirectoryBeanOfTheApplicationIsUsed() {
    AgentDirectory crmUsers =
        user -> Optional.of(new Agent(user, "7" + user.length() + "00", "c3", null));
    app.withBean(DataSource.class, DialbridgeAutoConfigurationTest::h2)
        .withBean(AgentDirectory.class, () -> crmUsers)
        .run(
            context ->
                assertThat(context.getBean(DialbridgeMount.class).dialbridge().agent("bruno"))
                    .hasValueSatisfying(a -> assertThat(a.extension()).isEqualTo("7500")));
  }

  @Test
  void aDispositionCatalogBeanOfTheApplicationIsUsed() {
    Disposition sold = new Disposition("sold", Map.of("en", "Sold"), "won", false, null);
    app.withBean(DataSource.class, DialbridgeAutoConfigurationTest::h2)
        .withBean(DispositionCatalog.class, () -> () -> List.of(sold))
        .run(
            context ->
                assertThat(context.getBean(DialbridgeMount.class).dialbridge().dispositions())
                    .containsExactly(sold));
  }

  @Test
  void theWebhookFilterRunsBeforeSpringSecurityAndTheApiGuardAfterTheHostsSignIn() {
    app.withBean(DataSource.class, DialbridgeAutoConfigurationTest::h2)
        .run(
            context -> {
              FilterRegistrationBean<?> webhooks =
                  context.getBean("dialbridgeWebhookFilter", FilterRegistrationBean.class);
              FilterRegistrationBean<?> guard =
                  context.getBean("dialbridgeApiSecurityFilter", FilterRegistrationBean.class);
              assertThat(webhooks.getOrder()).isLessThan(-100);
              assertThat(webhooks.getUrlPatterns()).containsExactly("/dialbridge/webhooks/*");
              assertThat(guard.getOrder()).isGreaterThan(-100);
              assertThat(guard.getUrlPatterns()).containsExactly("/dialbridge/api/*");
            });
  }

  @Test
  void dialbridgesMetricsGoToTheApplicationsMeterRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    app.withBean(DataSource.class, DialbridgeAutoConfigurationTest::h2)
        .withBean(MeterRegistry.class, () -> registry)
        .run(
            context -> {
              Dialbridge dialbridge = context.getBean(DialbridgeMount.class).dialbridge();
              dialbridge.ingest(
                  "c3", WebhookRequest.json("{\"event\":\"answered\",\"callId\":\"s-1\"}"), "w");
              assertThat(registry.find("dialbridge.webhooks").tag("reason", "stored").counter())
                  .isNotNull()
                  .satisfies(c -> assertThat(c.count()).isEqualTo(1));
              assertThat(registry.find("dialbridge.inbox.pending").gauge()).isNotNull();
            });
  }

  @Test
  void turnedOffNothingIsMounted() {
    app.withPropertyValues("dialbridge.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(DialbridgeMount.class));
  }

  @Test
  void alreadyMountedByTheServletInitializerTheStarterStepsAside() {
    app.withInitializer(
            context ->
                ((ConfigurableWebApplicationContext) context)
                    .getServletContext()
                    .setAttribute(DialbridgeMount.ATTRIBUTE, "mounted by the initializer"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(DialbridgeMount.class);
            });
  }
}
