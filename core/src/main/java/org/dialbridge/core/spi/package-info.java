/**
 * The provider SPI and the host CRM's extension points. Stable: {@link
 * org.dialbridge.core.spi.TelephonyProvider}, {@link org.dialbridge.core.spi.WebhookParser}, {@link
 * org.dialbridge.core.spi.ProviderFactory} and the records they exchange; {@link
 * org.dialbridge.core.spi.AgentDirectory}, {@link org.dialbridge.core.spi.ContactDirectory} and
 * {@link org.dialbridge.core.spi.CallListener}. New methods arrive as {@code default} methods, so
 * an implementation overrides only what it needs.
 */
package org.dialbridge.core.spi;
