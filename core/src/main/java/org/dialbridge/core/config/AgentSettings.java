package org.dialbridge.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One {@code dialbridge.agents.<user>.*} entry: the agent's extension, provider, provider login,
 * and the name people see in call history ({@code name}, the CRM user by default).
 */
public record AgentSettings(
    String user, String extension, String provider, String providerUser, String name) {
  private static final Pattern USER = Pattern.compile("\\S{1,128}");
  private static final String EXTENSION = "extension";
  private static final String PROVIDER = "provider";
  private static final String PROVIDER_USER = "provider-user";
  private static final String NAME = "name";
  private static final Set<String> FIELDS = Set.of(EXTENSION, PROVIDER, PROVIDER_USER, NAME);

  public AgentSettings {
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(extension, "extension == null");
    Objects.requireNonNull(provider, "provider == null");
    if (providerUser == null || providerUser.isBlank()) providerUser = user;
    if (name == null || name.isBlank()) name = user;
  }

  /**
   * Reads {@code dialbridge.agents.<user>.<field>} (a user name may contain dots: the field is the
   * last part). An agent's provider is the default one unless named, and must be configured.
   *
   * @param providers the configured providers' names; when empty (already reported) any name passes
   */
  static Map<String, AgentSettings> readAll(
      Section agents, String defaultProvider, Set<String> providers) {
    Map<String, AgentSettings> read = new LinkedHashMap<>();
    fieldsByUser(agents)
        .forEach(
            (user, fields) -> {
              Section agent = agents.section(user);
              if (!USER.matcher(user).matches()) {
                agent.problem(EXTENSION, "'" + user + "' is not a user name");
                return;
              }
              String extension = fields.get(EXTENSION);
              if (extension == null || extension.isBlank()) {
                agent.problem(EXTENSION, "missing");
                return;
              }
              String provider =
                  Optional.ofNullable(fields.get(PROVIDER))
                      .map(String::strip)
                      .orElse(defaultProvider);
              if (provider == null || (!providers.isEmpty() && !providers.contains(provider))) {
                agent.problem(
                    PROVIDER, "'" + provider + "' is not a configured provider " + providers);
                return;
              }
              read.put(
                  user,
                  new AgentSettings(
                      user,
                      extension.strip(),
                      provider,
                      fields.get(PROVIDER_USER),
                      fields.get(NAME)));
            });
    return read;
  }

  /**
   * The agents' known fields by user, in key order; other keys are left to be reported as unknown.
   */
  private static Map<String, Map<String, String>> fieldsByUser(Section agents) {
    Map<String, Map<String, String>> byUser = new LinkedHashMap<>();
    agents
        .entries()
        .forEach(
            (key, value) -> {
              int dot = key.lastIndexOf('.');
              if (dot <= 0 || !FIELDS.contains(key.substring(dot + 1))) return;
              agents.consume(key);
              byUser
                  .computeIfAbsent(key.substring(0, dot), u -> new TreeMap<>())
                  .put(key.substring(dot + 1), value);
            });
    return byUser;
  }
}
