package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dialbridge.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Every stable code keeps its wire spelling and its HTTP status: clients and monitoring read both.
 */
class ErrorStatusTest {
  private static final Map<String, Integer> RELEASED =
      Map.ofEntries(
          Map.entry("invalid_request", 400),
          Map.entry("invalid_json", 400),
          Map.entry("invalid_number", 400),
          Map.entry("webhook_unparseable", 400),
          Map.entry("unauthenticated", 401),
          Map.entry("webhook_unauthenticated", 401),
          Map.entry("forbidden", 403),
          Map.entry("csrf_rejected", 403),
          Map.entry("number_not_allowed", 403),
          Map.entry("agent_not_mapped", 403),
          Map.entry("not_found", 404),
          Map.entry("call_not_found", 404),
          Map.entry("provider_not_found", 404),
          Map.entry("method_not_allowed", 405),
          Map.entry("not_acceptable", 406),
          Map.entry("agent_busy", 409),
          Map.entry("call_already_ended", 409),
          Map.entry("call_not_connected", 409),
          Map.entry("hangup_unsupported", 409),
          Map.entry("operation_unsupported", 409),
          Map.entry("wrap_up_pending", 409),
          Map.entry("contact_not_a_match", 422),
          Map.entry("contact_already_linked", 409),
          Map.entry("call_not_missed", 409),
          Map.entry("wrap_up_not_open", 409),
          Map.entry("wrap_up_closed", 409),
          Map.entry("unknown_disposition", 422),
          Map.entry("disposition_not_offered", 422),
          Map.entry("callback_time_required", 422),
          Map.entry("callback_time_in_past", 422),
          Map.entry("note_too_long", 422),
          Map.entry("body_too_large", 413),
          Map.entry("unsupported_media_type", 415),
          Map.entry("rate_limited", 429),
          Map.entry("provider_rejected", 502),
          Map.entry("provider_authentication_failed", 502),
          Map.entry("provider_unavailable", 503),
          Map.entry("store_unavailable", 503),
          Map.entry("provider_timeout", 504),
          Map.entry("config_invalid", 500),
          Map.entry("internal_error", 500));

  @Test
  void everyReleasedCodeKeepsItsSpellingAndItsStatus() {
    Map<String, Integer> now =
        Arrays.stream(ErrorCode.values())
            .collect(Collectors.toMap(ErrorCode::wire, ErrorStatus::of, (a, b) -> a, TreeMap::new));

    assertThat(now).containsExactlyInAnyOrderEntriesOf(RELEASED);
  }
}
