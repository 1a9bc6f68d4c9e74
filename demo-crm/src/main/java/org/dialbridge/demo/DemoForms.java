package org.dialbridge.demo;

import static org.dialbridge.demo.Html.esc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The demo's own forms: their CSRF token, and a one-time notice shown on the next page. */
final class DemoForms {
  private static final String NOTICE = "demo.notice";

  private DemoForms() {}

  /** The hidden CSRF field for a form, empty when the request has no session (HTTP Basic). */
  static String csrfField(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session == null
        ? ""
        : "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(Html.csrfToken(session)) + "\">";
  }

  /** Whether the form carries its session's CSRF token, compared in constant time. */
  static boolean csrfOk(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(Html.CSRF);
    String given = request.getParameter("csrf");
    return expected instanceof String token
        && given != null
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** Keeps {@code text} for the next page the user sees. */
  static void notice(HttpServletRequest request, String text) {
    HttpSession session = request.getSession(false);
    if (session != null) session.setAttribute(NOTICE, text);
  }

  /** The notice kept for this page, as HTML, and forgets it; empty when there is none. */
  static String takeNotice(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object text = session == null ? null : session.getAttribute(NOTICE);
    if (!(text instanceof String s)) return "";
    session.removeAttribute(NOTICE);
    return "<p class=\"notice\" role=\"status\">" + esc(s) + "</p>\n";
  }
}
