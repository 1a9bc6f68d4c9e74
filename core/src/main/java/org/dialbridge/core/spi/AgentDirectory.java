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

  /**
   * The CRM user whose phone is {@code extension} at {@code provider} (their extension, or their
   * login at the provider), for an inbound call that names the agent it rings; empty when none is,
   * or when the directory cannot tell (then {@code dialbridge.inbound.routes.*} decide).
   */
  default Optional<String> userFor(String provider, String extension) {
    return Optional.empty();
  }

  /** The name people see for a CRM user in call history; empty to show the user name itself. */
  default Optional<String> displayName(String crmUser) {
    return Optional.empty();
  }
}
