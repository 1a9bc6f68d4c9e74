package org.dialbridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;

/**
 * An OIDC sign-in, whose principal name is the opaque {@code sub}, seen by the API as the CRM user.
 */
class SpringSecurityPrincipalsTest {
  private static final String ADMIN_ROLE = "dialbridge-admin";

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  private record Seen(String user, boolean admin) {}

  private static Seen throughTheGuard(DialbridgeProperties properties, Authentication signedIn)
      throws Exception {
    SecurityContextHolder.getContext().setAuthentication(signedIn);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/dialbridge/api/me");
    request.setUserPrincipal(signedIn);
    AtomicReference<Seen> seen = new AtomicReference<>();
    Filter guard =
        (req, res, chain) -> {
          HttpServletRequest r = (HttpServletRequest) req;
          seen.set(new Seen(r.getUserPrincipal().getName(), r.isUserInRole(ADMIN_ROLE)));
        };
    SpringSecurityPrincipals.mapping(properties, ADMIN_ROLE, guard)
        .doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    return seen.get();
  }

  private static Authentication oidc(String... authorities) {
    DefaultOAuth2AuthenticatedPrincipal user =
        new DefaultOAuth2AuthenticatedPrincipal(
            "3f1c9a7e-sub",
            Map.of("sub", "3f1c9a7e-sub", "preferred_username", "ana", "email", "ana@crm.example"),
            AuthorityUtils.createAuthorityList(authorities));
    TestingAuthenticationToken token =
        new TestingAuthenticationToken(user, null, List.copyOf(user.getAuthorities()));
    token.setAuthenticated(true);
    return token;
  }

  @Test
  void theConfiguredAttributeNamesTheAgentInsteadOfSub() throws Exception {
    Seen seen =
        throughTheGuard(
            new DialbridgeProperties(Map.of(), "preferred_username", null), oidc("SCOPE_openid"));

    assertThat(seen).isEqualTo(new Seen("ana", false));
  }

  @Test
  void theConfiguredAuthorityMakesTheAgentDialbridgesAdmin() throws Exception {
    DialbridgeProperties properties =
        new DialbridgeProperties(Map.of(), "email", "SCOPE_dialbridge.admin");

    assertThat(throughTheGuard(properties, oidc("SCOPE_openid", "SCOPE_dialbridge.admin")))
        .isEqualTo(new Seen("ana@crm.example", true));
    assertThat(throughTheGuard(properties, oidc("SCOPE_openid")))
        .isEqualTo(new Seen("ana@crm.example", false));
  }
}
