package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.core.webhook.WebhookSignatures;
import org.dialbridge.servlet.testing.HostPage;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.dialbridge.servlet.testing.LogCapture;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a CRM's administrator sees when the webapp starts: Dialbridge turned off, refusing a bad
 * configuration with one line per bad key, leaving the host's own names and paths alone, and the
 * log it writes — one INFO line, a warning for each thing it did not do, and never a secret.
 */
class StartupTest {
  private static final String API_TOKEN = "s3cr3t-api-token-7Qx";
  private static final String HOOK_TOKEN = "s3cr3t-hook-token-9Kd";
  private static final String BASIC_PASSWORD = "s3cr3t-basic-pass-2Wm";
  private static final String HMAC_SECRET = "s3cr3t-hmac-key-5Jv";
  private static final String DB_PASSWORD = "s3cr3t-db-pass-8Rt";
  private static final String TYPO_SECRET = "s3cr3t-in-a-typo-4Pn";
  private static final List<String> SECRETS =
      List.of(API_TOKEN, HOOK_TOKEN, BASIC_PASSWORD, HMAC_SECRET, DB_PASSWORD, TYPO_SECRET);

  private LogCapture log;
  private final List<JettyHost> hosts = new ArrayList<>();

  @BeforeEach
  void captureLog() {
    log = LogCapture.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (JettyHost h : hosts) h.close();
    log.close();
  }

  private static Map<String, String> config() {
    return TestConfig.region("PE")
        .defaultProvider("c3")
        .h2Store("startup")
        .set("dialbridge.store.user", "sa")
        .set("dialbridge.store.password", DB_PASSWORD)
        // nothing listens on the discard port: a call placed fails at once
        .provider("c3", "c3", "http://127.0.0.1:9/")
        .token("c3", API_TOKEN)
        .webhookToken("c3", HOOK_TOKEN)
        // the secrets these tests look for in logs and error messages
        .set("dialbridge.providers.c3.webhook-basic-user", "c3-hooks")
        .set("dialbridge.providers.c3.webhook-basic-password", BASIC_PASSWORD)
        .set("dialbridge.providers.c3.webhook-hmac-secret", HMAC_SECRET)
        .agent("ana", "6001")
        .properties();
  }

  private JettyHost start(Map<String, String> properties) throws Exception {
    return start(properties, new HostServlet[0]);
  }

  private record HostServlet(String name, String path) {}

  /**
   * A host whose own servlets (a home page, and {@code more}) are declared before Dialbridge
   * starts.
   */
  private JettyHost start(Map<String, String> properties, HostServlet... more) throws Exception {
    JettyHost host =
        JettyHost.start(
            properties,
            context -> {
              List<HostServlet> servlets =
                  new ArrayList<>(List.of(new HostServlet("home", "/home")));
              servlets.addAll(Arrays.asList(more));
              for (HostServlet s : servlets) {
                ServletHolder holder = new ServletHolder(s.name(), HostPage.class);
                context.addServlet(holder, s.path());
              }
            });
    hosts.add(host);
    return host;
  }

