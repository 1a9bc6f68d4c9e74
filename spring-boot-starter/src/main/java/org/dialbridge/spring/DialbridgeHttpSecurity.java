package org.dialbridge.spring;

import jakarta.servlet.http.HttpServletRequest;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.servlet.DialbridgeMount;
import org.dialbridge.servlet.Problems;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Fits every Spring Security filter chain of the host to Dialbridge's API without replacing the
 * chain: Spring Security applies it to each {@code HttpSecurity} it builds (listed in {@code
 * META-INF/spring.factories}), so Spring Boot's default chain and the host's own keep their
 * sign-in. For requests to the API servlet, Spring's CSRF check steps aside, because the API's own
 * guard refuses any state-changing request without {@code X-Dialbridge-Request: 1} from an allowed
 * origin (a header no cross-site form can send); and a request without a session gets {@code 401}
 * problem+json rather than a redirect to the login page. Does nothing when Dialbridge is not
 * mounted, and leaves CSRF off where the host turned it off.
 */
public final class DialbridgeHttpSecurity
    extends AbstractHttpConfigurer<DialbridgeHttpSecurity, HttpSecurity> {
  private static final AuthenticationEntryPoint UNAUTHENTICATED =
      (request, response, e) ->
          Problems.write(
              response, ErrorCode.UNAUTHENTICATED, "Sign in to the CRM to use click-to-call.");

  @Override
  @SuppressWarnings("unchecked")
  public void init(HttpSecurity http) {
    ApplicationContext context = http.getSharedObject(ApplicationContext.class);
    DialbridgeMount mount =
        context == null ? null : context.getBeanProvider(DialbridgeMount.class).getIfAvailable();
    if (mount == null) return;
    RequestMatcher api = apiRequests(mount.apiPath());
    CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
    if (csrf != null) csrf.ignoringRequestMatchers(api);
    ExceptionHandlingConfigurer<HttpSecurity> exceptions =
        http.getConfigurer(ExceptionHandlingConfigurer.class);
    if (exceptions != null) exceptions.defaultAuthenticationEntryPointFor(UNAUTHENTICATED, api);
  }

  /** The requests the container hands to the API servlet, mapped at {@code <api-path>/*}. */
  static RequestMatcher apiRequests(String apiPath) {
    return (HttpServletRequest request) -> apiPath.equals(request.getServletPath());
  }
}
