package org.dialbridge.core.config;

import java.util.Objects;

/**
 * One {@code dialbridge.agents.<user>.*} entry: the agent's extension, provider, provider login, and
 * the name people see in call history ({@code name}, the CRM user by default).
 */
public record AgentSettings(String user, String extension, String provider, String providerUser, String name) {

  public AgentSettings {
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(extension, "extension == null");
    Objects.requireNonNull(provider, "provider == null");
    if (providerUser == null || providerUser.isBlank()) providerUser = user;
    if (name == null || name.isBlank()) name = user;
  }
}
