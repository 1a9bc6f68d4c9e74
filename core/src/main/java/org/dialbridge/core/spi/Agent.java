package org.dialbridge.core.spi;

import java.util.Objects;

/**
 * A CRM user as a telephony agent: the extension (or phone, or SIP URI) the provider rings first,
 * the configured provider name, and the agent's login at the provider where it differs from the CRM
 * user name (C3 {@code agent_username}, uContact {@code agent}).
 */
public record Agent(String user, String extension, String provider, String providerUser) {

  public Agent {
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(extension, "extension == null");
    Objects.requireNonNull(provider, "provider == null");
    if (user.isBlank()) throw new IllegalArgumentException("user is blank");
    if (extension.isBlank()) throw new IllegalArgumentException("extension is blank");
    if (providerUser == null || providerUser.isBlank()) providerUser = user;
  }
}
