package org.dialbridge.hosts.war;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR file deployed by a Jetty 12 (ee10) {@code WebAppContext}, as a Jetty distribution
 * deploys it: web.xml, {@code web-fragment.xml} and {@code ServletContainerInitializer}s found by
 * annotation scanning, the webapp's class loader first, the container's sign-in from a {@link
 * HashLoginService} for the web.xml's realm.
 */
class JettyWebAppIT {
  private final MockWebServer c3 = new MockWebServer();
  private Server server;
  private Map<String, String> properties;

  @AfterEach
  void stop() throws Exception {
    if (server != null) server.stop();
    if (properties != null) properties.keySet().forEach(System::clearProperty);
    c3.close();
  }

  @Test
  void aCallPlacedInTheWarOnJettyEndsByWebhookInItsStreamAndHistory() throws Exception {
    c3.start(InetAddress.getLoopbackAddress(), 0);
    Path work = Files.createDirectories(Path.of(System.getProperty("crm.work-dir"), "jetty"));
    properties = CrmScenario.systemProperties(c3, Files.createTempDirectory(work, "data"));
    properties.forEach(System::setProperty);

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.addBean(signIns());
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath("/crm");
    webapp.setWar(System.getProperty("crm.war"));
    webapp.setTempDirectory(Files.createTempDirectory(work, "webapp").toFile());
    webapp.addConfiguration(new AnnotationConfiguration());
    webapp.setThrowUnavailableOnStartupException(true);
    server.setHandler(webapp);
    server.start();

    new CrmScenario(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/crm/"), c3).run();

    server.stop();
    assertThat(dialbridgeThreadsAfterAMoment())
        .as("Dialbridge threads left once the webapp stopped")
        .isEmpty();
  }

  private static HashLoginService signIns() {
    UserStore users = new UserStore();
    users.addUser(
        CrmScenario.AGENT,
        Credential.getCredential(CrmScenario.AGENT_PASSWORD),
        new String[] {CrmScenario.AGENT_ROLE});
    HashLoginService login = new HashLoginService("crm");
    login.setUserStore(users);
    return login;
  }

  private static List<String> dialbridgeThreadsAfterAMoment() throws InterruptedException {
    List<String> left = List.of();
    for (int i = 0; i < 50; i++) {
      left =
          Thread.getAllStackTraces().keySet().stream()
              .filter(Thread::isAlive)
              .map(Thread::getName)
              .filter(n -> n.startsWith("dialbridge-"))
              .toList();
      if (left.isEmpty()) break;
      Thread.sleep(20);
    }
    return left;
  }
}
