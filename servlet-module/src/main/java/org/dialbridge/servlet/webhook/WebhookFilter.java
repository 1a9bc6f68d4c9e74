package org.dialbridge.servlet.webhook;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.dialbridge.core.Delivery;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.config.ProviderSettings;
import org.dialbridge.core.config.WebhookAuth;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.servlet.ErrorStatus;
import org.dialbridge.servlet.LimitedBody;
import org.dialbridge.servlet.Problems;

/**
 * Receives provider webhooks at {@code <webhook-path>/<provider>[/<token>]}. A filter, not a
 * servlet, so it answers whatever else the host maps; it never passes the request on.
 *
 * <p>The core authenticates on the raw bytes first, parses second, stores once; this filter reads
 * the delivery and answers: {@code 204} stored or already stored, {@code 400} unparseable or a
 * field too long to store, {@code 401} not authenticated, {@code 404} unknown provider, {@code 405}
 * not a POST, {@code 413} over 64 KiB, {@code 415} not JSON or a form, {@code 503} with {@code
 * Retry-After} when the store is down. Never a redirect and never {@code 410}: senders read those
 * as "stop sending". Nothing is stored for any 4xx.
 */
public final class WebhookFilter implements Filter {
  private static final System.Logger LOG = System.getLogger(WebhookFilter.class.getName());
  public static final int MAX_BODY = 64 * 1024;
  static final String RETRY_AFTER_SECONDS = "10";

  private final Dialbridge dialbridge;
  private final String webhookPath;

  /** Each configured provider's 401 challenge, naming the method its webhooks authenticate with. */
  private final Map<String, String> challenges = new LinkedHashMap<>();

  public WebhookFilter(Dialbridge dialbridge) {
    this.dialbridge = dialbridge;
    this.webhookPath = dialbridge.config().webhookPath();
    for (ProviderSettings p : dialbridge.config().providers().values()) {
      challenges.put(p.name(), challenge(p.webhookAuth()));
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    response.setHeader("Cache-Control", "no-store");

    List<String> segments = segments(request);
    if (segments.isEmpty() || segments.size() > 2) {
      Problems.write(
          response, ErrorCode.NOT_FOUND, "Post webhooks to " + webhookPath + "/<provider>.");
      return;
    }
    String provider = segments.get(0);
    if (!challenges.containsKey(provider)) {
      Problems.write(
          response,
          ErrorCode.PROVIDER_NOT_FOUND,
          "No provider named " + provider + " is configured.");
      return;
    }
    if (!request.getMethod().equals("POST")) {
      response.setHeader("Allow", "POST");
      refuse(
          request,
          response,
          provider,
          ErrorCode.METHOD_NOT_ALLOWED,
          "Webhooks are delivered with POST.");
      return;
    }
    if (request.getContentLengthLong() > MAX_BODY) {
      LimitedBody.swallow(request);
      refuse(
          request,
          response,
          provider,
          ErrorCode.BODY_TOO_LARGE,
          "Webhook bodies are limited to 64 KiB.");
      return;
    }
    if (!acceptedMediaType(request.getContentType())) {
      refuse(
          request,
          response,
          provider,
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Send webhooks as application/json (or application/x-www-form-urlencoded).");
      return;
    }
    byte[] body;
    try {
      body = LimitedBody.read(request, MAX_BODY);
    } catch (LimitedBody.TooLargeException e) {
      LimitedBody.swallow(request);
      refuse(
          request,
          response,
          provider,
          ErrorCode.BODY_TOO_LARGE,
          "Webhook bodies are limited to 64 KiB.");
      return;
    }

    try {
      Delivery delivery =
          dialbridge.ingest(
              provider,
              new WebhookRequest(request.getContentType(), body, headers(request)),
              segments.size() == 2 ? segments.get(1) : null,
              request.getRemoteAddr());
      LOG.log(
          Level.DEBUG,
          () ->
              provider
                  + " webhook: "
                  + delivery.stored()
                  + " stored, "
                  + delivery.duplicates()
                  + " duplicates");
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    } catch (WebhookAuthenticationException e) {
      LOG.log(
          Level.WARNING,
          provider + " webhook refused from " + request.getRemoteAddr() + ": " + e.getMessage());
      response.setHeader("WWW-Authenticate", challenges.get(provider));
      Problems.write(response, ErrorCode.WEBHOOK_UNAUTHENTICATED, "Webhook authentication failed.");
    } catch (StoreUnavailableException e) {
      response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
      Problems.write(
          response,
          503,
          e.errorCode(),
          "The call store is unavailable; nothing was stored. Retry later.");
    } catch (DialbridgeException e) {
      int status = ErrorStatus.of(e);
      if (status >= 500) status = 503;
      if (status == 503) response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
      Problems.write(response, status, e.errorCode(), e.getMessage());
    } catch (RuntimeException e) {
      String id = UUID.randomUUID().toString();
      LOG.log(Level.ERROR, provider + " webhook failed unexpectedly (error id " + id + ")", e);
      response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
      Problems.write(
          response,
          503,
          ErrorCode.INTERNAL_ERROR,
          "The webhook could not be processed; nothing was stored (error id "
              + id
              + "). Retry later.");
    }
  }

  /** Answers a delivery refused before Dialbridge read it, and keeps it in the delivery log. */
  private void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      String provider,
      ErrorCode code,
      String detail)
      throws IOException {
    dialbridge.refusedDelivery(provider, code, detail, request.getRemoteAddr());
    Problems.write(response, code, detail);
  }

  private static String challenge(WebhookAuth auth) {
    if (auth.basicUser() != null) return "Basic realm=\"dialbridge\"";
    if (auth.token() != null) return "Token realm=\"dialbridge\"";
    return "Signature realm=\"dialbridge\"";
  }

  private List<String> segments(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    if (!uri.startsWith(webhookPath)) return List.of();
    String rest = uri.substring(webhookPath.length());
    if (rest.startsWith("/")) rest = rest.substring(1);
    if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
    if (rest.isEmpty()) return List.of();
    String[] parts = rest.split("/", -1);
    try {
      return Arrays.stream(parts).map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  private static boolean acceptedMediaType(String contentType) {
    if (contentType == null) return false;
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return media.equals("application/json")
        || media.endsWith("+json")
        || media.equals("text/plain")
        || media.equals("application/x-www-form-urlencoded");
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }
}
