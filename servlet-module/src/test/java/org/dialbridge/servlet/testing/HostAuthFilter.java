package org.dialbridge.servlet.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The test host CRM's own sign-in, as many CRMs do it: a filter that checks HTTP Basic against its
 * users, or finds the user its sign-in page put in the HTTP session (as a browser stays signed in),
 * and exposes the principal and roles through the request. Dialbridge only reads {@code
 * getUserPrincipal()} and {@code isUserInRole()}, whatever sets them.
 */
public final class HostAuthFilter implements Filter {
  /** user → password, roles */
  public static final Map<String, User> USERS =
      Map.of(
          "ana", new User("ana", Set.of("agent")),
          "bruno", new User("bruno", Set.of("agent")),
          "carla", new User("carla", Set.of("agent")),
          "zoe", new User("zoe", Set.of("agent")),
          "admin", new User("admin", Set.of("agent", "dialbridge-admin")));

  /** The session attribute holding the signed-in user's name, set by a sign-in page. */
  public static final String SESSION_USER = "host.user";

  public record User(String password, Set<String> roles) {}

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    String header = request.getHeader("Authorization");
    if (header != null && header.startsWith("Basic ")) {
      String[] parts =
          new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8)
              .split(":", 2);
      User user = USERS.get(parts[0]);
      if (user != null && parts.length == 2 && user.password().equals(parts[1])) {
        chain.doFilter(signedIn(request, parts[0], user), res);
        return;
      }
    }
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(SESSION_USER) instanceof String name
        && USERS.containsKey(name)) {
      chain.doFilter(signedIn(request, name, USERS.get(name)), res);
      return;
    }
    chain.doFilter(req, res);
  }

  private static HttpServletRequest signedIn(HttpServletRequest request, String name, User user) {
    return new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return () -> name;
      }

      @Override
      public String getRemoteUser() {
        return name;
      }

      @Override
      public boolean isUserInRole(String role) {
        return user.roles().contains(role);
      }
    };
  }
}
