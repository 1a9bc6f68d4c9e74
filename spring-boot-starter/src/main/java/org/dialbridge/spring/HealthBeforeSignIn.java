package org.dialbridge.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.dialbridge.servlet.DialbridgeMount;

/**
 * Answers {@code GET <api-path>/health} before the host's sign-in (Spring Security would ask for a
 * session): through the API's own guard, by the API servlet itself. Any other method goes on to the
 * host's filters as usual.
 */
final class HealthBeforeSignIn implements Filter {
  static final String PATH = "/health";
  private final DialbridgeMount mount;

  HealthBeforeSignIn(DialbridgeMount mount) {
    this.mount = mount;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!"GET".equals(((HttpServletRequest) request).getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    mount
        .apiSecurityFilter()
        .doFilter(request, response, (req, res) -> mount.apiServlet().service(req, res));
  }
}
