package org.dialbridge.core;

import java.util.Objects;

/**
 * Who asks Dialbridge to act: a signed-in CRM user, and whether they hold the administrator role.
 * An administrator may hang up and read every agent's calls; a user only their own where {@code
 * dialbridge.security.history} is {@code own}.
 *
 * @param user the CRM user name, never null
 */
public record Actor(String user, boolean admin) {

  public Actor {
    Objects.requireNonNull(user, "user == null");
  }

  /** A CRM user without the administrator role. */
  public static Actor user(String user) {
    return new Actor(user, false);
  }

  /** A CRM user with the administrator role. */
  public static Actor admin(String user) {
    return new Actor(user, true);
  }

  /** True when this actor may act on calls that belong to {@code agent}. */
  boolean owns(String agent) {
    return admin || user.equals(agent);
  }
}
