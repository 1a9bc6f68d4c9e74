package org.dialbridge.core.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what through the REST API: the origins a browser may call from (empty: only the
 * request's own origin), the container role that may act on every agent's calls, and whether a
 * contact's history is open to every signed-in agent ({@code all}, as in a CRM) or only their own
 * calls.
 */
public record SecuritySettings(
    List<String> allowedOrigins, String adminRole, HistoryScope history) {

  /** The container role that may act on every agent's calls when none is configured. */
  public static final String DEFAULT_ADMIN_ROLE = "dialbridge-admin";

  /** A contact's history is open to every signed-in agent unless configured otherwise. */
  public static final HistoryScope DEFAULT_HISTORY = HistoryScope.ALL;

  private static final String ALLOWED_ORIGINS = "allowed-origins";
  private static final String ADMIN_ROLE = "admin-role";
  private static final String HISTORY = "history";

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

  /** Reads {@code dialbridge.security.*}. */
  static SecuritySettings read(Section security) {
    List<String> origins = origins(security);
    HistoryScope history = history(security);
    return new SecuritySettings(
        origins, security.text(ADMIN_ROLE).orElse(DEFAULT_ADMIN_ROLE), history);
  }

  /** The listed origins, lower-case; {@code *} and anything with a path are refused. */
  private static List<String> origins(Section security) {
    List<String> origins = new ArrayList<>();
    for (String origin : security.list(ALLOWED_ORIGINS).orElse(List.of())) {
      if (origin.equals("*")) {
        security.problem(ALLOWED_ORIGINS, "'*' is not allowed: list the CRM's origins");
        continue;
      }
      Optional<URI> uri = security.httpUri(ALLOWED_ORIGINS, origin);
      if (uri.isPresent() && uri.get().getPath() != null && !uri.get().getPath().isEmpty()) {
        security.problem(
            ALLOWED_ORIGINS, "'" + origin + "' is not an origin (scheme://host[:port], no path)");
      }
      origins.add(origin.toLowerCase(Locale.ROOT));
    }
    return origins;
  }

  private static HistoryScope history(Section security) {
    String history = security.text(HISTORY).orElse(DEFAULT_HISTORY.name()).toUpperCase(Locale.ROOT);
    try {
      return HistoryScope.valueOf(history);
    } catch (IllegalArgumentException e) {
      security.problem(
          HISTORY, "must be all or own, was '" + history.toLowerCase(Locale.ROOT) + "'");
      return DEFAULT_HISTORY;
    }
  }
}
