package org.dialbridge.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.servlet.metrics.OwnMetrics;
import org.dialbridge.servlet.metrics.PrometheusAvailable;

/**
 * Adds Dialbridge to a webapp with no code: the container finds this initializer in the JAR ({@code
 * META-INF/services}), it reads the configuration, opens the store, and registers the parts of a
 * {@link DialbridgeMount}: the REST API (a Jersey servlet named {@value #API_SERVLET} at {@code
 * <api-path>/*}), its security filter, and the webhook filter at {@code <webhook-path>/*}. The
 * widget's files are served by the container from the widget JAR's {@code META-INF/resources}.
 *
 * <p>All or nothing: when the host already declares one of these names or maps the API's path,
 * nothing is registered (the API without its security filter would be open) and one error names
 * what the host declared. A context-param {@code dialbridge.enabled=false} turns it off; when
 * Dialbridge is already mounted in this context (by the Spring Boot starter in a Boot WAR), it
 * steps aside. A bad configuration stops the webapp's start with one message naming each bad key.
 * The running {@link Dialbridge} is published as the context attribute {@value #ATTRIBUTE}.
 */
public final class DialbridgeInitializer implements ServletContainerInitializer {
  private static final System.Logger LOG = System.getLogger(DialbridgeInitializer.class.getName());
  public static final String ATTRIBUTE = DialbridgeMount.ATTRIBUTE;
  public static final String API_SERVLET = DialbridgeMount.API_SERVLET;
  public static final String API_FILTER = DialbridgeMount.API_FILTER;
  public static final String WEBHOOK_FILTER = DialbridgeMount.WEBHOOK_FILTER;

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
    if ("false"
        .equalsIgnoreCase(String.valueOf(context.getInitParameter("dialbridge.enabled")).strip())) {
      LOG.log(
          Level.INFO,
          "Dialbridge is turned off for "
              + name(context)
              + " (context-param dialbridge.enabled=false)");
      return;
    }
    if (context.getAttribute(ATTRIBUTE) != null) {
      LOG.log(
          Level.INFO,
          "Dialbridge is already mounted in "
              + name(context)
              + " (by the Spring Boot starter); "
              + "the servlet initializer steps aside");
      return;
    }
    ConfigLoader.Loaded loaded;
    DialbridgeConfig config;
    ClassLoader loader =
        context.getClassLoader() != null ? context.getClassLoader() : getClass().getClassLoader();
    try {
      loaded = ConfigLoader.load(context, System.getenv());
      config =
          DialbridgeConfig.parse(
              loaded.properties(), System.getenv(), ProviderFactories.discover(loader).all());
    } catch (DialbridgeException e) {
      throw failed(e);
    }
    if (!config.enabled()) {
      LOG.log(
          Level.INFO,
          "Dialbridge is turned off for " + name(context) + " (dialbridge.enabled=false)");
      return;
    }
    List<String> taken = takenByTheHost(context, config);
    if (!taken.isEmpty()) {
      LOG.log(
          Level.ERROR,
          "Dialbridge is NOT mounted in "
              + name(context)
              + ": the host already declares "
              + String.join(", ", taken)
              + "; rename the host's servlet or filter, or move Dialbridge's API with"
              + " dialbridge.api-path");
      return;
    }
    // metrics in a Prometheus registry of Dialbridge's own, where the webapp has that library
    // (its classes are touched only there: a webapp without Micrometer never links them)
    boolean prometheus = PrometheusAvailable.on(loader);
    Dialbridge dialbridge;
    DialbridgeMount mount;
    try {
      Dialbridge.Builder builder =
          Dialbridge.builder(config)
              .providerFactories(ProviderFactories.discover(loader))
              .discoverExtensions(loader);
      mount = prometheus ? OwnMetrics.mount(builder) : new DialbridgeMount(builder.build());
      dialbridge = mount.dialbridge();
    } catch (DialbridgeException e) {
      throw failed(e);
    }
    register(context, mount);
    context.setAttribute(ATTRIBUTE, dialbridge);
    context.addListener(new Lifecycle(mount));
    mount.warnOfUnauthenticatedWebhooks();
    String store = config.store().jndiName() != null ? "jndi:" + config.store().jndiName() : "jdbc";
    LOG.log(Level.INFO, mount.mountedLine(name(context), store, loaded.source()));
  }

  private static ServletException failed(DialbridgeException e) {
    LOG.log(Level.ERROR, "Dialbridge did not start: " + e.getMessage());
    return new ServletException("Dialbridge did not start: " + e.getMessage(), e);
  }

  /**
   * The names and the mapping Dialbridge needs that the host already uses, checked before anything
   * is registered.
   */
  private static List<String> takenByTheHost(ServletContext context, DialbridgeConfig config) {
    List<String> taken = new ArrayList<>();
    if (context.getServletRegistration(API_SERVLET) != null)
      taken.add("a servlet named " + API_SERVLET);
    if (context.getFilterRegistration(API_FILTER) != null)
      taken.add("a filter named " + API_FILTER);
    if (context.getFilterRegistration(WEBHOOK_FILTER) != null)
      taken.add("a filter named " + WEBHOOK_FILTER);
    String apiMapping = config.apiPath() + "/*";
    for (ServletRegistration s : context.getServletRegistrations().values()) {
      if (s.getMappings().contains(apiMapping))
        taken.add("a servlet " + s.getName() + " mapped at " + apiMapping);
    }
    return taken;
  }

  private static void register(ServletContext context, DialbridgeMount mount) {
    ServletRegistration.Dynamic api = context.addServlet(API_SERVLET, mount.apiServlet());
    api.setAsyncSupported(true);
    api.setLoadOnStartup(1);
    Set<String> conflicts = api.addMapping(mount.apiMapping());
    if (!conflicts.isEmpty()) {
      LOG.log(
          Level.ERROR,
          "Dialbridge: the API mapping "
              + mount.apiMapping()
              + " was refused by the container: "
              + conflicts);
    }
    FilterRegistration.Dynamic security = context.addFilter(API_FILTER, mount.apiSecurityFilter());
    security.setAsyncSupported(true);
    security.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, mount.apiMapping());
    FilterRegistration.Dynamic webhooks = context.addFilter(WEBHOOK_FILTER, mount.webhookFilter());
    webhooks.setAsyncSupported(true);
    webhooks.addMappingForUrlPatterns(
        EnumSet.of(DispatcherType.REQUEST), false, mount.webhookMapping());
  }

  private static String name(ServletContext context) {
    String path = context.getContextPath();
    return path == null || path.isEmpty() ? "the root context" : path;
  }

  /** Starts the reconciler with the webapp and stops every Dialbridge thread when it stops. */
  private static final class Lifecycle implements ServletContextListener {
    private final DialbridgeMount mount;

    Lifecycle(DialbridgeMount mount) {
      this.mount = mount;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
      mount.start();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      mount.close();
      event.getServletContext().removeAttribute(ATTRIBUTE);
      LOG.log(Level.INFO, "Dialbridge stopped in " + name(event.getServletContext()));
    }
  }
}
