package org.dialbridge.core.provider.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to a provider's API: method, path below the configured base URL (already encoded, see
 * {@link ProviderHttpClient#segment}), extra headers, and an optional body with its content type.
 *
 * @param acts true when the request acts at the provider although its method is a safe one
 *     (BemMelhor places calls with a {@code GET}): it is then never retried, and a lost answer
 *     leaves the outcome unknown
 */
public record ProviderRequest(
    String method,
    String path,
    Map<String, String> headers,
    byte[] body,
    String contentType,
    boolean acts) {

  /**
   * @throws NullPointerException when method or path is null, or a body comes without its content
   *     type
   * @throws IllegalArgumentException when path does not start with {@code /}
   */
  public ProviderRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    if (!path.startsWith("/"))
      throw new IllegalArgumentException("path must start with /: " + path);
    headers = Map.copyOf(headers == null ? Map.of() : headers);
    if (body != null) Objects.requireNonNull(contentType, "contentType == null with a body");
  }

  /** A request whose effects follow from its method: GET and HEAD act on nothing. */
  public ProviderRequest(
      String method, String path, Map<String, String> headers, byte[] body, String contentType) {
    this(method, path, headers, body, contentType, false);
  }

  /** A {@code GET} of {@code path}, which acts on nothing at the provider. */
  public static ProviderRequest get(String path, Map<String, String> headers) {
    return new ProviderRequest("GET", path, headers, null, null);
  }

  /** A {@code GET} that acts at the provider, such as BemMelhor's click-to-call. */
  public static ProviderRequest getThatActs(String path, Map<String, String> headers) {
    return new ProviderRequest("GET", path, headers, null, null, true);
  }

  /** A {@code POST} of {@code json}, UTF-8, as {@code application/json}. */
  public static ProviderRequest postJson(String path, Map<String, String> headers, String json) {
    return new ProviderRequest(
        "POST", path, headers, json.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  /**
   * A form POST; {@code form} is encoded as {@code application/x-www-form-urlencoded} in its order.
   */
  public static ProviderRequest postForm(
      String path, Map<String, String> headers, Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    new LinkedHashMap<>(form)
        .forEach(
            (k, v) -> {
              if (sb.length() > 0) sb.append('&');
              sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                  .append('=')
                  .append(URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8));
            });
    return new ProviderRequest(
        "POST",
        path,
        headers,
        sb.toString().getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded");
  }

  /** True for requests that may be retried without repeating an action. */
  public boolean idempotent() {
    return !acts && (method.equals("GET") || method.equals("HEAD"));
  }
}
