/**
 * HTTP to providers through Apache HttpClient 5: pooled, with timeouts, a hard deadline and no
 * automatic retry of non-idempotent requests. Internal to adapters; not a stable API.
 */
package org.dialbridge.core.http;
