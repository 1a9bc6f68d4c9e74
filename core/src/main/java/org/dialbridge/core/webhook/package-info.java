/**
 * Webhook authentication: tokens, HTTP Basic and Dialbridge's HMAC signature, as pure functions of
 * the raw delivery. Stable API ({@link org.dialbridge.core.webhook.WebhookSignatures#sign} is the
 * helper senders and tests use).
 */
package org.dialbridge.core.webhook;
