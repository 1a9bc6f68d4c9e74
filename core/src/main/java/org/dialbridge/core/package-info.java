/**
 * The core's entry point: the {@link org.dialbridge.core.Dialbridge} facade (place and hang up
 * calls, ingest webhooks, read history, reconcile stuck calls), its builder, the default agent
 * directory from the configuration, the provider types it knows and the watcher that reports call
 * changes. No servlet types: hosts adapt it. Parameters and return values are non-null unless the
 * method's javadoc names what null means (e.g. no provider: the agent's own); a value that may be
 * absent is returned as an {@link java.util.Optional}.
 */
package org.dialbridge.core;
