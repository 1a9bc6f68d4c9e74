package org.dialbridge.core;

import java.util.List;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * Values too long for the call store, refused where they come in with the field named: the database
 * would refuse them later as a failure that looks like an outage (a 503, a provider retrying for
 * ever), for input that can never succeed. The sizes are those of the store's columns.
 */
final class InputSizes {
  /** {@code contact_id}, {@code provider_call_id}, {@code agent_extension}, {@code to_number}. */
  static final int MAX_TEXT = 128;

  private InputSizes() {}

  /**
   * @throws DialbridgeException {@code invalid_request} naming {@code contactId}
   */
  static void checkContactId(String contactId) {
    if (contactId != null && contactId.strip().length() > MAX_TEXT) {
      throw new DialbridgeException(
          ErrorCode.INVALID_REQUEST, "The contactId is longer than " + MAX_TEXT + " characters.");
    }
  }

  /**
   * @throws WebhookParseException naming the first field too long to store
   */
  static void checkEvents(List<ProviderEvent> events) {
    for (ProviderEvent e : events) {
      check("callId", "the provider's call id", e.providerCallId());
      check("agentExtension", "the agent's extension", e.agentExtension());
      check("number", "the number", e.number());
    }
  }

  private static void check(String field, String what, String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw new WebhookParseException(field, what + " is longer than " + MAX_TEXT + " characters");
    }
  }
}
