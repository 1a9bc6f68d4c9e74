package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.dialbridge.servlet.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * dialbridge-servlet in a Spring Boot application with an embedded Tomcat but without the starter:
 * Boot runs no servlet initializer from a JAR, so nothing is mounted, and one warning says why and
 * which dependency to add.
 */
class SpringBootWithoutTheStarterTest {
  private LogCapture log;
  private String loggingSystem;

  @BeforeEach
  void captureLog() {
    // keep java.util.logging as the suite set it up, so the capture sees Dialbridge's records
    loggingSystem = System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    log = LogCapture.start();
  }

  @AfterEach
  void restore() {
    log.close();
    if (loggingSystem == null)
      System.clearProperty("org.springframework.boot.logging.LoggingSystem");
    else System.setProperty("org.springframework.boot.logging.LoggingSystem", loggingSystem);
  }

  /** A Boot web application on an embedded Tomcat, with no auto-configuration at all. */
  @Configuration(proxyBeanMethods = false)
  static class BootHost {
    @Bean
    TomcatServletWebServerFactory tomcat() {
      TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
      factory.setAddress(java.net.InetAddress.getLoopbackAddress());
      return factory;
    }
  }

  @Test
  void anEmbeddedServerWithoutTheStarterWarnsOnceNamingTheStarter() {
    try (ConfigurableApplicationContext app = SpringApplication.run(BootHost.class)) {
      assertThat(log.messages(Level.WARNING))
          .filteredOn(m -> m.startsWith("Dialbridge"))
          .containsExactly(
              "Dialbridge is NOT mounted: Spring Boot's embedded server does not run servlet"
                  + " initializers from JARs, so the API (/dialbridge/api by default) answers 404;"
                  + " add the dependency org.dialbridge:dialbridge-spring-boot-starter (it replaces"
                  + " dialbridge-servlet and dialbridge-widget)");
    }
  }

  @Test
  void turnedOffItSaysNothing() {
    try (ConfigurableApplicationContext app =
        SpringApplication.run(BootHost.class, "--dialbridge.enabled=false")) {
      assertThat(log.messages(Level.WARNING)).noneMatch(m -> m.startsWith("Dialbridge"));
    }
  }
}
