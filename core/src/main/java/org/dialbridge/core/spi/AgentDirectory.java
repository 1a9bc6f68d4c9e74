package org.dialbridge.core.spi;

import java.util.Optional;

/**
 * Host CRM extension point: who a CRM user is as a telephony agent. The default reads {@code
 * dialbridge.agents.<user>.*} from the configuration.
 */
@FunctionalInterface
public interface AgentDirectory {

  /** The agent for a CRM user name; empty when the user is not mapped to an extension. */
  Optional<Agent> agent(String crmUser);

  /** The name people see for a CRM user in call history; empty to show the user name itself. */
  default Optional<String> displayName(String crmUser) {
    return Optional.empty();
  }
}
