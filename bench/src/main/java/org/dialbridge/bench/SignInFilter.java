package org.dialbridge.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;

/**
 * The benchmark CRM's own sign-in, as a host CRM would have one: HTTP Basic with the shared
 * password {@value #PASSWORD}, or (for the browser of the widget scenario) the cookie {@value
 * #COOKIE}. Dialbridge only reads the principal and roles it sets.
 */
final class SignInFilter implements Filter {
  static final String PASSWORD = "bench";
  static final String COOKIE = "bench_user";

  /** The {@code Authorization} header value that signs {@code user} in. */
  static String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    String user = user(request);
    if (user == null) {
      chain.doFilter(req, res);
      return;
    }
    chain.doFilter(
        new HttpServletRequestWrapper(request) {
          @Override
          public Principal getUserPrincipal() {
            return () -> user;
          }

          @Override
          public String getRemoteUser() {
            return user;
          }

          @Override
          public boolean isUserInRole(String role) {
            return role.equals("agent");
          }
        },
        res);
  }

  private static String user(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.startsWith("Basic ")) {
      String[] parts =
          new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8)
              .split(":", 2);
      return parts.length == 2 && parts[1].equals(PASSWORD) && !parts[0].isEmpty()
          ? parts[0]
          : null;
    }
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals(COOKIE) && !c.getValue().isBlank()) return c.getValue();
      }
    }
    return null;
  }
}
