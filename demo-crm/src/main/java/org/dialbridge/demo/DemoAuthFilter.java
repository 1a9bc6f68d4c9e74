package org.dialbridge.demo;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;

/**
 * The demo CRM's sign-in, the way many CRMs do it: a session set by the sign-in form, or HTTP Basic
 * for scripts ({@code curl -u ana:ana …}); the signed-in user is exposed through {@link
 * HttpServletRequest#getUserPrincipal()} and {@link HttpServletRequest#isUserInRole}, which is all
 * Dialbridge reads. Pages redirect to the sign-in page when nobody is signed in; the API is left to
 * answer {@code 401} itself; the provider webhooks are never behind sign-in (each provider
 * authenticates with its own token or Basic credentials).
 */
final class DemoAuthFilter implements Filter {
  static final String SESSION_USER = "demo.user";
  private static final String REALM = "Basic realm=\"Dialbridge demo CRM\", charset=\"UTF-8\"";

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String path = path(request);
    if (path.startsWith("/dialbridge/webhooks/")) {
      chain.doFilter(request, response);
      return;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      Optional<DemoUsers.User> user = basic(authorization.substring(6).strip());
      if (user.isEmpty()) {
        response.setHeader("WWW-Authenticate", REALM);
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Wrong user name or password");
        return;
      }
      chain.doFilter(new SignedIn(request, user.get(), HttpServletRequest.BASIC_AUTH), response);
      return;
    }
    HttpSession session = request.getSession(false);
    Object name = session == null ? null : session.getAttribute(SESSION_USER);
    Optional<DemoUsers.User> user =
        name instanceof String s ? DemoUsers.byName(s) : Optional.empty();
    if (user.isPresent()) {
      chain.doFilter(new SignedIn(request, user.get(), HttpServletRequest.FORM_AUTH), response);
    } else if (isPublic(path) || path.startsWith("/dialbridge/")) {
      // static files, the sign-in page, and the API, which answers 401 problem+json on its own
      chain.doFilter(request, response);
    } else {
      String target =
          path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
      response.sendRedirect(
          request.getContextPath()
              + "/sign-in?next="
              + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }
  }

  private static boolean isPublic(String path) {
    return path.equals("/sign-in") || path.startsWith("/demo/") || path.equals("/favicon.ico");
  }

  /** The path inside the context, e.g. {@code /contacts/3}. */
  static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return uri.substring(Math.min(context.length(), uri.length()));
  }

  private static Optional<DemoUsers.User> basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? Optional.empty()
        : DemoUsers.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** The request as the signed-in user makes it. */
  private static final class SignedIn extends HttpServletRequestWrapper {
    private final DemoUsers.User user;
    private final String authType;

    SignedIn(HttpServletRequest request, DemoUsers.User user, String authType) {
      super(request);
      this.user = user;
      this.authType = authType;
    }

    @Override
    public Principal getUserPrincipal() {
      String name = user.name();
      return () -> name;
    }

    @Override
    public String getRemoteUser() {
      return user.name();
    }

    @Override
    public boolean isUserInRole(String role) {
      return user.roles().contains(role);
    }

    @Override
    public String getAuthType() {
      return authType;
    }
  }
}
