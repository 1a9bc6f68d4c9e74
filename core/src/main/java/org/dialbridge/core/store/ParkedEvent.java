package org.dialbridge.core.store;

import java.time.Instant;

/**
 * An inbox event that failed to apply on its own while others applied: kept with its error for an
 * admin to see, never retried by itself, never in the way of the events after it.
 *
 * @param eventKey the provider's dedupe key, as stored
 * @param providerCallId the provider's call id, when the event named one
 * @param error why it failed, in the words of whatever refused it
 */
public record ParkedEvent(
    long id,
    String provider,
    String eventKey,
    String type,
    String providerCallId,
    Instant receivedAt,
    Instant parkedAt,
    String error) {}
