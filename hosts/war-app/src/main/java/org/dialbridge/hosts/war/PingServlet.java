package org.dialbridge.hosts.war;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * The sample CRM's own API, {@code GET /api/ping}: it must keep working beside Dialbridge. Answers
 * who is signed in (the container's sign-in covers {@code /api/*}).
 */
public final class PingServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Principal user = request.getUserPrincipal();
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "{\"app\":\"crm\",\"user\":"
                + (user == null ? "null" : "\"" + json(user.getName()) + "\"")
                + "}");
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
