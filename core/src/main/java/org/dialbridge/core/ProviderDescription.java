package org.dialbridge.core;

import org.dialbridge.core.spi.Capabilities;

/**
 * A configured provider as a host may show it: what it is called and what it can do. A description,
 * not the provider: calls are placed through {@link Dialbridge#placeCall}, where the dial policy
 * and the rate limit apply.
 *
 * @param name the configured name, e.g. {@code c3}
 * @param type the provider type, e.g. {@code bandwidth}
 * @param label the name people see ({@code dialbridge.providers.<name>.label})
 */
public record ProviderDescription(
    String name, String type, String label, Capabilities capabilities) {}
