package org.dialbridge.core.store;

import org.dialbridge.core.spi.ProviderEvent;

/**
 * One inbox event applied: the event as it was received, and what storing it did (a duplicate of an
 * event applied before, or the call before and after).
 */
public record Applied(String provider, ProviderEvent event, Ingested result) {}
