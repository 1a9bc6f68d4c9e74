package org.dialbridge.demo;

import static org.dialbridge.demo.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The agent's callbacks ({@code /callbacks}): Dialbridge's {@code <dialbridge-callbacks>} element,
 * exactly as a CRM page adds it, with each contact linked to its page and named by the demo's own
 * script from the list the page carries.
 */
final class CallbacksServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String base = request.getContextPath();
    StringBuilder html = new StringBuilder();
    html.append("<section class=\"card\">\n<h1>Callbacks</h1>\n")
        .append(
            "<p class=\"muted\">The calls you promised to return, due first. A wrap-up with"
                + " <em>Callback</em> and a time adds one; calling it back from here removes"
                + " it.</p>\n")
        .append("<dialbridge-callbacks id=\"callbacks\" contact-href=\"")
        .append(esc(base))
        .append("/contacts/{contactId}\"></dialbridge-callbacks>\n")
        // the contacts' names, for the demo's script to give the element (Dialbridge knows ids)
        .append("<datalist id=\"contact-names\">");
    for (Contact c : DemoContacts.all()) {
      html.append("<option value=\"")
          .append(esc(c.id()))
          .append("\">")
          .append(esc(c.name()))
          .append("</option>");
    }
    html.append("</datalist>\n</section>\n");
    Html.page(
        request,
        response,
        HttpServletResponse.SC_OK,
        "Callbacks",
        html.toString(),
        "/dialbridge/callbacks.js",
        "/demo/callbacks.js");
  }
}
