package org.dialbridge.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Who may do what through the REST API: the origins a browser may call from (empty: only the
 * request's own origin), the container role that may act on every agent's calls, and whether a
 * contact's history is open to every signed-in agent ({@code all}, as in a CRM) or only their own calls.
 */
public record SecuritySettings(List<String> allowedOrigins, String adminRole, HistoryScope history) {

  /** Which calls of a contact an agent may read. */
  public enum HistoryScope {
    ALL,
    OWN
  }

  public SecuritySettings {
    allowedOrigins = List.copyOf(allowedOrigins == null ? List.of() : allowedOrigins);
    Objects.requireNonNull(adminRole, "adminRole == null");
    Objects.requireNonNull(history, "history == null");
  }
}
