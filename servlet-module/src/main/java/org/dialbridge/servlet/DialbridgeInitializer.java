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
import org.dialbridge.core.config.ProviderSettings;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.servlet.api.ApiApplication;
import org.dialbridge.servlet.api.CallStreams;
import org.dialbridge.servlet.security.ApiSecurityFilter;
import org.dialbridge.servlet.webhook.WebhookFilter;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Adds Dialbridge to a webapp with no code (SPEC §3–§4): the container finds this initializer in
 * the JAR ({@code META-INF/services}), it reads the configuration, opens the store, and mounts the
 * REST API (a Jersey servlet named {@value #API_SERVLET} at {@code <api-path>/*}), its security
 * filter, and the webhook filter at {@code <webhook-path>/*}. The widget's files are served by the
 * container from the widget JAR's {@code META-INF/resources}.
 *
 * <p>A context-param {@code dialbridge.enabled=false} turns it off. Names or paths the host already
 * uses are left to the host and logged. A bad configuration stops the webapp's start with one
 * message naming each bad key. The running {@link Dialbridge} is published as the context
 * attribute {@value #ATTRIBUTE} for host code that wants the facade.
 */
public final class DialbridgeInitializer implements ServletContainerInitializer {
  private static final System.Logger LOG = System.getLogger(DialbridgeInitializer.class.getName());
  public static final String ATTRIBUTE = "org.dialbridge.core.Dialbridge";
  public static final String API_SERVLET = "dialbridge-api";
  public static final String API_FILTER = "dialbridge-api-security";
  public static final String WEBHOOK_FILTER = "dialbridge-webhooks";

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
    if ("false".equalsIgnoreCase(String.valueOf(context.getInitParameter("dialbridge.enabled")).strip())) {
      LOG.log(Level.INFO, "Dialbridge is turned off for " + name(context) + " (context-param dialbridge.enabled=false)");
      return;
    }
    Dialbridge dialbridge;
    ConfigLoader.Loaded loaded;
    try {
      loaded = ConfigLoader.load(context, System.getenv());
      ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader() : getClass().getClassLoader();
      DialbridgeConfig config = DialbridgeConfig.parse(loaded.properties(), System.getenv(),
          ProviderFactories.discover(loader)::find);
      if (!config.enabled()) {
        LOG.log(Level.INFO, "Dialbridge is turned off for " + name(context) + " (dialbridge.enabled=false)");
        return;
      }
      dialbridge = Dialbridge.builder(config).providerFactories(ProviderFactories.discover(loader))
          .discoverExtensions(loader).build();
    } catch (DialbridgeException e) {
      LOG.log(Level.ERROR, "Dialbridge did not start: " + e.getMessage());
      throw new ServletException("Dialbridge did not start: " + e.getMessage());
    }

    DialbridgeConfig config = dialbridge.config();
    CallStreams streams = new CallStreams(dialbridge.watcher(), config.store().stuckAfter());
    List<String> mounted = new ArrayList<>();
    List<String> skipped = new ArrayList<>();

    ServletRegistration.Dynamic api = context.addServlet(API_SERVLET, new ServletContainer(ApiApplication.create(dialbridge, streams)));
    if (api == null) {
      skipped.add("servlet " + API_SERVLET + " (the host declares one)");
    } else {
      api.setAsyncSupported(true);
      api.setLoadOnStartup(1);
      Set<String> conflicts = api.addMapping(config.apiPath() + "/*");
      if (conflicts.isEmpty()) mounted.add("API at " + config.apiPath());
      else skipped.add("API mapping " + config.apiPath() + "/* (already mapped by the host: " + conflicts + ")");
    }
    FilterRegistration.Dynamic security = context.addFilter(API_FILTER, new ApiSecurityFilter(config.security().allowedOrigins()));
    if (security == null) {
      skipped.add("filter " + API_FILTER + " (the host declares one)");
    } else {
      security.setAsyncSupported(true);
      security.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, config.apiPath() + "/*");
    }
    FilterRegistration.Dynamic webhooks = context.addFilter(WEBHOOK_FILTER, new WebhookFilter(dialbridge));
    if (webhooks == null) {
      skipped.add("filter " + WEBHOOK_FILTER + " (the host declares one)");
    } else {
      webhooks.setAsyncSupported(true);
      webhooks.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, config.webhookPath() + "/*");
      mounted.add("webhooks at " + config.webhookPath() + "/{" + String.join(",", config.providers().keySet()) + "}");
    }
    for (ProviderSettings p : config.providers().values()) {
      if (!p.webhookAuth().isConfigured()) {
        LOG.log(Level.WARNING, "Dialbridge: provider " + p.name() + " has no webhook authentication configured, so its "
            + "webhooks are refused; set dialbridge.providers." + p.name() + ".webhook-token (or -basic-user/-password, -hmac-secret)");
      }
    }
    context.setAttribute(ATTRIBUTE, dialbridge);
    context.addListener(new Lifecycle(dialbridge, streams));
    LOG.log(Level.INFO, "Dialbridge mounted in " + name(context) + ": " + String.join(", ", mounted)
        + ", widget at /dialbridge/click-to-call.js; providers " + config.providers().keySet()
        + "; store " + (config.store().jndiName() != null ? "jndi:" + config.store().jndiName() : "jdbc")
        + "; configuration from " + loaded.source()
        + (skipped.isEmpty() ? "" : "; NOT mounted: " + String.join("; ", skipped)));
    for (String s : skipped) LOG.log(Level.WARNING, "Dialbridge did not mount " + s);
  }

  private static String name(ServletContext context) {
    String path = context.getContextPath();
    return path == null || path.isEmpty() ? "the root context" : path;
  }

  /** Starts the reconciler with the webapp and stops every Dialbridge thread when it stops. */
  private static final class Lifecycle implements ServletContextListener {
    private final Dialbridge dialbridge;
    private final CallStreams streams;

    Lifecycle(Dialbridge dialbridge, CallStreams streams) {
      this.dialbridge = dialbridge;
      this.streams = streams;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
      dialbridge.startReconciler();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      streams.close();
      dialbridge.close();
      event.getServletContext().removeAttribute(ATTRIBUTE);
      LOG.log(Level.INFO, "Dialbridge stopped in " + name(event.getServletContext()));
    }
  }
}
