package org.dialbridge.core;

import java.util.Map;
import java.util.Optional;
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

  @Override
  public Optional<String> displayName(String crmUser) {
    return Optional.ofNullable(crmUser == null ? null : agents.get(crmUser))
        .map(AgentSettings::name);
  }
}
