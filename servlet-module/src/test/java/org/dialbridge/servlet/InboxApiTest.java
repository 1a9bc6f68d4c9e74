package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /inbox}: what an administrator sees of webhook events that failed to apply. */
class InboxApiTest {
  private static JettyHost host;
  private static Http http;
  private static Dialbridge dialbridge;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> config =
        TestConfig.region("PE")
            .h2Store("inbox-api")
            .provider("c3", "c3", "http://127.0.0.1:9/")
            .token("c3", "c3-api-token")
            .webhookToken("c3", "c3-hook-token")
            .agent("ana", "6001")
            .agent("admin", "6099")
            .properties();
    host = JettyHost.start(config);
    http = host.http();
    dialbridge = (Dialbridge) host.attribute(DialbridgeInitializer.ATTRIBUTE);
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  /**
   * An event left in the inbox for a provider no longer configured (the CRM renamed it): it cannot
   * be applied, whatever the retries.
   */
  private static void anEventOfARemovedProvider() throws Exception {
    try (Connection c = DriverManager.getConnection(dialbridge.config().store().jdbcUrl());
        PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO dialbridge_inbox (provider, event_key, type, received_at, payload,"
                    + " provider_call_id) VALUES ('old-c3', 'e-1', 'RINGING', ?, '{}', 'x-1')")) {
      p.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
      p.executeUpdate();
    }
  }

  @Test
  void anAdministratorSeesAParkedEventWithItsErrorAndCanPutItBackInLine() throws Exception {
    assertThat(http.get("dialbridge/api/inbox").as("ana").send().statusCode()).isEqualTo(403);
    anEventOfARemovedProvider();
    // a webhook wakes the applier, which parks the event it cannot apply and applies this one
    HttpResponse<String> hook =
        http.post("dialbridge/webhooks/c3/c3-hook-token")
            .json("{\"event\":\"ringing\",\"callId\":\"nobody\"}")
            .send();
    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(204);
    host.awaitInboxApplied();

    JsonNode inbox = Http.json(http.get("dialbridge/api/inbox").as("admin").send());
    assertThat(inbox.get("pending").asLong()).isZero();
    assertThat(inbox.get("parked").asLong()).isEqualTo(1);
    JsonNode parked = inbox.get("parkedEvents").get(0);
    assertThat(parked.get("provider").asText()).isEqualTo("old-c3");
    assertThat(parked.get("eventKey").asText()).isEqualTo("e-1");
    assertThat(parked.get("providerCallId").asText()).isEqualTo("x-1");
    assertThat(parked.get("error").asText())
        .isEqualTo("No provider named old-c3 is configured.")
        .doesNotContain("Exception");
    JsonNode health = Http.json(http.get("dialbridge/api/health").send());
    assertThat(health.get("inbox").get("parked").asLong()).isEqualTo(1);

    String retry = "dialbridge/api/inbox/parked/" + parked.get("id").asLong() + "/retry";
    assertThat(http.post(retry).browser("ana").send().statusCode()).isEqualTo(403);
    assertThat(http.post(retry).browser("admin").send().statusCode()).isEqualTo(204);
    host.awaitInboxApplied();
    assertThat(
            Http.json(http.get("dialbridge/api/inbox").as("admin").send()).get("parked").asLong())
        .as("parked again: its provider is still gone")
        .isEqualTo(1);

    HttpResponse<String> unknown =
        http.post("dialbridge/api/inbox/parked/999999/retry").browser("admin").send();
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Http.json(unknown).get("code").asText()).isEqualTo("not_found");
    HttpResponse<String> badLimit = http.get("dialbridge/api/inbox?limit=x").as("admin").send();
    assertThat(badLimit.statusCode()).isEqualTo(400);
  }
}
