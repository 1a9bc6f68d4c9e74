package org.dialbridge.hosts.war;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR in a real standalone Tomcat 10.1: the distribution from the Maven repository, its
 * default {@code conf/server.xml} with only the port numbers changed (so its listeners stay, among
 * them {@code JreMemoryLeakPreventionListener}, which fills DriverManager's registry before any
 * webapp starts), started as its own process with {@code bin/catalina.sh run}. The WAR is deployed
 * twice: as {@code /crm} with its own store URL, and as {@code /crm-jndi} whose context descriptor
 * hands it Tomcat's pooled {@code DataSource} by JNDI instead.
 *
 * <p>The Tomcat process cannot outlive the build: it runs under a small shell that kills it when
 * its standard input closes, which happens when this JVM exits however it exits.
 */
class StandaloneTomcatIT {
  /**
   * Runs {@code catalina.sh run} ($0) in the background and stops it (SIGTERM: a clean shutdown)
   * once stdin closes.
   */
  private static final String SUPERVISOR =
      "sh \"$0\" run & tomcat=$!; read ignored; kill $tomcat; wait $tomcat";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final MockWebServer c3 = new MockWebServer();
  private Process tomcat;
  private Path base;

  @AfterEach
  void stop() throws Exception {
    if (tomcat != null) kill(tomcat);
    c3.close();
  }

  @Test
  void aCallPlacedInTheWarOnTomcatEndsByWebhookInItsStreamAndHistoryWithItsOwnPoolAndWithTomcats()
      throws Exception {
    c3.start(InetAddress.getLoopbackAddress(), 0);
    Path home = Path.of(System.getProperty("crm.tomcat-home"));
    base = freshBase(home);
    int httpPort = freePort();
    useFreePorts(base.resolve("conf/server.xml"), freePort(), httpPort);
    addUsers(base.resolve("conf/tomcat-users.xml"));
    Path war = Path.of(System.getProperty("crm.war"));
    Files.copy(war, base.resolve("webapps/crm.war"));
    Path data = Files.createDirectories(base.resolve("data"));
    deployWithJndiDataSource(war, data);
    Map<String, String> properties = CrmScenario.systemProperties(c3, data);

    tomcat = start(home, properties);
    URI crm = URI.create("http://127.0.0.1:" + httpPort + "/crm/");
    URI crmJndi = URI.create("http://127.0.0.1:" + httpPort + "/crm-jndi/");
    awaitDeployed(crm);
    awaitDeployed(crmJndi);

    new CrmScenario(crm, c3).run();
    new CrmScenario(crmJndi, c3).run();

    tomcat.getOutputStream().close();
    assertThat(tomcat.waitFor(30, TimeUnit.SECONDS)).as("Tomcat stopped").isTrue();
    String log = log();
    assertThat(log)
        .as("Tomcat's log")
        .contains(
            "Dialbridge mounted in /crm:",
            "Dialbridge mounted in /crm-jndi:",
            "store jndi:java:comp/env/jdbc/calls")
        .contains("Dialbridge stopped in /crm\n", "Dialbridge stopped in /crm-jndi")
        .doesNotContain("No suitable driver")
        .doesNotContain("appears to have started a thread named [dialbridge")
        .doesNotContain("but failed to unregister it");
  }

