package org.dialbridge.servlet.api;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.dialbridge.core.Actor;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;

/** Who is asking: the container's signed-in principal and whether they hold the admin role. */
final class Requester {
  private Requester() {}

  /**
   * @throws DialbridgeException {@code unauthenticated} when nobody is signed in
   */
  static Actor of(SecurityContext security, String adminRole) {
    Principal principal = security.getUserPrincipal();
    if (principal == null) {
      throw new DialbridgeException(
          ErrorCode.UNAUTHENTICATED, "Sign in to the CRM to use click-to-call.");
    }
    return new Actor(principal.getName(), security.isUserInRole(adminRole));
  }
}
