package org.dialbridge.servlet.api;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.dialbridge.core.error.DialbridgeException;

/** Who is asking: the container's signed-in principal and whether they hold the admin role. */
record Requester(String user, boolean admin) {

  static Requester of(SecurityContext security, String adminRole) {
    Principal principal = security.getUserPrincipal();
    if (principal == null) throw new DialbridgeException("unauthenticated", "Sign in to the CRM to use click-to-call.");
    return new Requester(principal.getName(), security.isUserInRole(adminRole));
  }
}
