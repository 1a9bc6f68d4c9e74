package org.dialbridge.servlet.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.servlet.LimitedBody;
import org.dialbridge.servlet.Problems;

/**
 * Guards the REST API: a signed-in principal is required (except for {@code GET /health}), and a
 * {@code 401} carries a challenge a browser does not prompt for when a script asked; state-changing
 * requests need {@code X-Dialbridge-Request: 1}, an allowed {@code Origin} where the browser sends
 * one, and a JSON body; bodies are capped; CORS answers only listed origins, never {@code *}.
 * Everything refused here is refused before any provider is called.
 */
public final class ApiSecurityFilter implements Filter {
  private static final System.Logger LOG = System.getLogger(ApiSecurityFilter.class.getName());
  public static final String CSRF_HEADER = "X-Dialbridge-Request";
  public static final int MAX_BODY = 16 * 1024;
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final List<String> allowedOrigins;

  /**
   * @param allowedOrigins origins besides the request's own, lower-case {@code
   *     scheme://host[:port]}
   */
  public ApiSecurityFilter(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins.stream().map(ApiSecurityFilter::normalize).toList();
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    String origin = request.getHeader("Origin");
    boolean listed = origin != null && allowedOrigins.contains(normalize(origin));
    boolean sameOrigin = origin != null && normalize(origin).equals(ownOrigin(request));
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");

    if (listed) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Allow-Credentials", "true");
      response.addHeader("Vary", "Origin");
    }
    if (method.equals("OPTIONS") && request.getHeader("Access-Control-Request-Method") != null) {
      if (!listed) {
        refuse(
            request,
            response,
            "a cross-origin request from " + origin + ", which is not an allowed origin");
        return;
      }
      response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
      response.setHeader("Access-Control-Allow-Headers", "Content-Type, " + CSRF_HEADER);
      response.setHeader("Access-Control-Max-Age", "600");
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    if (method.equals("GET") && "/health".equals(request.getPathInfo())) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getUserPrincipal() == null) {
      response.setHeader("WWW-Authenticate", Challenge.forRequest(request));
      Problems.write(
          response, ErrorCode.UNAUTHENTICATED, "Sign in to the CRM to use click-to-call.");
      return;
    }
    if (origin != null && !listed && !sameOrigin) {
      refuse(request, response, "a request from " + origin + ", which is not an allowed origin");
      return;
    }
    if (!SAFE.contains(method)) {
      if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site")) && !listed) {
        refuse(request, response, "a cross-site request");
        return;
      }
      if (!"1".equals(request.getHeader(CSRF_HEADER))) {
        refuse(request, response, "a request without the " + CSRF_HEADER + " header");
        return;
      }
      if (request.getContentLengthLong() > MAX_BODY) {
        LimitedBody.swallow(request);
        Problems.write(
            response,
            ErrorCode.BODY_TOO_LARGE,
            "The request body is over " + MAX_BODY / 1024 + " KiB.");
        return;
      }
      boolean hasBody =
          request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
      if (hasBody && !isJson(request.getContentType())) {
        // read what was sent, so the connection stays usable for the client's next request
        LimitedBody.swallow(request);
        Problems.write(
            response,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "Send the request body as application/json.");
        return;
      }
    }
    chain.doFilter(LimitedBody.capped(request, MAX_BODY), response);
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, String what)
      throws IOException {
    LOG.log(
        Level.INFO, "refused " + request.getMethod() + " " + request.getRequestURI() + ": " + what);
    Problems.write(response, ErrorCode.CSRF_REJECTED, "Refused " + what + ".");
  }

  static boolean isJson(String contentType) {
    if (contentType == null) return false;
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return media.equals("application/json");
  }

  /** The request's own origin, as the browser would write it. */
  static String ownOrigin(HttpServletRequest request) {
    String scheme = request.getScheme().toLowerCase(Locale.ROOT);
    int port = request.getServerPort();
    boolean defaultPort =
        (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme
        + "://"
        + request.getServerName().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }

  static String normalize(String origin) {
    try {
      URI uri = URI.create(origin.strip());
      if (uri.getScheme() == null || uri.getHost() == null)
        return origin.strip().toLowerCase(Locale.ROOT);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      return scheme
          + "://"
          + uri.getHost().toLowerCase(Locale.ROOT)
          + (defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return origin.strip().toLowerCase(Locale.ROOT);
    }
  }
}
