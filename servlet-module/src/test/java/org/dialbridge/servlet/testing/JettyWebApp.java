package org.dialbridge.servlet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A host CRM deployed as a real webapp on embedded Jetty 12 (an ee10 {@code WebAppContext}, context
 * {@code /crm}): a docBase with the host's own {@code WEB-INF/web.xml}, and Jetty's whole
 * deployment chain — web.xml, fragments, annotation scanning and {@code
 * ServletContainerInitializer} discovery through {@code ServiceLoader}. Dialbridge is not
 * registered by hand.
 *
 * <p>The test class path stands in for {@code WEB-INF/lib}: the class-path entries that hold the
 * classes given to {@link Builder#scan} are scanned for annotations and {@code @HandlesTypes} the
 * way Jetty scans a WAR's JARs (Jetty's container include pattern), the rest is not scanned.
 */
public final class JettyWebApp implements AutoCloseable {
  private final Server server;
  private final WebAppContext webapp;
  private final Path docBase;
  private final Http http;
  private final Throwable startupFailure;

  private JettyWebApp(Builder b) throws Exception {
    docBase = Files.createTempDirectory("dialbridge-webapp");
    Files.createDirectories(docBase.resolve("WEB-INF"));
    if (b.webXml != null)
      Files.writeString(docBase.resolve("WEB-INF/web.xml"), b.webXml, StandardCharsets.UTF_8);

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    webapp = new WebAppContext();
    webapp.setContextPath("/crm");
    webapp.setBaseResource(ResourceFactory.of(webapp).newResource(docBase));
    webapp.addConfiguration(new AnnotationConfiguration());
    // the test class path is the parent loader; load from it rather than twice
    webapp.setParentLoaderPriority(true);
    webapp.setThrowUnavailableOnStartupException(true);
    String scanned =
        b.scan.stream()
            .map(JettyWebApp::classPathEntry)
            .distinct()
            .map(entry -> ".*" + Pattern.quote(entry) + "/?")
            .collect(Collectors.joining("|"));
    // nothing from the container class path is scanned unless named (a pattern matching no entry)
    webapp.setAttribute(
        MetaInfConfiguration.CONTAINER_JAR_PATTERN, scanned.isEmpty() ? "^$" : scanned);
    b.contextParams.forEach(webapp::setInitParameter);
    server.setHandler(webapp);
    Throwable failure = null;
    try {
      server.start();
    } catch (Exception e) {
      failure = e;
    }
    startupFailure = failure;
    http = new Http(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/crm/"));
  }

  /**
   * The class-path folder or JAR holding {@code c}, as a file-system path (Jetty writes the URIs
   * its own way).
   */
  private static String classPathEntry(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What the host deploys. */
  public static final class Builder {
    private String webXml;
    private final Map<String, String> contextParams = new LinkedHashMap<>();
    private final List<Class<?>> scan = new ArrayList<>();

    /** The host's {@code WEB-INF/web.xml}; none by default. */
    public Builder webXml(String webXml) {
      this.webXml = webXml;
      return this;
    }

    public Builder contextParams(Map<String, String> params) {
      contextParams.putAll(params);
      return this;
    }

    /**
     * Scans the class-path entry (folder or JAR) holding each class, as if it were in WEB-INF/lib.
     */
    public Builder scan(Class<?>... classes) {
      scan.addAll(List.of(classes));
      return this;
    }

    public JettyWebApp start() throws Exception {
      return new JettyWebApp(this);
    }
  }

  /**
   * A {@code WEB-INF/web.xml} (Servlet 6.0) with the host's sign-in filter on every path, and
   * {@code more} inside.
   */
  public static String webXml(String attributes, String more) {
    return """
    <?xml version="1.0" encoding="UTF-8"?>
    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
             xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee
                                 https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
             version="6.0" %s>
      <display-name>Host CRM</display-name>
      <filter>
        <filter-name>host-sign-in</filter-name>
        <filter-class>%s</filter-class>
        <async-supported>true</async-supported>
      </filter>
      <filter-mapping>
        <filter-name>host-sign-in</filter-name>
        <url-pattern>/*</url-pattern>
      </filter-mapping>
    %s
    </web-app>
    """
        .formatted(attributes, HostAuthFilter.class.getName(), more);
  }

  public Http http() {
    return http;
  }

  /** Why the webapp did not start, or null. */
  public Throwable startupFailure() {
    return startupFailure;
  }

  public WebAppContext context() {
    return webapp;
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop();
    } finally {
      try (Stream<Path> files = Files.walk(docBase)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
