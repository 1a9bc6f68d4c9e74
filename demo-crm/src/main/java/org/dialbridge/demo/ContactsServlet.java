package org.dialbridge.demo;

import static org.dialbridge.demo.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dialbridge.demo.emulator.Outcome;

/**
 * The CRM's pages: the contacts list ({@code /contacts}) and a contact's page ({@code
 * /contacts/{id}}) with Dialbridge's {@code <click-to-call>} button, a provider selector, tel:
 * links that Dialbridge enhances, and the contact's call history, read by a small script from
 * Dialbridge's REST API.
 */
final class ContactsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> COUNTRIES =
      Map.of("PE", "Peru", "BR", "Brazil", "US", "United States");

  /** The demo's providers, as the selector lists them before the script reads {@code /me}. */
  static final List<String[]> PROVIDERS =
      List.of(
          new String[] {"c3", "C3 (Peru)"},
          new String[] {"bemmelhor", "BemMelhor (Brazil)"},
          new String[] {"bandwidth", "Bandwidth (US)"},
          new String[] {"bandwidth-v2", "Bandwidth v2 (US)"},
          new String[] {"ucontact", "uContact"});

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = DemoAuthFilter.path(request);
    if (path.equals("/") || path.isEmpty()) {
      response.sendRedirect(request.getContextPath() + "/contacts");
    } else if (path.equals("/contacts") || path.equals("/contacts/")) {
      list(request, response);
    } else if (path.equals("/contacts/new")) {
      newContact(request, response, request.getParameter("phone"), "", "", null);
    } else {
      Optional<Contact> contact = DemoContacts.byId(path.substring("/contacts/".length()));
      if (contact.isPresent()) {
        contact(request, response, contact.get());
      } else {
        Html.page(
            request,
            response,
            HttpServletResponse.SC_NOT_FOUND,
            "Not found",
            "<section class=\"card narrow\"><h1>No such contact</h1><p><a href=\""
                + esc(request.getContextPath())
                + "/contacts\">Back to the contacts</a></p></section>");
      }
    }
  }

  /** Creates a contact from the "new contact" form, then shows its page. */
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!DemoAuthFilter.path(request).equals("/contacts/new")) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    if (!DemoForms.csrfOk(request)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "Reload the page and try again.");
      return;
    }
    String name = request.getParameter("name");
    String company = request.getParameter("company");
    String phone = request.getParameter("phone");
    try {
      Contact created = DemoContacts.create(name, company, phone);
      response.sendRedirect(request.getContextPath() + "/contacts/" + created.id());
    } catch (IllegalArgumentException e) {
      newContact(request, response, phone, name, company, e.getMessage());
    }
  }

  /**
   * The "new contact" form, its number filled in from {@code ?phone=} (where an unknown caller's
   * "Create contact" leads: {@code dialbridge.inbound.create-contact-url}).
   */
  private static void newContact(
      HttpServletRequest request,
      HttpServletResponse response,
      String phone,
      String name,
      String company,
      String problem)
      throws IOException {
    String base = request.getContextPath();
    StringBuilder html = new StringBuilder();
    html.append("<p class=\"crumbs\"><a href=\"")
        .append(esc(base))
        .append("/contacts\">Contacts</a> › New contact</p>\n")
        .append("<section class=\"card narrow\">\n<h1>New contact</h1>\n");
    if (problem != null) {
      html.append("<p class=\"error\" role=\"alert\">").append(esc(problem)).append("</p>\n");
    }
    html.append("<form method=\"post\" action=\"")
        .append(esc(base))
        .append("/contacts/new\">")
        .append(DemoForms.csrfField(request))
        .append("\n<p><label>Name <input name=\"name\" required maxlength=\"100\" value=\"")
        .append(esc(name))
        .append("\" autofocus></label></p>\n")
        .append("<p><label>Company <input name=\"company\" maxlength=\"100\" value=\"")
        .append(esc(company))
        .append("\"></label></p>\n")
        .append("<p><label>Phone <input type=\"tel\" name=\"phone\" required value=\"")
        .append(esc(phone))
        .append("\"></label></p>\n")
        .append("<p><button type=\"submit\">Create contact</button></p>\n</form>\n</section>\n");
    Html.page(
        request,
        response,
        problem == null ? HttpServletResponse.SC_OK : HttpServletResponse.SC_BAD_REQUEST,
        "New contact",
        html.toString());
  }

  private static void list(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String base = request.getContextPath();
    String query = Optional.ofNullable(request.getParameter("q")).orElse("");
    List<Contact> contacts = DemoContacts.search(query);
    StringBuilder main = new StringBuilder(DemoForms.takeNotice(request));
    // what rang for the agent, and the sandbox's way to make it ring, above the contacts
    main.append("<div class=\"columns\">\n")
        .append(missedCard(base))
        .append("<aside>\n")
        .append(SandboxServlet.ringCard(request))
        .append("</aside>\n</div>\n");
    main.append("<section class=\"card\">\n<div class=\"toolbar\"><h1>Contacts</h1>")
        .append("<form role=\"search\" method=\"get\" action=\"")
        .append(esc(base))
        .append("/contacts\">")
        .append(
            "<input type=\"search\" name=\"q\" aria-label=\"Search contacts\" placeholder=\"Name,"
                + " company, city or number\" value=\"")
        .append(esc(query))
        .append("\"> <button type=\"submit\">Search</button></form></div>\n");
    if (contacts.isEmpty()) {
      main.append("<p class=\"muted\">No contact matches “").append(esc(query)).append("”.</p>\n");
    } else {
      main.append(
          "<table class=\"contacts\">\n"
              + "<thead><tr><th>Name</th><th>Company</th><th>City</th><th>Phone"
              + " numbers</th></tr></thead>\n"
              + "<tbody>\n");
      for (Contact c : contacts) {
        main.append("<tr><td><a href=\"")
            .append(esc(base))
            .append("/contacts/")
            .append(esc(c.id()))
            .append("\">")
            .append(esc(c.name()))
            .append("</a><div class=\"muted\">")
            .append(esc(c.title()))
            .append("</div></td>")
            .append("<td>")
            .append(esc(c.company()))
            .append("</td>")
            .append("<td>")
            .append(esc(c.city()))
            .append(" <span class=\"country\">")
            .append(esc(c.region()))
            .append("</span></td><td><ul class=\"numbers\">");
        for (Contact.Phone p : c.phones()) {
          main.append("<li><span class=\"muted\">")
              .append(esc(p.label()))
              .append("</span> ")
              .append(esc(p.number()))
              .append(outcomeTag(p))
              .append("</li>");
        }
        main.append("</ul></td></tr>\n");
      }
      main.append("</tbody>\n</table>\n");
    }
    main.append("</section>\n").append(sandboxNote(base));
    Html.page(
        request,
        response,
        HttpServletResponse.SC_OK,
        "Contacts",
        main.toString(),
        "/dialbridge/click-to-call.js",
        "/demo/missed.js");
  }

  /**
   * The agent's missed calls, filled in by {@code /demo/missed.js} from {@code GET /me/missed}: who
   * may be calling, call back (the missed call leaves the list), done.
   */
  private static String missedCard(String base) {
    return "<section class=\"card\" id=\"missed-calls\">\n"
        + "<div class=\"toolbar\"><h2>Your missed calls</h2><button type=\"button\""
        + " id=\"missed-refresh\" class=\"secondary\">Refresh</button></div>\n"
        + "<p class=\"muted\" id=\"missed-status\" role=\"status\">Loading…</p>\n"
        + "<ul id=\"missed\" class=\"missed\" data-api-base=\""
        + esc(base)
        + "/dialbridge/api/\"></ul>\n"
        + "</section>\n";
  }

  private static void contact(HttpServletRequest request, HttpServletResponse response, Contact c)
      throws IOException {
    String base = request.getContextPath();
    Contact.Phone main = c.mainPhone();
    StringBuilder html = new StringBuilder();
    html.append("<p class=\"crumbs\"><a href=\"")
        .append(esc(base))
        .append("/contacts\">Contacts</a> › ")
        .append(esc(c.name()))
        .append("</p>\n")
        .append("<section class=\"card contact-head\">\n")
        .append("<div class=\"avatar\" aria-hidden=\"true\">")
        .append(esc(initials(c.name())))
        .append("</div>\n")
        .append("<div class=\"identity\"><h1>")
        .append(esc(c.name()))
        .append("</h1>\n")
        .append("<p>")
        .append(esc(c.title()))
        .append(" · ")
        .append(esc(c.company()))
        .append("</p>\n")
        .append("<p class=\"muted\">")
        .append(esc(c.city()))
        .append(", ")
        .append(esc(COUNTRIES.getOrDefault(c.region(), c.region())))
        .append(" · <a href=\"mailto:")
        .append(esc(c.email()))
        .append("\">")
        .append(esc(c.email()))
        .append("</a></p></div>\n")
        // the button, exactly as a CRM page adds it (README.md, "The call button")
        .append("<div class=\"call-box\">\n<p><span class=\"muted\">")
        .append(esc(main.label()))
        .append("</span> <strong>")
        .append(esc(main.number()))
        .append("</strong>")
        .append(outcomeTag(main))
        .append("</p>\n")
        .append("<click-to-call id=\"call-main\" number=\"")
        .append(esc(main.number()))
        .append("\" contact-id=\"")
        .append(esc(c.id()))
        .append("\"></click-to-call>\n")
        .append(
            "<label class=\"provider\">Call through <select id=\"provider\" name=\"provider\">");
    for (String[] p : PROVIDERS) {
      html.append("<option value=\"")
          .append(esc(p[0]))
          .append("\">")
          .append(esc(p[1]))
          .append("</option>");
    }
    html.append("</select></label>\n</div>\n</section>\n")
        .append(
            "<div class=\"columns\">\n"
                + "<section class=\"card\">\n"
                + "<div class=\"toolbar\"><h2>Call history</h2>")
        .append(
            "<button type=\"button\" id=\"refresh\" class=\"secondary\">Refresh</button></div>\n")
        .append("<p class=\"muted\" id=\"history-status\" role=\"status\">Loading…</p>\n")
        .append("<ol id=\"history\" class=\"timeline\" data-contact-id=\"")
        .append(esc(c.id()))
        .append("\" data-api-base=\"")
        .append(esc(base))
        .append("/dialbridge/api/\"></ol>\n")
        .append(
            "<button type=\"button\" id=\"older\" class=\"secondary\" hidden>Older calls</button>\n"
                + "</section>\n")
        .append("<aside>\n<section class=\"card\">\n<h2>Phone numbers</h2>\n")
        // plain tel: links in a container marked data-dialbridge-enhance: the widget adds a button
        // to each
        .append("<ul class=\"phones\" data-dialbridge-enhance data-contact-id=\"")
        .append(esc(c.id()))
        .append("\">\n");
    for (Contact.Phone p : c.phones()) {
      html.append("<li><span class=\"muted\">")
          .append(esc(p.label()))
          .append("</span> <a href=\"tel:")
          .append(esc(p.e164()))
          .append("\">")
          .append(esc(p.number()))
          .append("</a>")
          .append(outcomeTag(p))
          .append("</li>\n");
    }
    html.append(
            "</ul>\n"
                + "<p class=\"muted small\">Plain <code>tel:</code> links inside a"
                + " <code>data-dialbridge-enhance</code> ")
        .append("container: the widget adds a call button after each.</p>\n</section>\n")
        .append(sandboxNote(base))
        .append("</aside>\n</div>\n");
    Html.page(
        request,
        response,
        HttpServletResponse.SC_OK,
        c.name(),
        html.toString(),
        "/dialbridge/click-to-call.js",
        "/demo/contact.js");
  }

  /** What the emulator will do with a call to {@code phone}, when it is not simply answered. */
  private static String outcomeTag(Contact.Phone phone) {
    return switch (Outcome.forNumber(phone.number())) {
      case ANSWERED -> "";
      case BUSY -> " <span class=\"tag\">busy</span>";
      case NO_ANSWER -> " <span class=\"tag\">no answer</span>";
      case FAILED -> " <span class=\"tag\">fails</span>";
      case REJECTED -> " <span class=\"tag\">rejected</span>";
    };
  }

  private static String sandboxNote(String base) {
    return "<section class=\"card sandbox\">\n"
        + "<h2>Sandbox</h2>\n"
        + "<p>Calls go to a local <strong>provider emulator</strong> that speaks the C3,"
        + " BemMelhor, Bandwidth and uContact APIs and posts their webhooks back. No phone"
        + " rings and nothing is charged.</p>\n"
        + "<p>A call is answered and ends after a short talk, unless the number ends"
        + " in:</p>\n"
        + "<table class=\"plain\"><tbody>\n"
        + "<tr><td><code>…0002</code></td><td>busy</td><td><a href=\""
        + esc(base)
        + "/contacts/4\">Carlos Mendoza</a></td></tr>\n"
        + "<tr><td><code>…0003</code></td><td>no answer</td><td><a href=\""
        + esc(base)
        + "/contacts/6\">Diego Salazar</a></td></tr>\n"
        + "<tr><td><code>…0004</code></td><td>fails (no such number)</td><td><a href=\""
        + esc(base)
        + "/contacts/18\">David Miller</a></td></tr>\n"
        + "<tr><td><code>…0005</code></td><td>rejected</td><td><a href=\""
        + esc(base)
        + "/contacts/19\">Olivia Brown</a></td></tr>\n"
        + "</tbody></table>\n"
        + "<p class=\"muted small\">Pick the provider above the button; BemMelhor cannot hang up"
        + " (its API has no such call).</p>\n"
        + "</section>\n";
  }

  private static String initials(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("\\s+")) {
      if (!part.isEmpty() && out.length() < 2) out.appendCodePoint(part.codePointAt(0));
    }
    return out.toString();
  }
}