  /**
   * A CATALINA_BASE of its own: the distribution's conf, untouched by earlier runs, and empty
   * webapps, logs, temp, work.
   */
  private static Path freshBase(Path home) throws IOException {
    Path base = Path.of(System.getProperty("crm.work-dir"), "tomcat-base");
    if (Files.exists(base)) {
      try (Stream<Path> old = Files.walk(base)) {
        old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    for (String dir : List.of("conf", "webapps", "logs", "temp", "work"))
      Files.createDirectories(base.resolve(dir));
    try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
      for (Path file : conf.filter(Files::isRegularFile).toList()) {
        Files.copy(
            file,
            base.resolve("conf").resolve(file.getFileName()),
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return base;
  }

  /**
   * {@code /crm-jndi}: the same WAR, its store Tomcat's pool ({@code Resource} in the context
   * descriptor, H2's JAR in {@code $CATALINA_BASE/lib} where that pool loads it), the WAR's own
   * store URL blanked by a context-param.
   */
  private void deployWithJndiDataSource(Path war, Path data) throws IOException {
    Files.createDirectories(base.resolve("lib"));
    Path h2 =
        Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Files.copy(h2, base.resolve("lib").resolve(h2.getFileName()));
    String descriptor =
        """
        <Context docBase="%s">
          <Parameter name="dialbridge.store.jdbc-url" value="" override="false"/>
          <Parameter name="dialbridge.store.jndi-name" value="java:comp/env/jdbc/calls"
                     override="false"/>
          <Resource name="jdbc/calls" auth="Container" type="javax.sql.DataSource"
                    driverClassName="org.h2.Driver"
                    url="jdbc:h2:file:%s/calls-jndi;DB_CLOSE_ON_EXIT=FALSE"
                    maxTotal="4" maxWaitMillis="2000"/>
        </Context>
        """
            .formatted(war.toAbsolutePath(), data.toAbsolutePath());
    Path contexts = Files.createDirectories(base.resolve("conf/Catalina/localhost"));
    Files.writeString(contexts.resolve("crm-jndi.xml"), descriptor, StandardCharsets.UTF_8);
  }

  private static void useFreePorts(Path serverXml, int shutdownPort, int httpPort)
      throws IOException {
    String xml = Files.readString(serverXml, StandardCharsets.UTF_8);
    assertThat(xml)
        .as("the default server.xml")
        .contains(
            "<Server port=\"8005\"", "<Connector port=\"8080\"", "JreMemoryLeakPreventionListener");
    Files.writeString(
        serverXml,
        xml.replace("<Server port=\"8005\"", "<Server port=\"" + shutdownPort + "\"")
            .replace(
                "<Connector port=\"8080\"",
                "<Connector address=\"127.0.0.1\" port=\"" + httpPort + "\""),
        StandardCharsets.UTF_8);
  }

  private static void addUsers(Path tomcatUsers) throws IOException {
    String xml = Files.readString(tomcatUsers, StandardCharsets.UTF_8);
    String users =
        "  <role rolename=\""
            + CrmScenario.AGENT_ROLE
            + "\"/>\n"
            + "  <user username=\""
            + CrmScenario.AGENT
            + "\" password=\""
            + CrmScenario.AGENT_PASSWORD
            + "\" roles=\""
            + CrmScenario.AGENT_ROLE
            + "\"/>\n</tomcat-users>";
    Files.writeString(tomcatUsers, xml.replace("</tomcat-users>", users), StandardCharsets.UTF_8);
  }

  private Process start(Path home, Map<String, String> properties) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", SUPERVISOR, home.resolve("bin/catalina.sh").toString())
            .redirectErrorStream(true)
            .redirectOutput(base.resolve("logs/console.log").toFile());
    Map<String, String> env = builder.environment();
    env.remove("JRE_HOME");
    env.remove("JAVA_OPTS");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("CATALINA_HOME", home.toString());
    env.put("CATALINA_BASE", base.toString());
    env.put(
        "CATALINA_OPTS",
        "-Xmx256m -XX:TieredStopAtLevel=1 "
            + properties.entrySet().stream()
                .map(e -> "-D" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
    Process started = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> kill(started), "tomcat-it-kill"));
    return started;
  }

  /** Waits until Tomcat answers for /crm: the CRM's API asks for sign-in once the webapp is up. */
  private void awaitDeployed(URI crm) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(tomcat.isAlive()).as("Tomcat is running; its log:\n" + log()).isTrue();
      try {
        HttpResponse<String> ping =
            http.send(
                HttpRequest.newBuilder(crm.resolve("api/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).as("/crm deployed; Tomcat's log:\n" + log()).isEqualTo(401);
        return;
      } catch (ConnectException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError(
        "Tomcat did not start within " + START_TIMEOUT + "; its log:\n" + log());
  }

  private String log() {
    try {
      return Files.readString(base.resolve("logs/console.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void kill(Process process) {
    if (!process.isAlive()) return;
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.flush();
    } catch (IOException ignored) {
      // already closed: the supervisor is stopping Tomcat
    }
    try {
      if (process.waitFor(20, TimeUnit.SECONDS)) return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
