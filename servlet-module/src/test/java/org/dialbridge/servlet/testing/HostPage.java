package org.dialbridge.servlet.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One of the host CRM's own pages: answers any method with {@code 200} and {@code host page
 * <servlet name>}, so a test sees whether the host or Dialbridge answered a path.
 */
public final class HostPage extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The body this page answers with when declared under {@code servletName}. */
  public static String body(String servletName) {
    return "host page " + servletName;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(200);
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write(body(getServletName()).getBytes(StandardCharsets.UTF_8));
  }
}
