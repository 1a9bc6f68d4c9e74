package org.dialbridge.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.demo.emulator.ProviderEmulator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The demo CRM: a small CRM webapp on embedded Jetty 12 with Dialbridge added the way a CRM team
 * adds it (its JARs on the class path, a {@code dialbridge.properties}, and a {@link
 * DemoContactDirectory}), plus a {@link ProviderEmulator} standing in for the four telephony
 * providers, so that the whole thing runs with one command and no telephony account.
 *
 * <p>Before Jetty starts, the demo sets the system properties its built-in {@code
 * dialbridge.properties} reads through {@code ${sys:…}}: {@value #PORT_PROPERTY}, {@value
 * #HOST_PROPERTY} (where the emulator reaches the CRM), {@value #EMULATOR_PORT_PROPERTY}, and
 * {@value #JDBC_URL_PROPERTY} when {@link DemoOptions#jdbcUrl()} is set. A configuration of one's
 * own ({@code -Ddialbridge.config=FILE}) may read them too.
 */
public final class DemoCrm implements AutoCloseable {
  /** The CRM's port, for {@code ${sys:dialbridge.demo.port}} in the configuration. */
  public static final String PORT_PROPERTY = "dialbridge.demo.port";

  /**
   * The address the emulator posts webhooks to ({@code 127.0.0.1} unless the CRM listens
   * elsewhere).
   */
  public static final String HOST_PROPERTY = "dialbridge.demo.host";

  /** The provider emulator's port. */
  public static final String EMULATOR_PORT_PROPERTY = "dialbridge.demo.emulator-port";

  /** Dialbridge's JDBC URL, set only when {@link DemoOptions#jdbcUrl()} is. */
  public static final String JDBC_URL_PROPERTY = "dialbridge.demo.jdbc-url";

  private static final System.Logger LOG = System.getLogger(DemoCrm.class.getName());
  private static final String FACADE_ATTRIBUTE = "org.dialbridge.core.Dialbridge";

  /** Demos in one JVM start one at a time: the system properties are read while Jetty starts. */
  private static final Object STARTING = new Object();

  private final Server server;
  private final ServletContextHandler context;
  private final ProviderEmulator emulator;
  private final int port;
  private final URI baseUri;
  private final String configSource;

  private DemoCrm(
      Server server,
      ServletContextHandler context,
      ProviderEmulator emulator,
      int port,
      URI baseUri,
      String configSource) {
    this.server = server;
    this.context = context;
    this.emulator = emulator;
    this.port = port;
    this.baseUri = baseUri;
    this.configSource = configSource;
  }

  /**
   * Starts the emulator and the CRM. @throws IllegalStateException when a port is taken or
   * Dialbridge refuses its configuration; the message says which and what to do
   */
  public static DemoCrm start(DemoOptions options) {
    Server server = new Server();
    server.setStopAtShutdown(true);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    server.addConnector(connector);
    try {
      // bound before anything else: the emulator and the configuration need the actual port
      connector.open();
    } catch (IOException e) {
      throw new IllegalStateException(
          portTaken("The demo CRM", options.host(), options.port(), "--port", "PORT"), e);
    }
    int port = connector.getLocalPort();
    String reachableHost = HostNames.isWildcard(options.host()) ? "127.0.0.1" : options.host();
    URI dialbridgeUri =
        URI.create("http://" + HostNames.bracketed(reachableHost) + ":" + port + "/dialbridge");

    ProviderEmulator emulator;
    try {
      emulator =
          ProviderEmulator.start(
              EmulatorSettings.defaults(dialbridgeUri)
                  .withPort(options.emulatorPort())
                  .withTiming(options.timing()));
    } catch (UncheckedIOException e) {
      closeQuietly(connector);
      throw new IllegalStateException(
          portTaken(
              "The provider emulator",
              "127.0.0.1",
              options.emulatorPort(),
              "--emulator-port",
              "EMULATOR_PORT"),
          e);
    }

    ServletContextHandler context = DemoWebapp.create(emulator);
    server.setHandler(context);
    // added after the handler, so stopped before it: no webhook arrives while Dialbridge stops
    server.addBean(
        new AbstractLifeCycle() {
          @Override
          protected void doStop() {
            emulator.close();
          }
        },
        true);

    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(PORT_PROPERTY, Integer.toString(port));
    properties.put(HOST_PROPERTY, HostNames.bracketed(reachableHost));
    properties.put(EMULATOR_PORT_PROPERTY, Integer.toString(emulator.port()));
    if (options.jdbcUrl() != null) properties.put(JDBC_URL_PROPERTY, options.jdbcUrl());
    if (options.config() != null)
      properties.put("dialbridge.config", options.config().toAbsolutePath().toString());
    String configSource;
    synchronized (STARTING) {
      Map<String, String> previous = setSystemProperties(properties);
      configSource = DemoConsole.describeConfigSource();
      try {
        server.start();
      } catch (Exception e) {
        stopQuietly(server);
        emulator.close();
        throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
      } finally {
        setSystemProperties(previous);
      }
    }
    if (!context.isAvailable()
        || context.getServletContext().getAttribute(FACADE_ATTRIBUTE) == null) {
      stopQuietly(server);
      emulator.close();
      throw new IllegalStateException(
          "Dialbridge did not start in the demo CRM; see the log above");
    }
    URI baseUri = URI.create("http://" + HostNames.bracketed(reachableHost) + ":" + port + "/");
    LOG.log(
        Level.INFO,
        () -> "Demo CRM listening on " + baseUri + ", provider emulator on " + emulator.baseUri());
    return new DemoCrm(server, context, emulator, port, baseUri, configSource);
  }

  /** The port the CRM listens on. */
  public int port() {
    return port;
  }

  /** {@code http://<host>:<port>/}, the CRM's address. */
  public URI baseUri() {
    return baseUri;
  }

  /** The provider emulator the built-in configuration points every provider at. */
  public ProviderEmulator emulator() {
    return emulator;
  }

  /** The running Dialbridge, as its initializer published it for host code. */
  public Dialbridge dialbridge() {
    Object facade = context.getServletContext().getAttribute(FACADE_ATTRIBUTE);
    if (facade == null) throw new IllegalStateException("Dialbridge is not running");
    return (Dialbridge) facade;
  }

  /** Where Dialbridge's configuration was read from, for people. */
  public String configSource() {
    return configSource;
  }

  /** Waits until the CRM stops (Ctrl-C, or {@link #close()} from another thread). */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops the emulator, Dialbridge and the CRM. */
  @Override
  public void close() {
    stopQuietly(server);
  }

  /**
   * Runs the demo until Ctrl-C: {@code --port N} (or env {@code PORT}, default 8080), {@code
   * --emulator-port N} (or env {@code EMULATOR_PORT}, default any free port), {@code --host
   * ADDRESS} (default 127.0.0.1).
   */
  public static void main(String[] args) throws InterruptedException {
    DemoConsole.configureLogging();
    DemoOptions options;
    try {
      options = DemoCli.parse(args, System.getenv());
    } catch (DemoCli.HelpRequested help) {
      DemoCli.usage(System.out);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      DemoCli.usage(System.err);
      System.exit(2);
      return;
    }
    DemoCrm demo;
    try {
      demo = start(options);
    } catch (IllegalStateException e) {
      System.err.println();
      System.err.println("The demo did not start: " + e.getMessage());
      if (String.valueOf(e.getMessage()).contains("already in use")) {
        System.err.println(
            "Is another demo running from this folder? It keeps its data in ./data: stop it, or"
                + " start this one elsewhere.");
      }
      System.exit(1);
      return;
    }
    DemoConsole.banner(demo, options, System.out);
    demo.server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStopping(LifeCycle event) {
            System.out.println("  Stopping the demo CRM…");
          }

          @Override
          public void lifeCycleStopped(LifeCycle event) {
            System.out.println("  Stopped.");
          }
        });
    demo.join();
  }

  private static Map<String, String> setSystemProperties(Map<String, String> values) {
    Map<String, String> previous = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          previous.put(name, System.getProperty(name));
          if (value == null) System.clearProperty(name);
          else System.setProperty(name, value);
        });
    return previous;
  }

  private static String portTaken(String what, String host, int port, String flag, String env) {
    return port == 0
        ? what + " could not listen on " + host
        : what
            + " could not listen on "
            + host
            + ":"
            + port
            + " (is another program using the port?)."
            + " Choose another one with "
            + flag
            + " "
            + (port + 1)
            + " or "
            + env
            + "="
            + (port + 1)
            + ".";
  }

  private static void closeQuietly(ServerConnector connector) {
    try {
      connector.close();
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "closing the connector: " + e);
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "The demo CRM did not stop cleanly", e);
    }
  }
}
