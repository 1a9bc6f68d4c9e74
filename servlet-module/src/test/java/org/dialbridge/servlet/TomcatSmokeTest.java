package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.HostAuthFilter;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.Inboxes;
import org.dialbridge.servlet.testing.MockServers;
import org.dialbridge.servlet.testing.WidgetJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Portability: the same JARs in an embedded Tomcat 10.1, set up as a CRM would be deployed there.
 *
 * <p>Nothing registers Dialbridge by hand: {@code addWebapp} gives the context Tomcat's own {@code
 * ContextConfig}, whose {@code WebappServiceLoader} reads {@code
 * META-INF/services/jakarta.servlet.ServletContainerInitializer} through the webapp's class loader
 * and finds {@link DialbridgeInitializer} on the class path (where a real deployment has it in
 * {@code WEB-INF/lib}). The widget JAR is put in the docBase's {@code WEB-INF/lib}, so Tomcat's
 * {@code StandardRoot} mounts its {@code META-INF/resources} exactly as it does in a deployed WAR.
 * Class-path scanning for fragments is off: a deployed webapp has no test class path, and it makes
 * the start slow.
 */
class TomcatSmokeTest {
  private static final MockWebServer c3 = new MockWebServer();
  private static Path base;
  private static Tomcat tomcat;
  private static Context context;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    c3.start();
    base = Files.createTempDirectory("dialbridge-tomcat");
    Path docBase = Files.createDirectories(base.resolve("crm"));
    WidgetJar.writeTo(docBase.resolve("WEB-INF/lib/dialbridge-widget.jar"));

    tomcat = new Tomcat();
    tomcat.setBaseDir(base.resolve("catalina").toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    // conf/web.xml of a Tomcat install, less the JSP servlet that tomcat-embed-core does not ship
    tomcat.setAddDefaultWebXmlToWebapp(false);
    context = tomcat.addWebapp("/crm", docBase.toString());
    Tomcat.addServlet(context, "default", new DefaultServlet()).setLoadOnStartup(1);
    context.addServletMappingDecoded("/", "default");
    Tomcat.addDefaultMimeTypeMappings(context);
    ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
    config().forEach(context::addParameter);

    FilterDef signIn = new FilterDef();
    signIn.setFilterName("host-sign-in");
    signIn.setFilter(new HostAuthFilter());
    signIn.setAsyncSupported("true");
    context.addFilterDef(signIn);
    FilterMap everything = new FilterMap();
    everything.setFilterName("host-sign-in");
    everything.addURLPattern("/*");
    context.addFilterMap(everything);

    tomcat.start();
    http =
        new Http(URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/crm/"));
  }

  /**
   * The mock is this class's alone (its host was configured with its URL), and each test starts it
   * afresh.
   */
  @BeforeEach
  void resetProvider() throws InterruptedException {
    MockServers.reset(c3);
  }

  @AfterAll
  static void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    c3.close();
    if (base != null) {
      try (Stream<Path> files = Files.walk(base)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  private static Map<String, String> config() {
    return TestConfig.region("PE")
        // two tests place a call each as ana; one live call per agent is LiveCallApiTest's
        .set("dialbridge.dial.one-live-call", "false")
        .h2Store("tomcat")
        .provider("c3", "c3", c3.url("/").toString())
        .token("c3", "c3-api-token")
        .webhookToken("c3", "c3-hook-token")
        .agent("ana", "6001")
        .properties();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Problems.JSON.readTree(response.body());
  }

  @Test
  void tomcatFindsTheInitializerAndDialbridgeMountsItself() throws Exception {
    assertThat(context.getState()).isEqualTo(LifecycleState.STARTED);
    assertThat(context.getServletContext().getAttribute(DialbridgeInitializer.ATTRIBUTE))
        .isNotNull();
    assertThat(context.findChild(DialbridgeInitializer.API_SERVLET)).isNotNull();

    HttpResponse<String> me = http.get("dialbridge/api/me").as("ana").send();

    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(json(me).get("user").asText()).isEqualTo("ana");
    assertThat(json(me).get("extension").asText()).isEqualTo("6001");
    assertThat(json(me).get("capabilities").get("hangUp").asBoolean()).isTrue();
  }

  @Test
  void theHostsSignInIsWhatDialbridgeSees() throws Exception {
    HttpResponse<String> anonymous = http.get("dialbridge/api/me").send();

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(json(anonymous).get("code").asText()).isEqualTo("unauthenticated");
  }

  @Test
  void placingACallSendsTheProviderTheExactRequest() throws Exception {
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"message\":\"ok\",\"data\":{\"actionid\":\"tc_201\"}}")
            .build());

    HttpResponse<String> placed =
        http.post("dialbridge/api/calls")
            .browser("ana")
            .json("{\"contactId\":\"c-tomcat\",\"number\":\"01 555 1234\"}")
            .send();

    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    JsonNode call = json(placed);
    assertThat(placed.headers().firstValue("Location"))
        .hasValue(http.uri("dialbridge/api/calls/" + call.get("id").asText()).toString());
    assertThat(call.get("providerCallId").asText()).isEqualTo("tc_201");
    assertThat(call.get("contactId").asText()).isEqualTo("c-tomcat");
    assertThat(call.get("status").asText()).isEqualTo("DIALING");
    RecordedRequest request = c3.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v1/calls/originate");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer c3-api-token");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(Problems.JSON.readTree(request.getBody().utf8()))
        .isEqualTo(Problems.JSON.readTree("{\"agent\":\"6001\",\"phone\":\"+5115551234\"}"));
  }

  @Test
  void aWebhookIsStoredAndShowsInTheCallsTimeline() throws Exception {
    c3.enqueue(
        new MockResponse.Builder().code(200).body("{\"data\":{\"actionid\":\"tc_hook\"}}").build());
    HttpResponse<String> placed =
        http.post("dialbridge/api/calls")
            .browser("ana")
            .json("{\"contactId\":\"c-tomcat-hook\",\"number\":\"01 555 1234\"}")
            .send();
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String id = json(placed).get("id").asText();

    HttpResponse<String> hook =
        http.post("dialbridge/webhooks/c3/c3-hook-token")
            .json("{\"event\":\"answered\",\"callId\":\"tc_hook\"}")
            .send();

    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(204);
    Inboxes.awaitApplied(context.getServletContext().getAttribute(DialbridgeInitializer.ATTRIBUTE));
    JsonNode call = json(http.get("dialbridge/api/calls/" + id).as("ana").send());
    assertThat(call.get("status").asText()).isEqualTo("ANSWERED");
    List<String> types = new ArrayList<>();
    call.get("events").forEach(e -> types.add(e.get("type").asText()));
    assertThat(types).containsExactly("PLACED", "ANSWERED");
  }

  @Test
  void theWidgetScriptIsServedFromTheWidgetJarInWebInfLib() throws Exception {
    String expected;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(WidgetJar.SCRIPT)) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    HttpResponse<String> script = http.get("dialbridge/click-to-call.js").send();

    assertThat(script.statusCode()).isEqualTo(200);
    // a browser refuses to run a module script served with another type
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/javascript"));
    assertThat(script.body()).isEqualTo(expected);
  }
}
