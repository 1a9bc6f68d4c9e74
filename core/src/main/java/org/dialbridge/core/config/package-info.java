/**
 * Dialbridge's configuration (every key: docs/configuration.md): {@link
 * org.dialbridge.core.config.DialbridgeConfig} reads and checks the {@code dialbridge.*}
 * properties; where they come from (a file, servlet context-params) is the host module's business.
 * Stable API.
 */
package org.dialbridge.core.config;
