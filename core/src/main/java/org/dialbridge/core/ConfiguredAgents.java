package org.dialbridge.core;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.dialbridge.core.config.AgentSettings;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.AgentDirectory;

/**
 * The default {@link AgentDirectory}: {@code dialbridge.agents.<user>.*} from the configuration.
 */
public final class ConfiguredAgents implements AgentDirectory {
  private final Map<String, AgentSettings> agents;

  public ConfiguredAgents(Map<String, AgentSettings> agents) {
    this.agents = Map.copyOf(agents);
  }

  @Override
  public Optional<Agent> agent(String crmUser) {
    AgentSettings a = crmUser == null ? null : agents.get(crmUser);
    return a == null
        ? Optional.empty()
        : Optional.of(new Agent(a.user(), a.extension(), a.provider(), a.providerUser()));
  }

  /** By extension first, then by provider login: an extension is what a PBX names. */
  @Override
  public Optional<String> userFor(String provider, String extension) {
    if (extension == null) return Optional.empty();
    Optional<String> byExtension = find(provider, a -> extension.equals(a.extension()));
    return byExtension.isPresent()
        ? byExtension
        : find(provider, a -> extension.equalsIgnoreCase(a.providerUser()));
  }

  private Optional<String> find(String provider, Predicate<AgentSettings> matches) {
    return agents.values().stream()
        .filter(a -> a.provider().equals(provider) && matches.test(a))
        .map(AgentSettings::user)
        .sorted()
        .findFirst();
  }

  @Override
  public Optional<String> displayName(String crmUser) {
    return Optional.ofNullable(crmUser == null ? null : agents.get(crmUser))
        .map(AgentSettings::name);
  }
}
