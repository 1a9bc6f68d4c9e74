package org.dialbridge.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Server-side HTML for the demo's pages: one layout, and every value escaped on the way in. */
final class Html {
  static final String CSRF = "demo.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private Html() {}

  /** {@code s} safe inside an element or a double-quoted attribute. */
  static String esc(String s) {
    if (s == null) return "";
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The session's token for the demo's own forms (sign-out), created on first use. */
  static String csrfToken(HttpSession session) {
    Object token = session.getAttribute(CSRF);
    if (token instanceof String s) return s;
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String created = HexFormat.of().formatHex(bytes);
    session.setAttribute(CSRF, created);
    return created;
  }

  /**
   * Writes a whole page: the header with the signed-in user (if any), {@code main} as the page's
   * content (already escaped by the caller), and the page's own module scripts.
   */
  static void page(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String title,
      String main,
      String... scripts)
      throws IOException {
    String base = request.getContextPath();
    String user = request.getRemoteUser();
    StringBuilder html = new StringBuilder(4096);
    html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append(" · Sample CRM</title>\n")
        .append("<link rel=\"icon\" href=\"")
        .append(esc(base))
        .append("/demo/favicon.svg\" type=\"image/svg+xml\">\n")
        .append("<link rel=\"stylesheet\" href=\"")
        .append(esc(base))
        .append("/demo/demo.css\">\n");
    if (user != null) {
      // in every signed-in page's header: a customer calling in pops wherever the agent is
      html.append("<script type=\"module\" src=\"")
          .append(esc(base))
          .append("/dialbridge/dialbridge-phone.js\"></script>\n");
    }
    for (String script : scripts) {
      html.append("<script type=\"module\" src=\"")
          .append(esc(base + script))
          .append("\"></script>\n");
    }
    html.append("</head>\n<body>\n<header class=\"topbar\">\n")
        .append("<a class=\"brand\" href=\"")
        .append(esc(base))
        .append("/contacts\"><span class=\"logo\" aria-hidden=\"true\">☎</span>")
        .append(" Sample CRM <small>with Dialbridge</small></a>\n");
    if (user != null) {
      String fullName = DemoUsers.byName(user).map(DemoUsers.User::fullName).orElse(user);
      html.append("<nav aria-label=\"Main\"><a href=\"")
          .append(esc(base))
          .append("/contacts\">Contacts</a><a href=\"")
          .append(esc(base))
          .append("/callbacks\">Callbacks</a>")
          .append(
              request.isUserInRole("dialbridge-admin")
                  ? "<a href=\"" + esc(base) + "/deliveries\">Deliveries</a>"
                  : "")
          .append("</nav>\n")
          .append("<dialbridge-phone></dialbridge-phone>\n")
          .append("<form class=\"who\" method=\"post\" action=\"")
          .append(esc(base))
          .append("/sign-out\">")
          .append("<span>Signed in as <strong>")
          .append(esc(fullName))
          .append("</strong> (")
          .append(esc(user))
          .append(")</span> ");
      HttpSession session = request.getSession(false);
      if (session != null) {
        html.append("<input type=\"hidden\" name=\"csrf\" value=\"")
            .append(esc(csrfToken(session)))
            .append("\">");
      }
      html.append("<button type=\"submit\" class=\"link\">Sign out</button></form>\n");
    }
    html.append("</header>\n<main>\n")
        .append(main)
        .append("\n</main>\n")
        .append(
            "<footer>A sandbox: calls go to a local provider emulator, no real phone"
                + " rings.</footer>\n")
        .append("</body>\n</html>\n");
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(html.toString());
  }
}
