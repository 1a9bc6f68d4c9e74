package org.dialbridge.core.config;

import java.util.Objects;

/** One {@code dialbridge.agents.<user>.*} entry: the agent's extension, provider and provider login. */
public record AgentSettings(String user, String extension, String provider, String providerUser) {

  public AgentSettings {
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(extension, "extension == null");
    Objects.requireNonNull(provider, "provider == null");
    if (providerUser == null || providerUser.isBlank()) providerUser = user;
  }
}
