package org.dialbridge.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.dialbridge.servlet.testing.Http;

/**
 * Wrap-ups through the REST API, as a test's own set-up: a call a test left without a disposition
 * would be the next test's pending wrap-up (GET /me/wrap-up), and its form would open on the next
 * page.
 */
final class WrapUps {
  private WrapUps() {}

  /**
   * Gives every call of {@code users} still awaiting a wrap-up the first disposition offered for
   * its outcome that asks no callback time. A server without wrap-ups answers 404: nothing to do.
   */
  static void settle(Http http, String... users) {
    for (String user : users) {
      for (int i = 0; i < 50; i++) {
        HttpResponse<String> pending = http.get("dialbridge/api/me/wrap-up").as(user).send();
        if (pending.statusCode() != 200) break;
        JsonNode call = Http.json(pending);
        HttpResponse<String> saved =
            put(http, user, call.get("id").asText(), plainDisposition(http, user, call));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
      }
    }
  }

  /** {@code PUT /calls/{id}/wrap-up} with {@code json}, as {@code user}'s browser sends it. */
  static HttpResponse<String> put(Http http, String user, String callId, String json) {
    return http.method("PUT", "dialbridge/api/calls/" + callId + "/wrap-up")
        .browser(user)
        .json(json)
        .send();
  }

  /** The call's telephony outcome, as the catalog's {@code offeredFor} names it. */
  static String outcome(JsonNode call) {
    String status = call.get("status").asText();
    return call.hasNonNull("answeredAt") || status.equals("COMPLETED")
        ? "answered"
        : status.toLowerCase().replace('_', '-');
  }

  private static String plainDisposition(Http http, String user, JsonNode call) {
    String outcome = outcome(call);
    for (JsonNode d :
        Http.json(http.get("dialbridge/api/dispositions").as(user).send()).get("dispositions")) {
      boolean offered = false;
      for (JsonNode o : d.get("offeredFor")) offered |= o.asText().equals(outcome);
      if (offered && !d.get("callback").asBoolean())
        return "{\"disposition\":\"" + d.get("code").asText() + "\"}";
    }
    throw new AssertionError("no disposition without a callback is offered for " + outcome);
  }
}
