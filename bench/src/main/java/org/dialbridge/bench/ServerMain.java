package org.dialbridge.bench;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Properties;
import java.util.ServiceLoader;
import org.dialbridge.core.config.StoreSettings;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The JVM under test, started by the load generator as a child process so that its heap, its JIT
 * and its flight recording are its own. {@code stack}: a host CRM webapp on Jetty 12 (context
 * {@code /crm}) with its sign-in filter and Dialbridge mounted by its own
 * ServletContainerInitializer, configured by context-params read from a properties file. {@code
 * bare}: the same Jetty with one servlet that answers {@code 204} to everything, the limit the
 * stack is compared with. Prints {@code READY <port>} and runs until its standard input closes.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1)
      throw new IllegalArgumentException("usage: ServerMain stack|bare [properties-file]");
    Properties config = new Properties();
    if (args.length > 1) {
      try (Reader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
        config.load(in);
      }
    }
    HeapMonitor.start();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/crm");
    context.addServlet(new ServletHolder("bench-heap", new HeapMonitor()), "/bench/heap");
    context.addServlet(new ServletHolder("bench-gc", new HeapMonitor()), "/bench/gc");
    context.addServlet(new ServletHolder("bench-jit", new Jit()), "/bench/jit");
    context.addServlet(new ServletHolder("bench-inbox", new Inbox(config)), "/bench/inbox");
    context.addServlet(new ServletHolder("bench-events", new Inbox(config)), "/bench/events");
    switch (args[0]) {
      case "stack" -> stack(context, config);
      case "bare" -> context.addServlet(new ServletHolder("bare", new NoContent()), "/");
      default -> throw new IllegalArgumentException("unknown server kind " + args[0]);
    }
    server.setHandler(context);
    server.start();
    if (!context.isAvailable()) {
      System.out.println("FAILED the webapp did not start (see the server log)");
      System.out.flush();
      server.stop();
      System.exit(2);
    }
    System.out.println("READY " + connector.getLocalPort());
    System.out.flush();
    InputStream in = System.in;
    while (in.read() >= 0) {
      // the load generator keeps our standard input open for as long as it needs us
    }
    server.stop();
    System.exit(0);
  }

  private static void stack(ServletContextHandler context, Properties config) {
    for (String name : config.stringPropertyNames())
      context.setInitParameter(name, config.getProperty(name));
    URL widget =
        ServerMain.class
            .getClassLoader()
            .getResource("META-INF/resources/dialbridge/click-to-call.js");
    if (widget == null)
      throw new IllegalStateException("the widget's files are not on the class path");
    String root =
        widget
            .toString()
            .substring(0, widget.toString().length() - "dialbridge/click-to-call.js".length());
    context.setBaseResource(ResourceFactory.of(context).newResource(URI.create(root)));
    context.addFilter(
        new FilterHolder(new SignInFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(DefaultServlet.class, "/");
    context.addServlet(new ServletHolder("bench-pages", new WidgetPages()), "/bench/page/*");
    for (ServletContainerInitializer sci : ServiceLoader.load(ServletContainerInitializer.class)) {
      context.addServletContainerInitializer(sci);
    }
  }

  /**
   * {@code /bench/jit}: this JVM's uptime and total JIT compilation time, in milliseconds ({@code
   * "<uptime> <compile>"}), for the load generator's steady-state warm-up.
   */
  static final class Jit extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
      long compile =
          jit != null && jit.isCompilationTimeMonitoringSupported()
              ? jit.getTotalCompilationTime()
              : 0;
      response.setContentType("text/plain");
      response.getWriter().print(ManagementFactory.getRuntimeMXBean().getUptime() + " " + compile);
    }
  }

  /**
   * {@code /bench/inbox}: the rows of {@code dialbridge_inbox} not parked and parked ({@code
   * "<unparked> <parked>"}), or {@code none} when the store has no such table (the synchronous
   * webhook path); {@code /bench/inbox?waiting}: {@code 1} while a row not parked waits, else
   * {@code 0}: a probe of the oldest, for polling while a backlog drains (counting a backlog of
   * 280,000 rows took PostgreSQL 70–90 ms and three processes each time, every 20 ms: the bench's
   * own polling slowed the applier it waited for). {@code /bench/events}: the rows of {@code
   * dialbridge_event} that are webhooks (not Dialbridge's own events). Read through one connection
   * of its own to the store's database, opened in this JVM (so that it works on an H2 file database
   * the server holds open) and kept: a new PostgreSQL connection per poll is a process started. On
   * an H2 file, {@code /bench/inbox} reads the inbox's own file.
   */
  static final class Inbox extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Properties config;
    private transient Connection connection;

    Inbox(Properties config) {
      this.config = config;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String url = config.getProperty("dialbridge.store.jdbc-url");
      String answer;
      if (url == null) {
        answer = "none";
      } else {
        try {
          answer = answer(url, request);
        } catch (SQLException e) {
          response.sendError(500, e.toString());
          return;
        }
      }
      response.setContentType("text/plain");
      response.getWriter().print(answer);
    }

    private synchronized String answer(String url, HttpServletRequest request) throws SQLException {
      if (connection == null || !connection.isValid(1)) {
        // the inbox may be in an H2 file of its own; the events are among the calls
        boolean inbox = !request.getRequestURI().endsWith("/events");
        connection =
            DriverManager.getConnection(
                inbox ? StoreSettings.inboxFileUrl(url).orElse(url) : url,
                config.getProperty("dialbridge.store.user", ""),
                config.getProperty("dialbridge.store.password", ""));
      }
      try (Statement s = connection.createStatement()) {
        if (request.getRequestURI().endsWith("/events")) return events(s);
        return request.getParameter("waiting") != null ? waiting(s) : inbox(s);
      }
    }

    static String events(Statement s) throws SQLException {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT COUNT(*) FROM dialbridge_event WHERE event_key NOT LIKE 'dialbridge|%'")) {
        rs.next();
        return String.valueOf(rs.getLong(1));
      }
    }

    static String inbox(Statement s) throws SQLException {
      ResultSet rs;
      try {
        rs =
            s.executeQuery(
                "SELECT COUNT(CASE WHEN parked_at IS NULL THEN 1 END), COUNT(parked_at)"
                    + " FROM dialbridge_inbox");
      } catch (SQLException noTable) {
        return "none";
      }
      try (rs) {
        rs.next();
        return rs.getLong(1) + " " + rs.getLong(2);
      }
    }

    static String waiting(Statement s) throws SQLException {
      ResultSet rs;
      try {
        rs =
            s.executeQuery(
                "SELECT id FROM dialbridge_inbox WHERE parked_at IS NULL ORDER BY id LIMIT 1");
      } catch (SQLException noTable) {
        return "none";
      }
      try (rs) {
        return rs.next() ? "1" : "0";
      }
    }
  }

  /** The bare limit: answers every request {@code 204} without reading it. */
  static final class NoContent extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
  }

  /** The widget scenario's pages, so that they come from the same origin as the API. */
  static final class WidgetPages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String path = String.valueOf(request.getPathInfo());
      String type = "text/html;charset=utf-8";
      String body;
      switch (path) {
        case "/widget" ->
            body = WidgetScenario.page("/crm/dialbridge/click-to-call.js", "click-to-call");
        case "/bare" -> body = WidgetScenario.page("/crm/bench/page/bare.js", "bare-button");
        case "/bare.js" -> {
          type = "text/javascript;charset=utf-8";
          body = WidgetScenario.BARE_ELEMENT;
        }
        default -> {
          response.sendError(404);
          return;
        }
      }
      response.setContentType(type);
      response.setHeader("Cache-Control", "no-store");
      response.getWriter().write(body);
    }
  }
}
