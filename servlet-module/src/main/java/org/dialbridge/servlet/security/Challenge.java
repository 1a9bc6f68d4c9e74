package org.dialbridge.servlet.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * The {@code WWW-Authenticate} challenge of a {@code 401}: {@code Basic} for a person or a script
 * that can answer it (curl, a browser opening the URL), and a scheme no browser prompts for when a
 * page's script is asking (the widget's requests, {@code fetch}, {@code EventSource}), so a
 * signed-out widget shows "Sign in" instead of popping a password dialog over the CRM.
 */
final class Challenge {
  static final String BASIC = "Basic realm=\"dialbridge\", charset=\"UTF-8\"";
  static final String SESSION = "Session realm=\"dialbridge\"";

  private Challenge() {}

  static String forRequest(HttpServletRequest request) {
    return fromScript(request) ? SESSION : BASIC;
  }

  private static boolean fromScript(HttpServletRequest request) {
    if (request.getHeader(ApiSecurityFilter.CSRF_HEADER) != null) return true;
    String accept = request.getHeader("Accept");
    if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream"))
      return true;
    String mode = request.getHeader("Sec-Fetch-Mode");
    return mode != null && !mode.equalsIgnoreCase("navigate");
  }
}
