package org.dialbridge.core;

/**
 * How Dialbridge's own parts are doing, for a host's health check.
 *
 * @param storeUp true when the call store answered a ping just now
 */
public record Health(boolean storeUp) {}