  /** The message of the container's start-up failure that Dialbridge raised. */
  private static String dialbridgeFailure(JettyHost host) {
    assertThat(host.startupFailure()).as("the webapp's start-up failure").isNotNull();
    List<Throwable> seen = new ArrayList<>();
    List<Throwable> todo = new ArrayList<>(List.of(host.startupFailure()));
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(0);
      if (t == null || seen.contains(t)) continue;
      seen.add(t);
      if (t.getMessage() != null && t.getMessage().startsWith("Dialbridge did not start")) {
        assertThat(t.getCause())
            .as("the container's exception keeps Dialbridge's as its cause")
            .isInstanceOf(DialbridgeException.class);
        return t.getMessage();
      }
      todo.add(t.getCause());
      todo.addAll(List.of(t.getSuppressed()));
    }
    throw new AssertionError("no Dialbridge failure in " + seen);
  }

  private static void assertHostServes(JettyHost host) {
    HttpResponse<String> home = host.http().get("home").send();
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).isEqualTo(HostPage.body("home"));
  }

  // ------------------------------------------------------------------ turned off

  @Test
  void turnedOffByAContextParamMountsNothingAndTheHostStillServes() throws Exception {
    JettyHost host = start(Map.of("dialbridge.enabled", "false"));

    assertThat(host.available()).isTrue();
    assertHostServes(host);
    assertThat(host.http().get("dialbridge/api/me").as("ana").send().statusCode()).isEqualTo(404);
    assertThat(host.http().get("dialbridge/api/health").send().statusCode()).isEqualTo(404);
    // mounted, the webhook filter answers a GET with 405 and a problem; here the host's default
    // servlet answers
    assertThat(host.http().get("dialbridge/webhooks/c3/" + HOOK_TOKEN).send().statusCode())
        .isEqualTo(404);
    HttpResponse<String> hook =
        host.http()
            .post("dialbridge/webhooks/c3/" + HOOK_TOKEN)
            .json("{\"event\":\"ringing\",\"callId\":\"x\"}")
            .send();
    assertThat(hook.statusCode()).as("Jetty's default servlet refuses a POST").isEqualTo(405);
    assertThat(hook.headers().firstValue("Content-Type").orElse("")).doesNotContain("problem+json");
    assertThat(host.attribute(DialbridgeInitializer.ATTRIBUTE)).isNull();
    assertThat(log.messages(Level.INFO))
        .containsExactly(
            "Dialbridge is turned off for /crm (context-param dialbridge.enabled=false)");
  }

  @Test
  void turnedOffWithAFullConfigurationOpensNoStore() throws Exception {
    Map<String, String> config = config();
    config.put("dialbridge.enabled", "false");

    JettyHost host = start(config);

    assertThat(host.available()).isTrue();
    assertHostServes(host);
    assertThat(host.http().get("dialbridge/api/me").as("ana").send().statusCode()).isEqualTo(404);
    assertThat(host.attribute(DialbridgeInitializer.ATTRIBUTE)).isNull();
    String url =
        config.get("dialbridge.store.jdbc-url").replace(";DB_CLOSE_DELAY=-1", ";IFEXISTS=TRUE");
    assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", DB_PASSWORD).close())
        .as("the store's database was never created")
        .isInstanceOf(SQLException.class);
  }

  // ------------------------------------------------------------------ bad configuration

  @Test
  void aBadConfigurationStopsTheWebappAndNamesEachBadKeyOnItsOwnLine() throws Exception {
    Map<String, String> config = config();
    config.put("dialbridge.providers.c3.tokn", TYPO_SECRET);
    config.put("dialbridge.dial.rate-limit", "ten a minute");
    config.put("dialbridge.providers.bm.type", "bemmelhor");

    JettyHost host = start(config);

    assertThat(host.available()).isFalse();
    String message = dialbridgeFailure(host);
    List<String> lines = List.of(message.split("\n"));
    assertThat(lines.get(0))
        .isEqualTo("Dialbridge did not start: Dialbridge configuration has 3 problems:");
    assertThat(lines).hasSize(4);
    for (String key :
        List.of(
            "dialbridge.providers.c3.tokn",
            "dialbridge.dial.rate-limit",
            "dialbridge.providers.bm.base-url")) {
      assertThat(lines.stream().filter(l -> l.strip().startsWith(key + ": "))).as(key).hasSize(1);
    }
    assertThat(message)
        .contains(
            "dialbridge.providers.c3.tokn: unknown key (did you mean"
                + " dialbridge.providers.c3.token?)");
    assertThat(message).contains("dialbridge.providers.bm.base-url: missing");
    assertThat(message).doesNotContain(TYPO_SECRET);
    assertThat(log.messages(Level.SEVERE)).containsExactly(message);
    assertThat(log.messages(Level.INFO)).noneMatch(m -> m.startsWith("Dialbridge mounted"));
  }

  @Test
  void noConfigurationAtAllStopsTheWebappWithOneClearMessage() throws Exception {
    assumeTrue(
        System.getProperty("dialbridge.config") == null
            && System.getenv("DIALBRIDGE_CONFIG") == null,
        "a Dialbridge configuration is set for this JVM");

    JettyHost host = start(Map.of());

    assertThat(host.available()).isFalse();
    String message = dialbridgeFailure(host);
    assertThat(message).doesNotContain("\n");
    assertThat(message)
        .startsWith(
            "Dialbridge did not start: Dialbridge configuration: dialbridge.properties: "
                + "no Dialbridge configuration found");
    assertThat(message)
        .contains(
            "WEB-INF/classes/dialbridge.properties",
            "-Ddialbridge.config",
            "DIALBRIDGE_CONFIG",
            "context-param dialbridge.enabled=false");
    assertThat(log.messages(Level.SEVERE)).containsExactly(message);
  }

  // ------------------------------------------------------------------ the host's own names and
  // paths

  @Test
  void aServletTheHostAlreadyNamedDialbridgeApiMountsNothingAndSaysWhy() throws Exception {
    JettyHost host =
        start(config(), new HostServlet(DialbridgeInitializer.API_SERVLET, "/legacy-dialer/*"));

    assertThat(host.available()).isTrue();
    HttpResponse<String> legacy = host.http().get("legacy-dialer/x").as("ana").send();
    assertThat(legacy.statusCode()).isEqualTo(200);
    assertThat(legacy.body()).isEqualTo(HostPage.body(DialbridgeInitializer.API_SERVLET));
    assertNothingMounted(host);
    assertThat(log.messages(Level.SEVERE))
        .singleElement()
        .asString()
        .startsWith(
            "Dialbridge is NOT mounted in /crm: the host already declares a servlet named"
                + " dialbridge-api;");
  }

  @Test
  void aFilterTheHostAlreadyNamedLikeTheApiGuardMountsNothingRatherThanAnUnguardedApi()
      throws Exception {
    JettyHost host =
        JettyHost.start(
            config(),
            context -> {
              FilterHolder hostFilter = new FilterHolder(new PassThrough());
              hostFilter.setName(DialbridgeInitializer.API_FILTER);
              context.addFilter(hostFilter, "/nothing/*", EnumSet.of(DispatcherType.REQUEST));
            });
    hosts.add(host);

    assertThat(host.available()).isTrue();
    assertNothingMounted(host);
    assertThat(log.messages(Level.SEVERE))
        .singleElement()
        .asString()
        .startsWith(
            "Dialbridge is NOT mounted in /crm: the host already declares a filter named"
                + " dialbridge-api-security;");
  }

  @Test
  void aPathTheHostAlreadyMapsIsLeftToTheHostAndNothingIsMounted() throws Exception {
    JettyHost host = start(config(), new HostServlet("host-dialer", "/dialbridge/api/*"));

    assertThat(host.available()).isTrue();
    HttpResponse<String> r = host.http().get("dialbridge/api/me").as("ana").send();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(HostPage.body("host-dialer"));
    assertThat(
            host.http()
                .post("dialbridge/webhooks/c3/" + HOOK_TOKEN)
                .json("{\"event\":\"ringing\",\"callId\":\"l1\"}")
                .send()
                .statusCode())
        .isNotEqualTo(204);
    assertThat(log.messages(Level.SEVERE))
        .containsExactly(
            "Dialbridge is NOT mounted in /crm: the host already declares a servlet host-dialer"
                + " mapped at /dialbridge/api/*; rename the host's servlet or filter, or move"
                + " Dialbridge's API with dialbridge.api-path");
  }

  @Test
  void alreadyMountedInThisContextByTheSpringBootStarterTheInitializerStepsAside()
      throws Exception {
    Object mountedByTheStarter = new Object();
    JettyHost host =
        JettyHost.start(
            config(),
            context -> context.setAttribute(DialbridgeInitializer.ATTRIBUTE, mountedByTheStarter));
    hosts.add(host);

    assertThat(host.available()).isTrue();
    assertThat(host.attribute(DialbridgeInitializer.ATTRIBUTE)).isSameAs(mountedByTheStarter);
    assertThat(host.http().get("dialbridge/api/me").as("ana").send().statusCode()).isEqualTo(404);
    assertThat(log.messages(Level.INFO))
        .containsExactly(
            "Dialbridge is already mounted in /crm (by the Spring Boot starter); the servlet"
                + " initializer steps aside");
    assertThat(log.messages(Level.SEVERE)).isEmpty();
  }

  private void assertNothingMounted(JettyHost host) {
    assertThat(host.http().get("dialbridge/api/me").as("ana").send().statusCode()).isEqualTo(404);
    assertThat(
            host.http()
                .post("dialbridge/webhooks/c3/" + HOOK_TOKEN)
                .json("{\"event\":\"ringing\",\"callId\":\"l1\"}")
                .send()
                .statusCode())
        .as("no webhook filter: Jetty's default servlet refuses the POST")
        .isEqualTo(405);
    assertThat(host.attribute(DialbridgeInitializer.ATTRIBUTE)).isNull();
    assertThat(log.messages(Level.INFO)).noneMatch(m -> m.startsWith("Dialbridge mounted"));
  }

  /** A host filter that does nothing but pass the request on. */
  public static final class PassThrough implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      chain.doFilter(request, response);
    }
  }

  // ------------------------------------------------------------------ the log

  @Test
  void startingLogsOneInfoLineAndWarnsOfAProviderWithoutWebhookAuthentication() throws Exception {
    Map<String, String> config = config();
    config.put("dialbridge.providers.bm.type", "bemmelhor");
    config.put("dialbridge.providers.bm.base-url", "http://127.0.0.1:9/");

    JettyHost host = start(config);

    assertThat(host.available()).isTrue();
    assertThat(log.messages(Level.INFO))
        .filteredOn(m -> m.startsWith("Dialbridge mounted"))
        .containsExactly(
            "Dialbridge mounted in /crm: API at /dialbridge/api, webhooks at"
                + " /dialbridge/webhooks/{bm,c3}, widget at /dialbridge/click-to-call.js; providers"
                + " [bm, c3]; store jdbc; configuration from "
                + config.size()
                + " context-params");
    assertThat(log.messages(Level.WARNING))
        .containsExactly(
            "Dialbridge: provider bm has no webhook authentication configured, so its webhooks are"
                + " refused; set dialbridge.providers.bm.webhook-token (or -basic-user/-password,"
                + " -hmac-secret)");
    assertThat(log.messages(Level.SEVERE)).isEmpty();
  }

  @Test
  void secretsNeverAppearInTheLog() throws Exception {
    JettyHost host = start(config());
    Http http = host.http();
    // what logs: refused webhooks, an accepted one, a provider that cannot be reached, stopping
    http.post("dialbridge/webhooks/c3/not-the-token")
        .json("{\"event\":\"ringing\",\"callId\":\"s1\"}")
        .send();
    http.post("dialbridge/webhooks/c3")
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        ("c3-hooks:" + BASIC_PASSWORD + "x").getBytes(StandardCharsets.UTF_8)))
        .json("{\"event\":\"ringing\",\"callId\":\"s1\"}")
        .send();
    byte[] body = "{\"event\":\"ringing\",\"callId\":\"s2\"}".getBytes(StandardCharsets.UTF_8);
    http.post("dialbridge/webhooks/c3")
        .body("application/json", body)
        .header(
            WebhookSignatures.HEADER,
            WebhookSignatures.sign(HMAC_SECRET, Instant.now().minusSeconds(900), body))
        .send();
    assertThat(
            http.post("dialbridge/webhooks/c3/" + HOOK_TOKEN)
                .json("{\"event\":\"ringing\",\"callId\":\"s3\"}")
                .send()
                .statusCode())
        .isEqualTo(204);
    assertThat(
            http.post("dialbridge/api/calls")
                .browser("ana")
                .json("{\"contactId\":\"c1\",\"number\":\"015551234\"}")
                .send()
                .statusCode())
        .isIn(502, 503);
    host.undeploy();
    Map<String, String> bad = config();
    bad.put("dialbridge.providers.c3.tokn", TYPO_SECRET);
    start(bad);

    String everything = log.everything();
    assertThat(everything)
        .contains("Dialbridge mounted in /crm", "webhook refused", "Dialbridge did not start");
    for (String secret : SECRETS) assertThat(everything).as("the log").doesNotContain(secret);
  }
}
