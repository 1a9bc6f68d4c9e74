package org.dialbridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.dialbridge.servlet.DialbridgeInitializer;
import org.dialbridge.servlet.DialbridgeMount;
import org.dialbridge.servlet.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.SpringServletContainerInitializer;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * A Spring Boot WAR deployed to an external Tomcat: the container runs both Dialbridge's servlet
 * initializer and Spring's (which starts the application and so the starter), in an order it
 * chooses. Either way Dialbridge is mounted once, by whichever runs first.
 */
class BootWarInAnExternalTomcatTest {
  private LogCapture log;
  private String loggingSystem;
  private Tomcat tomcat;

  /** The CRM's WAR entry point, as Spring Boot's documentation writes it. */
  public static class CrmWar extends SpringBootServletInitializer {
    public CrmWar() {
      setRegisterErrorPageFilter(false);
    }

    @Override
    protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
      return builder.sources(CrmApplication.class);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(DialbridgeAutoConfiguration.class)
  static class CrmApplication {}

  @BeforeEach
  void captureLog() {
    loggingSystem = System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    log = LogCapture.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    log.close();
    if (loggingSystem == null)
      System.clearProperty("org.springframework.boot.logging.LoggingSystem");
    else System.setProperty("org.springframework.boot.logging.LoggingSystem", loggingSystem);
  }

  /**
   * Deploys the WAR with its configuration as context-params, which both paths read, and the
   * initializers in {@code order}.
   */
  private int deploy(ServletContainerInitializer... order) throws Exception {
    Path base = Files.createTempDirectory("dialbridge-boot-war");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context =
        tomcat.addContext("/crm", Files.createDirectories(base.resolve("crm")).toString());
    Map.of(
            "dialbridge.default-region",
            "PE",
            "dialbridge.providers.c3.type",
            "c3",
            "dialbridge.providers.c3.base-url",
            "http://127.0.0.1:9",
            "dialbridge.providers.c3.token",
            "t",
            "dialbridge.providers.c3.webhook-token",
            "w",
            "dialbridge.agents.ana.extension",
            "6001",
            "dialbridge.store.jdbc-url",
            "jdbc:h2:mem:boot-war-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .forEach(context::addParameter);
    for (ServletContainerInitializer sci : order) {
      context.addServletContainerInitializer(
          sci, sci instanceof SpringServletContainerInitializer ? Set.of(CrmWar.class) : null);
    }
    tomcat.start();
    return tomcat.getConnector().getLocalPort();
  }

  private static HttpResponse<String> health(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/crm/dialbridge/api/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The Spring application the WAR started, which must have started. */
  private WebApplicationContext application() {
    Context crm = (Context) tomcat.getHost().findChild("/crm");
    assertThat(crm.getState()).isEqualTo(LifecycleState.STARTED);
    WebApplicationContext app =
        WebApplicationContextUtils.getWebApplicationContext(crm.getServletContext());
    assertThat(app).as("the Spring Boot application of the WAR").isNotNull();
    return app;
  }

  private long mountedLines() {
    return log.messages(Level.INFO).stream()
        .filter(m -> m.startsWith("Dialbridge mounted in /crm"))
        .count();
  }

  @Test
  void theInitializerFirstMountsAndTheStarterStepsAside() throws Exception {
    int port = deploy(new DialbridgeInitializer(), new SpringServletContainerInitializer());

    assertThat(application().getBeanNamesForType(DialbridgeMount.class)).isEmpty();
    assertThat(mountedLines()).isEqualTo(1);
    assertThat(log.messages(Level.INFO))
        .anyMatch(m -> m.startsWith("Dialbridge mounted in /crm") && m.contains("context-params"));
    assertThat(health(port).statusCode()).isIn(200, 503);
    assertThat(log.messages(Level.SEVERE)).isEmpty();
  }

  @Test
  void theStarterFirstMountsAndTheInitializerStepsAside() throws Exception {
    int port = deploy(new SpringServletContainerInitializer(), new DialbridgeInitializer());

    assertThat(application().getBeanNamesForType(DialbridgeMount.class)).hasSize(1);
    assertThat(mountedLines()).isEqualTo(1);
    assertThat(log.messages(Level.INFO))
        .anyMatch(
            m -> m.startsWith("Dialbridge mounted in /crm") && m.contains("Spring's environment"))
        .contains(
            "Dialbridge is already mounted in /crm (by the Spring Boot starter); the servlet"
                + " initializer steps aside");
    assertThat(health(port).statusCode()).isIn(200, 503);
    assertThat(tomcat.getHost().findChild("/crm").findChild(DialbridgeMount.API_SERVLET))
        .isNotNull();
    assertThat(log.messages(Level.SEVERE)).isEmpty();
  }
}
