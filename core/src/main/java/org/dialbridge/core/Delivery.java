package org.dialbridge.core;

/**
 * What one webhook delivery became: how many of its events were stored and how many were already
 * stored (a provider's redelivery).
 */
public record Delivery(int stored, int duplicates) {}
