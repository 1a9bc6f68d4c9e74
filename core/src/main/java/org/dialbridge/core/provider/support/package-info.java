/**
 * The adapters' toolkit: everything a provider adapter needs besides {@link
 * org.dialbridge.core.spi}, so a provider built outside this repository depends on these two
 * packages and nothing else. Stable API, like the SPI: changes arrive as additions.
 *
 * <ul>
 *   <li>{@link org.dialbridge.core.provider.support.ProviderHttpClient} sends a {@link
 *       org.dialbridge.core.provider.support.ProviderRequest} to the provider's API (pooled, with
 *       timeouts, a hard deadline and no automatic retry of requests with effects) and returns its
 *       {@link org.dialbridge.core.provider.support.ProviderResponse}, whatever the status.
 *   <li>{@link org.dialbridge.core.provider.support.Responses} reads that answer: its JSON body,
 *       and the {@link org.dialbridge.core.error.ProviderException} an error status usually means.
 *   <li>{@link org.dialbridge.core.provider.support.Payloads} reads webhook and answer bodies: one
 *       locked-down JSON mapper, field access by dotted path that names the field at fault, and
 *       lenient reading of providers' timestamps.
 *   <li>{@link org.dialbridge.core.provider.support.GenericEvents} reads Dialbridge's generic call
 *       event, accepted on every provider's webhook path, and holds its cause table.
 * </ul>
 *
 * <p>What is null where: nothing here returns null. A value that may be absent is an {@link
 * java.util.Optional}: a field that is missing, JSON {@code null} or blank reads as empty, and so
 * does a timestamp that cannot be read (the caller falls back to the time of receipt). A {@link
 * org.dialbridge.core.provider.support.ProviderRequest} without a body has a null {@code body} and
 * {@code contentType}; null {@code headers} read as none. A {@link
 * org.dialbridge.core.provider.support.ProviderResponse} built with null headers or body has none
 * and {@code ""}. A {@link org.dialbridge.core.error.WebhookParseException} thrown here names the
 * field at fault, or has a null {@code field()} when the body as a whole is unreadable; a {@link
 * org.dialbridge.core.provider.support.GenericEvents.SpecificParser} receives a null JSON root when
 * the body is not JSON.
 */
package org.dialbridge.core.provider.support;
