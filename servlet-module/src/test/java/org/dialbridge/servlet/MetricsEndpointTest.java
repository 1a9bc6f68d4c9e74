package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/metrics} in Jetty (issue 19): with Micrometer's Prometheus registry on the
 * webapp's class path and no registry of the host's, Dialbridge keeps its own, and a scrape shows
 * the webhook counters move; administrators only.
 */
class MetricsEndpointTest {
  private static JettyHost host;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .h2Store("metrics")
                .provider("c3", "c3", "http://127.0.0.1:9/")
                .token("c3", "c3-api-token")
                .webhookToken("c3", "hook")
                .agent("ana", "6001")
                .properties());
    http = host.http();
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  private static double webhooks(String reason) {
    HttpResponse<String> scrape = http.get("dialbridge/api/admin/metrics").as("admin").send();
    assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    Matcher m =
        Pattern.compile(
                "^dialbridge_webhooks_total\\{[^}]*reason=\\\"" + reason + "\\\"[^}]*\\} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(scrape.body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void aScrapeShowsTheWebhookCountersMove() {
    double stored = webhooks("stored");
    double refused = webhooks("webhook_unauthenticated");

    http.post("dialbridge/webhooks/c3/hook")
        .json("{\"event\":\"answered\",\"callId\":\"m-1\",\"eventId\":\"m-1\"}")
        .send();
    http.post("dialbridge/webhooks/c3/nope")
        .json("{\"event\":\"answered\",\"callId\":\"m-1\"}")
        .send();

    assertThat(webhooks("stored")).isEqualTo(stored + 1);
    assertThat(webhooks("webhook_unauthenticated")).isEqualTo(refused + 1);
    String body = http.get("dialbridge/api/admin/metrics").as("admin").send().body();
    assertThat(body)
        .contains("dialbridge_inbox_pending")
        .contains("dialbridge_calls_live")
        .contains("dialbridge_streams_open")
        .contains("dialbridge_webhook_ingest_seconds_count");
  }

  @Test
  void onlyAnAdministratorReadsThem() {
    HttpResponse<String> r = http.get("dialbridge/api/admin/metrics").as("ana").send();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Http.json(r).get("code").asText()).isEqualTo("forbidden");
  }
}
