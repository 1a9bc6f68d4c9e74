/**
 * The filter that receives provider webhooks under {@code dialbridge.webhook-path}: authenticate on
 * the raw bytes, parse, store once (docs/webhooks.md). A token segment or header the delivery lacks
 * is passed on as null and fails only that authentication method.
 */
package org.dialbridge.servlet.webhook;
