package org.dialbridge.demo;

import static org.dialbridge.demo.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /sign-in} (the form and its POST) and {@code /sign-out}. */
final class SignInServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** A path and query of printable URL characters, starting with one slash. */
  private static final Pattern SAFE_NEXT =
      Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~!$&'()*+,;=:@%/?]*");

  private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!request.getServletPath().equals("/sign-in")) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    if (request.getRemoteUser() != null) {
      response.sendRedirect(request.getContextPath() + next(request));
      return;
    }
    form(request, response, HttpServletResponse.SC_OK, null, "");
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.setCharacterEncoding("UTF-8");
    if (request.getServletPath().equals("/sign-out")) {
      signOut(request, response);
      return;
    }
    String name = request.getParameter("user");
    Optional<DemoUsers.User> user =
        DemoUsers.authenticate(
            name == null ? null : name.strip(), request.getParameter("password"));
    if (user.isEmpty()) {
      form(
          request,
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "Wrong user name or password.",
          name);
      return;
    }
    HttpSession old = request.getSession(false);
    if (old != null) old.invalidate(); // a new session id on sign-in: no session fixation
    HttpSession session = request.getSession(true);
    session.setAttribute(DemoAuthFilter.SESSION_USER, user.get().name());
    response.sendRedirect(request.getContextPath() + next(request));
  }

  private static void signOut(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpSession session = request.getSession(false);
    if (session != null) {
      Object expected = session.getAttribute(Html.CSRF);
      String given = request.getParameter("csrf");
      if (!(expected instanceof String token)
          || given == null
          || !MessageDigest.isEqual(
              token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "Reload the page and sign out again.");
        return;
      }
      session.invalidate();
    }
    response.sendRedirect(request.getContextPath() + "/sign-in");
  }

  /**
   * Where to go after signing in: a path of this CRM, never another site. Only a plain absolute
   * path (with an optional query) passes; anything a browser could read as another host ({@code
   * //x}, {@code /.//x}, {@code /<TAB>/x}, {@code /\\x}), a dot segment or a control character goes
   * to {@code /}.
   */
  static String next(HttpServletRequest request) {
    String next = request.getParameter("next");
    return next != null
            && SAFE_NEXT.matcher(next).matches()
            && isPlainPath(next.split("\\?", 2)[0])
            && !next.startsWith("/sign-")
        ? next
        : "/";
  }

  private static boolean isPlainPath(String path) {
    String decoded;
    try {
      decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return !decoded.contains("//")
        && !decoded.contains("\\")
        && !DOT_SEGMENT.matcher(decoded).find()
        && decoded.chars().noneMatch(Character::isISOControl);
  }

  private static void form(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String error,
      String user)
      throws IOException {
    String base = request.getContextPath();
    StringBuilder main = new StringBuilder();
    main.append("<section class=\"card narrow\">\n<h1>Sign in</h1>\n");
    if (error != null)
      main.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>\n");
    main.append("<form method=\"post\" action=\"")
        .append(esc(base))
        .append("/sign-in\" class=\"stack\">\n")
        .append("<input type=\"hidden\" name=\"next\" value=\"")
        .append(esc(next(request)))
        .append("\">\n")
        .append(
            "<label>User name <input name=\"user\" id=\"user\" autocomplete=\"username\" required"
                + " autofocus value=\"")
        .append(esc(user))
        .append("\"></label>\n")
        .append(
            "<label>Password <input name=\"password\" id=\"password\" type=\"password\""
                + " autocomplete=\"current-password\" required></label>\n")
        .append("<button type=\"submit\" id=\"sign-in\">Sign in</button>\n</form>\n</section>\n");
    main.append(
            "<section class=\"card narrow\">\n<h2>Demo sign-ins</h2>\n<table class=\"plain\">\n")
        .append("<thead><tr><th>User</th><th>Password</th><th>Agent</th>")
        .append("<th>Extension</th></tr></thead>\n<tbody>\n");
    for (DemoUsers.User u : DemoUsers.ALL) {
      main.append("<tr><td><code>")
          .append(esc(u.name()))
          .append("</code></td><td><code>")
          .append(esc(u.password()))
          .append("</code></td><td>")
          .append(esc(u.fullName()))
          .append("</td><td>")
          .append(esc(u.extension().isEmpty() ? "— (administrator)" : u.extension()))
          .append("</td></tr>\n");
    }
    main.append(
            "</tbody>\n"
                + "</table>\n"
                + "<p class=\"muted\">Scripts may use HTTP Basic instead: <code>curl -u ana:ana ")
        .append(esc(origin(request)))
        .append(esc(base))
        .append("/dialbridge/api/me</code></p>\n</section>\n");
    Html.page(request, response, status, "Sign in", main.toString());
  }

  private static String origin(HttpServletRequest request) {
    int port = request.getServerPort();
    boolean defaultPort =
        (request.getScheme().equals("http") && port == 80)
            || (request.getScheme().equals("https") && port == 443);
    return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
  }
}
