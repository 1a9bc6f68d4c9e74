package org.dialbridge.spring;

import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.config.DialbridgeConfig;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Checks Dialbridge's configuration as soon as Spring has read its configuration files, before any
 * bean or web server exists: a bad key then stops start-up through Spring Boot's failure report
 * alone (one line per key), not also through the embedded server's own error log.
 */
public final class ConfigurationCheck
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    if (event.getSpringApplication().getWebApplicationType() != WebApplicationType.SERVLET) return;
    if ("false"
        .equalsIgnoreCase(event.getEnvironment().getProperty("dialbridge.enabled", "true").strip()))
      return;
    DialbridgeProperties properties = DialbridgeProperties.from(event.getEnvironment());
    ProviderFactories factories =
        ProviderFactories.discover(ConfigurationCheck.class.getClassLoader());
    DialbridgeConfig.parse(properties.dialbridge(), System.getenv(), factories.all());
  }

  /** After Spring has loaded application.properties and the other configuration data. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
