package org.dialbridge.core.spi;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook delivery as received: the raw body bytes (signatures are verified on these), the
 * content type and the headers (names case-insensitive).
 */
public final class WebhookRequest {
  private final String contentType;
  private final byte[] body;
  private final Map<String, List<String>> headers;

  public WebhookRequest(String contentType, byte[] body, Map<String, List<String>> headers) {
    Objects.requireNonNull(body, "body == null");
    this.contentType = contentType;
    this.body = body.clone();
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.headers = copy;
  }

  /** A JSON delivery without headers, for tests and the generic format. */
  public static WebhookRequest json(String body) {
    return new WebhookRequest("application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public String contentType() {
    return contentType;
  }

  /** The media type without parameters, lower case ({@code application/json}), or empty. */
  public String mediaType() {
    if (contentType == null) return "";
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  public byte[] body() {
    return body.clone();
  }

  /** The body decoded with the content type's charset (UTF-8 when none or unknown). */
  public String bodyText() {
    return new String(body, charset());
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private Charset charset() {
    if (contentType != null) {
      for (String part : contentType.split(";")) {
        String p = part.strip();
        if (p.regionMatches(true, 0, "charset=", 0, 8)) {
          try {
            return Charset.forName(p.substring(8).replace("\"", "").strip());
          } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
