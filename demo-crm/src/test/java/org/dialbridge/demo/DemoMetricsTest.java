package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's "done when" for metrics, in the demo: the administrator's Prometheus scrape shows the
 * webhook counters move as the emulator's webhooks arrive and as a refused one does.
 */
class DemoMetricsTest {
  private static final String ADMIN = Http.basic("admin", "admin");
  private static DemoCrm demo;
  private static Http http;

  @BeforeAll
  static void start() {
    demo =
        DemoCrm.start(
            DemoOptions.defaults()
                .withPort(0)
                .withTiming(EmulatorSettings.Timing.fast())
                .withJdbcUrl(
                    "jdbc:h2:mem:demo-metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    http = Http.withCookies(demo.baseUri());
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  private static double refused() {
    HttpResponse<String> scrape =
        http.get("dialbridge/api/admin/metrics").header("Authorization", ADMIN).send();
    assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
    Matcher m =
        Pattern.compile(
                "^dialbridge_webhooks_total\\{outcome=\"refused\",provider=\"c3\","
                    + "reason=\"webhook_unauthenticated\"\\} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(scrape.body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void thePrometheusScrapeShowsTheWebhookCountersMove() {
    double before = refused();
    HttpResponse<String> r =
        Http.to("POST", demo.baseUri().resolve("dialbridge/webhooks/c3/not-the-token"))
            .json("{\"event\":\"answered\",\"callId\":\"x-1\"}")
            .send();
    assertThat(r.statusCode()).isEqualTo(401);

    assertThat(refused()).isEqualTo(before + 1);
  }
}
