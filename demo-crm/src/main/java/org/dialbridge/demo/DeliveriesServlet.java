package org.dialbridge.demo;

import static org.dialbridge.demo.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The administrator's page of webhook deliveries ({@code /deliveries}): what each provider sent,
 * how Dialbridge answered and why, in words, read by the demo's script from {@code GET
 * /dialbridge/api/admin/deliveries} twice a second while the page is open.
 */
final class DeliveriesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!request.isUserInRole("dialbridge-admin")) {
      Html.page(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Deliveries",
          "<section class=\"card\"><h1>Deliveries</h1><p>Only an administrator sees the webhook"
              + " deliveries. Sign in as <strong>admin</strong>.</p></section>");
      return;
    }
    String base = request.getContextPath();
    String html =
        "<section class=\"card\">\n<h1>Webhook deliveries</h1>\n"
            + "<p class=\"muted\">What each provider sent, newest first, and how Dialbridge"
            + " answered: the last 1,000 per provider on this node. A refused delivery says"
            + " why.</p>\n"
            + "<p><label>Show <select id=\"outcome\"><option value=\"\">all</option>"
            + "<option value=\"refused\">refused only</option>"
            + "<option value=\"accepted\">accepted only</option></select></label></p>\n"
            + "<p class=\"muted\" id=\"deliveries-status\" role=\"status\">Loading…</p>\n"
            + "<table id=\"deliveries\" data-api-base=\""
            + esc(base)
            + "/dialbridge/api/\"><thead><tr><th>When</th><th>Provider</th><th>Answer</th>"
            + "<th>Why</th><th>Events</th><th>From</th></tr></thead><tbody></tbody></table>\n"
            + "</section>\n";
    Html.page(
        request, response, HttpServletResponse.SC_OK, "Deliveries", html, "/demo/deliveries.js");
  }
}
