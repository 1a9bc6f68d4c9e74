package org.dialbridge.servlet.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.URL;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A host CRM webapp on embedded Jetty 12 (ee10): context {@code /crm}, its own sign-in filter, the
 * servlet container initializers found on the class path the way a container finds those of {@code
 * WEB-INF/lib} (so Dialbridge mounts itself), static files from the JARs' {@code
 * META-INF/resources}, and Dialbridge configured through context-params.
 */
public final class JettyHost implements AutoCloseable {
  private final Server server;
  private final ServletContextHandler context;
  private final Http http;
  private Throwable startupFailure;

  private JettyHost(Map<String, String> contextParams, Consumer<ServletContextHandler> extras)
      throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/crm");
    contextParams.forEach(context::setInitParameter);
    URL widget =
        JettyHost.class
            .getClassLoader()
            .getResource("META-INF/resources/dialbridge/click-to-call.js");
    if (widget != null) {
      String root =
          widget
              .toString()
              .substring(0, widget.toString().length() - "dialbridge/click-to-call.js".length());
      context.setBaseResource(ResourceFactory.of(context).newResource(URI.create(root)));
    }
    context.addFilter(
        new FilterHolder(new HostAuthFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(DefaultServlet.class, "/");
    extras.accept(context);
    for (ServletContainerInitializer sci : ServiceLoader.load(ServletContainerInitializer.class)) {
      context.addServletContainerInitializer(sci);
    }
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      startupFailure = e;
    }
    http = new Http(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/crm/"));
  }

  /** Starts a host with Dialbridge configured by {@code properties} (as context-params). */
  public static JettyHost start(Map<String, String> properties) throws Exception {
    return start(properties, context -> {});
  }

  /**
   * Starts a host as {@link #start(Map)} does, after {@code extras} declared the host's own pages,
   * servlets or filters, as its web.xml would, before any initializer runs (they run after the
   * sign-in filter and before Dialbridge's API filter).
   */
  public static JettyHost start(
      Map<String, String> properties, Consumer<ServletContextHandler> extras) throws Exception {
    return new JettyHost(new LinkedHashMap<>(properties), extras);
  }

  public Http http() {
    return http;
  }

  /** The webapp started and is serving (false when Dialbridge refused to start). */
  public boolean available() {
    return startupFailure == null && context.isAvailable();
  }

  /** Why the webapp did not start, or null. */
  public Throwable startupFailure() {
    return startupFailure;
  }

  public Object attribute(String name) {
    return context.getServletContext().getAttribute(name);
  }

  /** Waits until the webhooks answered so far have moved their calls. */
  public void awaitInboxApplied() {
    Inboxes.awaitApplied(attribute("org.dialbridge.core.Dialbridge"));
  }

  /** Undeploys the webapp only (the container's contextDestroyed); the server keeps running. */
  public void undeploy() throws Exception {
    context.stop();
  }

  /** Undeploys the webapp (the container's contextDestroyed), then stops the server. */
  @Override
  public void close() throws Exception {
    server.stop();
  }
}
