package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.core.webhook.WebhookSignatures;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.dialbridge.servlet.testing.MockServers;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a browser (or a page pretending to be one) can and cannot make the API do, and webhook
 * signatures checked on the raw bytes in a host whose own filter reads every request's parameters.
 */
class BrowserFacingTest {
  private static final MockWebServer c3 = new MockWebServer();
  private static final AtomicInteger parameterReads = new AtomicInteger();
  private static JettyHost host;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    c3.start();
    Map<String, String> p =
        TestConfig.region("PE")
            .h2Store("browser")
            .set("dialbridge.security.allowed-origins", "https://crm.example.com")
            .provider("c3", "c3", c3.url("/").toString())
            .token("c3", "t")
            .providerKey("c3", "webhook-hmac-secret", "hook-secret")
            .agent("ana", "6001")
            .agent("bruno", "6002")
            .properties();
    Filter readsParameters =
        (req, res, chain) -> {
          req.getParameterMap();
          parameterReads.incrementAndGet();
          chain.doFilter(req, res);
        };
    host =
        JettyHost.start(
            p,
            context ->
                context.addFilter(
                    new FilterHolder(readsParameters), "/*", EnumSet.of(DispatcherType.REQUEST)));
    http = host.http();
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
    host.close();
    c3.close();
  }

  private static final String CALL = "{\"contactId\":\"42\",\"number\":\"015551234\"}";

  @Test
  void noStateChangingRequestWithoutTheHeaderAFriendlyOriginAndJsonReachesTheProvider()
      throws Exception {
    int before = c3.getRequestCount();

    assertThat(http.post("dialbridge/api/calls").as("ana").json(CALL).send().statusCode())
        .isEqualTo(403);
    assertThat(
            http.post("dialbridge/api/calls")
                .browser("ana")
                .header("Origin", "https://evil.example")
                .json(CALL)
                .send()
                .statusCode())
        .isEqualTo(403);
    assertThat(
            http.post("dialbridge/api/calls")
                .browser("ana")
                .header("Origin", "null")
                .json(CALL)
                .send()
                .statusCode())
        .isEqualTo(403);
    assertThat(
            http.post("dialbridge/api/calls")
                .browser("ana")
                .header("Sec-Fetch-Site", "cross-site")
                .json(CALL)
                .send()
                .statusCode())
        .isEqualTo(403);
    assertThat(
            http.post("dialbridge/api/calls")
                .browser("ana")
                .body("text/plain", CALL.getBytes(StandardCharsets.UTF_8))
                .send()
                .statusCode())
        .isEqualTo(415);
    assertThat(
            http.post("dialbridge/api/calls")
                .browser("ana")
                .body(
                    "application/x-www-form-urlencoded",
                    "number=015551234".getBytes(StandardCharsets.UTF_8))
                .send()
                .statusCode())
        .isEqualTo(415);
    assertThat(
            http.post("dialbridge/api/calls")
                .browser("ana")
                .body(
                    "multipart/form-data; boundary=x",
                    "--x\r\n\r\n015551234\r\n--x--".getBytes(StandardCharsets.UTF_8))
                .send()
                .statusCode())
        .isEqualTo(415);

    assertThat(c3.getRequestCount()).isEqualTo(before);
  }

  @Test
  void aListedOriginGetsCorsForItselfOnlyNeverAStar() {
    HttpResponse<String> preflight =
        http.method("OPTIONS", "dialbridge/api/calls")
            .header("Origin", "https://crm.example.com")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-dialbridge-request")
            .send();

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://crm.example.com");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValueSatisfying(h -> assertThat(h).containsIgnoringCase("X-Dialbridge-Request"));

    HttpResponse<String> get =
        http.get("dialbridge/api/me").as("ana").header("Origin", "https://crm.example.com").send();
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://crm.example.com");
    assertThat(get.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));

    for (String origin :
        new String[] {"https://evil.example", "https://crm.example.com.evil.example", "null"}) {
      HttpResponse<String> other =
          http.get("dialbridge/api/me").as("ana").header("Origin", origin).send();
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
    }
  }

  @Test
  void aListedOriginMayPlaceACallAsTheSignedInAgent() {
    c3.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":{\"actionid\":\"api_cors\"}}")
            .build());

    HttpResponse<String> r =
        http.post("dialbridge/api/calls")
            .as("ana")
            .header("X-Dialbridge-Request", "1")
            .header("Origin", "https://crm.example.com")
            .json(CALL)
            .send();

    assertThat(r.statusCode()).isEqualTo(201);
  }

  @Test
  void anAgentCannotDialAsAnotherAgent() throws Exception {
    int before = c3.getRequestCount();
    HttpResponse<String> forged =
        http.post("dialbridge/api/calls")
            .browser("bruno")
            .json(
                "{\"contactId\":\"42\",\"number\":\"015551234\",\"agent\":\"ana\",\"extension\":\"6"
                    + "001\"}")
            .send();

    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(Problems.JSON.readTree(forged.body()).get("code").asText())
        .isEqualTo("invalid_request");
    assertThat(Problems.JSON.readTree(forged.body()).get("detail").asText()).contains("agent");
    assertThat(c3.getRequestCount()).isEqualTo(before);

    c3.enqueue(
        new MockResponse.Builder().code(200).body("{\"data\":{\"actionid\":\"api_as\"}}").build());
    HttpResponse<String> r = http.post("dialbridge/api/calls").browser("bruno").json(CALL).send();
    assertThat(Problems.JSON.readTree(r.body()).get("agent").asText()).isEqualTo("bruno");
    assertThat(Problems.JSON.readTree(r.body()).get("agentExtension").asText()).isEqualTo("6002");
  }

  @Test
  void theSignatureIsCheckedOnTheRawBytesEvenWhenTheHostReadsParameters() {
    byte[] body =
        "{\"event\":\"dialing\",\"callId\":\"api_raw\",\"note\":\"a=1&b=2\"}"
            .getBytes(StandardCharsets.UTF_8);
    int reads = parameterReads.get();
    http.get("dialbridge/api/me").as("ana").send();
    assertThat(parameterReads.get())
        .as("the host's filter reads every request's parameters")
        .isGreaterThan(reads);

    HttpResponse<String> r =
        http.post("dialbridge/webhooks/c3")
            .body("application/x-www-form-urlencoded", body)
            .header(
                "X-Dialbridge-Signature",
                WebhookSignatures.sign("hook-secret", Instant.now(), body))
            .send();

    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
  }
}
