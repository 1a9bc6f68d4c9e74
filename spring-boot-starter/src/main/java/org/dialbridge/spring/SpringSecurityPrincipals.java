package org.dialbridge.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Who the agent is when the host signs users in with OAuth2 / OpenID Connect, where Spring's
 * principal name is the opaque {@code sub}: with {@code dialbridge.spring.principal-attribute}
 * (e.g. {@code preferred_username}, {@code email}) the API sees that attribute of the signed-in
 * user (an OIDC/OAuth2 user's attribute, a JWT's claim) as the CRM user name. With {@code
 * dialbridge.spring.admin-authority} (e.g. {@code SCOPE_dialbridge.admin}, {@code ROLE_ADMIN})
 * holding that authority is what makes the agent Dialbridge's admin.
 */
final class SpringSecurityPrincipals {
  private SpringSecurityPrincipals() {}

  /**
   * The API's {@code guard}, seeing the request as mapped by {@code properties}. Call it only with
   * Spring Security on the class path (checked by {@link DialbridgeProperties}): this class links
   * against it.
   */
  static Filter mapping(DialbridgeProperties properties, String adminRole, Filter guard) {
    return (request, response, chain) ->
        guard.doFilter(
            new Mapped(
                (HttpServletRequest) request,
                properties.principalAttribute(),
                adminRole,
                properties.adminAuthority()),
            response,
            chain);
  }

  /** The request as the API reads it: the mapped user name and the admin role from an authority. */
  static final class Mapped extends HttpServletRequestWrapper {
    private final String principalAttribute;
    private final String adminRole;
    private final String adminAuthority;

    Mapped(
        HttpServletRequest request,
        String principalAttribute,
        String adminRole,
        String adminAuthority) {
      super(request);
      this.principalAttribute = principalAttribute;
      this.adminRole = adminRole;
      this.adminAuthority = adminAuthority;
    }

    @Override
    public Principal getUserPrincipal() {
      Principal principal = super.getUserPrincipal();
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      if (principal == null || principalAttribute == null || authentication == null)
        return principal;
      String name = attribute(authentication.getPrincipal(), principalAttribute);
      return name == null ? principal : () -> name;
    }

    @Override
    public boolean isUserInRole(String role) {
      if (adminAuthority == null || !role.equals(adminRole)) return super.isUserInRole(role);
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      return authentication != null
          && authentication.isAuthenticated()
          && authentication.getAuthorities().stream()
              .anyMatch(a -> adminAuthority.equals(a.getAuthority()));
    }

    private static String attribute(Object user, String name) {
      Object value = null;
      if (user instanceof OAuth2AuthenticatedPrincipal oauth2) value = oauth2.getAttribute(name);
      else if (user instanceof ClaimAccessor claims) value = claims.getClaims().get(name);
      return value == null || value.toString().isBlank() ? null : value.toString();
    }
  }
}
