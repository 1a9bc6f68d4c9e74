package org.dialbridge.servlet;

import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.web.context.WebApplicationContext;

/**
 * Says why Dialbridge is missing from a Spring Boot application that has its JARs but not its
 * starter: Boot's embedded server runs no {@code ServletContainerInitializer} from a JAR, so the
 * API would answer 404 while the widget's script is served. One warning once the application is
 * ready, naming the dependency to add; nothing when Dialbridge is mounted or turned off. Spring
 * Boot finds it in {@code META-INF/spring.factories}; other hosts never load it.
 */
public final class MissingStarterWarning implements ApplicationListener<ApplicationReadyEvent> {
  private static final System.Logger LOG = System.getLogger(MissingStarterWarning.class.getName());
  static final String STARTER = "org.dialbridge:dialbridge-spring-boot-starter";
  private static final String AUTO_CONFIGURATION =
      "org.dialbridge.spring.DialbridgeAutoConfiguration";

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebApplicationContext web)) return;
    ServletContext context = web.getServletContext();
    if (context == null || context.getAttribute(DialbridgeMount.ATTRIBUTE) != null) return;
    if (turnedOff(web.getEnvironment(), context)) return;
    if (starterOnClassPath()) {
      LOG.log(
          Level.WARNING,
          "Dialbridge is NOT mounted: its Spring Boot auto-configuration did not run (is "
              + AUTO_CONFIGURATION
              + " excluded?), so the API (/dialbridge/api by default) answers 404");
    } else {
      LOG.log(
          Level.WARNING,
          "Dialbridge is NOT mounted: Spring Boot's embedded server does not run servlet"
              + " initializers from JARs, so the API (/dialbridge/api by default) answers 404; add"
              + " the dependency "
              + STARTER
              + " (it replaces dialbridge-servlet and dialbridge-widget)");
    }
  }

  private static boolean turnedOff(Environment environment, ServletContext context) {
    return "false".equalsIgnoreCase(environment.getProperty("dialbridge.enabled", "true").strip())
        || "false"
            .equalsIgnoreCase(
                String.valueOf(context.getInitParameter("dialbridge.enabled")).strip());
  }

  private static boolean starterOnClassPath() {
    try {
      Class.forName(AUTO_CONFIGURATION, false, MissingStarterWarning.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
