package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.util.Optional;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.AgentDirectory;

/** CRM users as agents, through the host's {@link AgentDirectory}. */
final class AgentLookup {
  private static final System.Logger LOG = System.getLogger(AgentLookup.class.getName());

  private final AgentDirectory directory;

  AgentLookup(AgentDirectory directory) {
    this.directory = directory;
  }

  Optional<Agent> find(String crmUser) {
    return directory.agent(crmUser);
  }

  /**
   * @throws DialbridgeException {@code agent_not_mapped}, saying which key maps the user
   */
  Agent require(String crmUser) {
    return find(crmUser)
        .orElseThrow(
            () ->
                new DialbridgeException(
                    ErrorCode.AGENT_NOT_MAPPED,
                    "User "
                        + crmUser
                        + " has no telephony extension; an administrator must map them"
                        + " (dialbridge.agents."
                        + crmUser
                        + ".extension)."));
  }

  /**
   * The CRM user whose extension (or provider login) this is at {@code provider}; a failing
   * directory is logged and reads as none.
   */
  Optional<String> userFor(String provider, String extension) {
    if (extension == null) return Optional.empty();
    try {
      return directory.userFor(provider, extension);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "agent directory failed to find an extension's user: " + e);
      return Optional.empty();
    }
  }

  /**
   * The directory's display name, else the user name; a failing directory is logged, not passed on.
   */
  String displayName(String crmUser) {
    if (crmUser == null) return null;
    try {
      return directory.displayName(crmUser).orElse(crmUser);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "agent directory failed to name a user: " + e);
      return crmUser;
    }
  }
}
