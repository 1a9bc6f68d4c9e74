package org.dialbridge.demo;

import static org.dialbridge.demo.Html.esc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dialbridge.demo.emulator.ProviderEmulator;
import org.dialbridge.demo.emulator.Ring;
import org.dialbridge.demo.emulator.RingOutcome;

/**
 * "Ring me" ({@code POST /sandbox/ring}): the provider emulator makes the signed-in agent's phone
 * ring with a customer's call, as Bandwidth ({@code incomingcall} to the agent's number) or as a
 * PBX posting the generic format through C3 or BemMelhor (naming the agent's extension). The form
 * is on the contacts list ({@link #ringCard}).
 */
final class SandboxServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /**
   * The Bandwidth number whose calls ring each demo user, as {@code dialbridge.properties} says.
   */
  static final Map<String, String> BANDWIDTH_NUMBERS =
      Map.of("ana", "+19195551212", "bruno", "+19195551213");

  /**
   * The Bandwidth v2 number whose calls ring each demo user, as {@code dialbridge.properties} says.
   */
  static final Map<String, String> BANDWIDTH_V2_NUMBERS =
      Map.of("ana", "+19195551214", "bruno", "+19195551215");

  /** The Lima number the generic format's calls are made to. */
  static final String GENERIC_NUMBER = "+5114400000";

  /** The callers the form offers: a contact, a shared office line, a number nobody has. */
  static final List<String[]> CALLERS =
      List.of(
          new String[] {"+51 987 654 321", "Lucía Fernández's mobile (a contact)"},
          new String[] {
            "+51 1 555 1234", "Inca Textiles' office, shared by Lucía Fernández and Jorge Quispe"
          },
          new String[] {"+51 1 555 7788", "a number no contact has"});

  private static final List<String[]> PROVIDERS =
      List.of(
          new String[] {"bandwidth", "Bandwidth (incomingcall)"},
          new String[] {"bandwidth-v2", "Bandwidth v2 (initiate, answered with BXML)"},
          new String[] {"c3", "C3 (generic format)"},
          new String[] {"bemmelhor", "BemMelhor (generic format)"});

  private static final List<String[]> OUTCOMES =
      List.of(
          new String[] {"", "as the number's last digits say"},
          new String[] {"answered", "I answer"},
          new String[] {"no-answer", "I don't answer (missed)"},
          new String[] {"caller-hangs-up", "the caller hangs up first (missed)"},
          new String[] {"busy", "I'm busy (missed)"},
          new String[] {"rejected", "I decline (missed)"});

  private final transient ProviderEmulator emulator;

  SandboxServlet(ProviderEmulator emulator) {
    this.emulator = Objects.requireNonNull(emulator, "emulator == null");
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String back = request.getContextPath() + "/contacts";
    if (!DemoForms.csrfOk(request)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "Reload the page and try again.");
      return;
    }
    String user = request.getRemoteUser();
    DemoUsers.User agent = DemoUsers.byName(user).orElse(null);
    if (agent == null) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "Sign in as one of the demo's agents.");
      return;
    }
    String provider = param(request, "provider", "bandwidth");
    String other = param(request, "number", "");
    String from = other.isEmpty() ? param(request, "from", "") : other;
    String outcomeName = param(request, "outcome", "");
    try {
      RingOutcome outcome =
          outcomeName.isEmpty()
              ? null
              : RingOutcome.named(outcomeName)
                  .orElseThrow(() -> new IllegalArgumentException("Pick one of the outcomes."));
      boolean bandwidthV2 = provider.equals("bandwidth-v2");
      boolean bandwidth = provider.equals("bandwidth") || bandwidthV2;
      if (!bandwidth && !provider.equals("c3") && !provider.equals("bemmelhor"))
        throw new IllegalArgumentException("Pick Bandwidth, Bandwidth v2, C3 or BemMelhor.");
      Ring ring =
          Ring.of(
              from,
              bandwidthV2
                  ? BANDWIDTH_V2_NUMBERS.get(agent.name())
                  : bandwidth ? BANDWIDTH_NUMBERS.get(agent.name()) : GENERIC_NUMBER,
              // Bandwidth names no agent: Dialbridge routes its number; a PBX names the extension
              bandwidth ? null : agent.extension(),
              outcome);
      emulator.ring(provider, ring);
      DemoForms.notice(
          request,
          "Your phone is ringing: a call from "
              + ring.from()
              + " through "
              + provider
              + " ("
              + ring.outcome().wireName()
              + "). Unanswered, it waits in your missed calls.");
    } catch (IllegalArgumentException | IllegalStateException e) {
      DemoForms.notice(request, "Nothing rang: " + e.getMessage());
    }
    response.sendRedirect(back);
  }

  private static String param(HttpServletRequest request, String name, String otherwise) {
    String value = request.getParameter(name);
    return value == null ? otherwise : value.strip();
  }

  /** The "Ring me" form, for the contacts list. */
  static String ringCard(HttpServletRequest request) {
    String base = request.getContextPath();
    StringBuilder html = new StringBuilder();
    html.append("<section class=\"card sandbox\" id=\"ring-me\">\n<h2>Ring me</h2>\n")
        .append(
            "<p>The emulator calls <strong>you</strong>, as a customer would: your phone rings"
                + " and Dialbridge shows who is calling.</p>\n")
        .append("<form method=\"post\" action=\"")
        .append(esc(base))
        .append("/sandbox/ring\">")
        .append(DemoForms.csrfField(request))
        .append("\n<fieldset><legend>From</legend>\n");
    boolean first = true;
    for (String[] caller : CALLERS) {
      html.append("<label><input type=\"radio\" name=\"from\" value=\"")
          .append(esc(caller[0]))
          .append("\"")
          .append(first ? " checked" : "")
          .append("> ")
          .append(esc(caller[0]))
          .append(" <span class=\"muted\">")
          .append(esc(caller[1]))
          .append("</span></label><br>\n");
      first = false;
    }
    html.append(
            "<label>or another number <input type=\"tel\" name=\"number\""
                + " placeholder=\"+51 1 555 0003\"></label>\n</fieldset>\n")
        .append(select("Through", "provider", PROVIDERS))
        .append(select("Then", "outcome", OUTCOMES))
        .append("<p><button type=\"submit\">Ring me</button></p>\n</form>\n")
        .append(
            "<p class=\"muted small\">Bandwidth rings the number your calls are routed from"
                + " (<code>dialbridge.inbound.routes</code>); C3 and BemMelhor post the generic"
                + " format naming your extension.</p>\n</section>\n");
    return html.toString();
  }

  private static String select(String label, String name, List<String[]> options) {
    StringBuilder html = new StringBuilder("<p><label>");
    html.append(esc(label)).append(" <select name=\"").append(esc(name)).append("\">");
    for (String[] option : options) {
      html.append("<option value=\"")
          .append(esc(option[0]))
          .append("\">")
          .append(esc(option[1]))
          .append("</option>");
    }
    return html.append("</select></label></p>\n").toString();
  }
}
