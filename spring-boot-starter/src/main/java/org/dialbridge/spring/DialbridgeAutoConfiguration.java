package org.dialbridge.spring;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Map;
import javax.sql.DataSource;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.metrics.Metrics;
import org.dialbridge.core.metrics.MicrometerMetrics;
import org.dialbridge.core.spi.AgentDirectory;
import org.dialbridge.core.spi.CallListener;
import org.dialbridge.core.spi.ContactDirectory;
import org.dialbridge.core.spi.DispositionCatalog;
import org.dialbridge.servlet.DialbridgeMount;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.web.context.WebApplicationContext;

/**
 * Mounts Dialbridge in a Spring Boot servlet application, which runs no {@code
 * ServletContainerInitializer} from a JAR in its embedded server: the parts of a {@link
 * DialbridgeMount} as registration beans, configured from Spring's {@code dialbridge.*} properties,
 * storing calls in the application's {@code DataSource} (unless {@code dialbridge.store.jdbc-url}
 * or {@code .jndi-name} says otherwise), with the application's {@link AgentDirectory}, {@link
 * ContactDirectory}, {@link DispositionCatalog} and {@link CallListener} beans, started and stopped
 * with the application context.
 *
 * <p>The webhook filter runs before the host's filters and Spring Security's (order {@value
 * #BEFORE_HOST_FILTERS}), so no sign-in, CSRF check, redirect or body-reading filter ever meets a
 * provider; {@code GET <api-path>/health} is answered before Spring Security (order {@value
 * #BEFORE_SECURITY}). The API's guard runs after the host's sign-in. Steps aside when the servlet
 * initializer already mounted Dialbridge (a Boot WAR in an external container).
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(
    prefix = "dialbridge",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@Conditional(NotMountedByTheInitializer.class)
public class DialbridgeAutoConfiguration {
  private static final System.Logger LOG =
      System.getLogger(DialbridgeAutoConfiguration.class.getName());

  /**
   * Right after Spring's character-encoding filter, before any filter that might read a form body.
   */
  public static final int BEFORE_HOST_FILTERS = Ordered.HIGHEST_PRECEDENCE + 10;

  /**
   * Before Spring Security's filter ({@code SecurityProperties.DEFAULT_FILTER_ORDER}, -100) and
   * Spring's request-context filter (-105).
   */
  public static final int BEFORE_SECURITY = -110;

  /**
   * After every filter of the host's, whose default order is the lowest precedence too but which
   * are registered first.
   */
  public static final int AFTER_SIGN_IN = Ordered.LOWEST_PRECEDENCE;

  @Bean
  DialbridgeProperties dialbridgeProperties(ConfigurableEnvironment environment) {
    return DialbridgeProperties.from(environment);
  }

  @Bean(destroyMethod = "close")
  DialbridgeMount dialbridgeMount(
      DialbridgeProperties properties,
      ObjectProvider<DataSource> dataSource,
      ObjectProvider<AgentDirectory> agents,
      ObjectProvider<ContactDirectory> contacts,
      ObjectProvider<DispositionCatalog> dispositions,
      ObjectProvider<CallListener> listeners,
      ObjectProvider<Metrics> metrics) {
    ClassLoader loader = DialbridgeAutoConfiguration.class.getClassLoader();
    ProviderFactories factories = ProviderFactories.discover(loader);
    DialbridgeConfig config =
        DialbridgeConfig.parse(properties.dialbridge(), System.getenv(), factories.all());
    Dialbridge.Builder builder = Dialbridge.builder(config).providerFactories(factories);
    if (usesApplicationDataSource(properties.dialbridge()))
      dataSource.ifAvailable(builder::dataSource);
    agents.ifAvailable(builder::agentDirectory);
    contacts.ifAvailable(builder::contactDirectory);
    dispositions.ifAvailable(builder::dispositionCatalog);
    metrics.ifAvailable(builder::metrics);
    listeners.orderedStream().forEach(builder::listener);
    return new DialbridgeMount(builder.discoverExtensions(loader).build());
  }

  static boolean usesApplicationDataSource(Map<String, String> properties) {
    return !properties.containsKey("dialbridge.store.jdbc-url")
        && !properties.containsKey("dialbridge.store.jndi-name");
  }

  /**
   * Publishes the running Dialbridge as the context attribute, for host code and so that the
   * servlet initializer, when a Boot WAR's container runs it after Spring's, steps aside.
   */
  @Bean
  ServletContextInitializer dialbridgeContextAttribute(DialbridgeMount mount) {
    return new ServletContextInitializer() {
      @Override
      public void onStartup(ServletContext context) {
        context.setAttribute(DialbridgeMount.ATTRIBUTE, mount.dialbridge());
      }
    };
  }

  @Bean
  ServletRegistrationBean<Servlet> dialbridgeApiServlet(DialbridgeMount mount) {
    ServletRegistrationBean<Servlet> api =
        new ServletRegistrationBean<>(mount.apiServlet(), mount.apiMapping());
    api.setName(DialbridgeMount.API_SERVLET);
    api.setAsyncSupported(true);
    api.setLoadOnStartup(1);
    return api;
  }

  @Bean
  FilterRegistrationBean<Filter> dialbridgeWebhookFilter(DialbridgeMount mount) {
    return filter(
        DialbridgeMount.WEBHOOK_FILTER,
        mount.webhookFilter(),
        BEFORE_HOST_FILTERS,
        mount.webhookMapping());
  }

  @Bean
  FilterRegistrationBean<Filter> dialbridgeHealthFilter(DialbridgeMount mount) {
    return filter(
        DialbridgeMount.API_FILTER + "-health",
        new HealthBeforeSignIn(mount),
        BEFORE_SECURITY,
        mount.apiPath() + HealthBeforeSignIn.PATH);
  }

  @Bean
  FilterRegistrationBean<Filter> dialbridgeApiSecurityFilter(
      DialbridgeMount mount, DialbridgeProperties properties) {
    Filter guard = mount.apiSecurityFilter();
    if (properties.principalAttribute() != null || properties.adminAuthority() != null) {
      guard =
          SpringSecurityPrincipals.mapping(
              properties, mount.dialbridge().config().security().adminRole(), guard);
    }
    return filter(DialbridgeMount.API_FILTER, guard, AFTER_SIGN_IN, mount.apiMapping());
  }

  private static FilterRegistrationBean<Filter> filter(
      String name, Filter filter, int order, String mapping) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.setName(name);
    registration.setOrder(order);
    registration.setAsyncSupported(true);
    registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
    registration.addUrlPatterns(mapping);
    return registration;
  }

  /** Starts Dialbridge's background work once the application runs, and says what was mounted. */
  @Bean
  SmartLifecycle dialbridgeLifecycle(
      DialbridgeMount mount,
      DialbridgeProperties properties,
      ObjectProvider<DataSource> dataSource,
      ApplicationContext application) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        mount.start();
        mount.warnOfUnauthenticatedWebhooks();
        String where =
            application instanceof WebApplicationContext web && web.getServletContext() != null
                ? name(web.getServletContext())
                : "the application";
        String store =
            usesApplicationDataSource(properties.dialbridge())
                    && dataSource.getIfAvailable() != null
                ? "the application's DataSource"
                : "jdbc";
        LOG.log(Level.INFO, mount.mountedLine(where, store, "Spring's environment (dialbridge.*)"));
        running = true;
      }

      @Override
      public void stop() {
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  private static String name(ServletContext context) {
    String path = context.getContextPath();
    return path == null || path.isEmpty() ? "the root context" : path;
  }

  /**
   * Dialbridge's metrics in the application's Micrometer registry (Spring Boot's, which actuator
   * exports), where the application has Micrometer and a registry.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class MicrometerBinding {
    /**
     * Resolved when Dialbridge is built, not when conditions are read: the registry's own
     * auto-configuration may come after this one.
     */
    @Bean
    Metrics dialbridgeMetrics(ObjectProvider<MeterRegistry> registry) {
      MeterRegistry found = registry.getIfUnique();
      return found == null ? Metrics.NONE : new MicrometerMetrics(found);
    }
  }
}
