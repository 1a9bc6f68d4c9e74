package org.dialbridge.demo.emulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as a provider family sees it.
 *
 * @param path the decoded path below the family's prefix ({@code /api/v1/calls/originate})
 * @param base the family's base URL as the client addressed it ({@code
 *     http://127.0.0.1:8089/bandwidth/v1})
 */
record ApiRequest(String method, String path, String query, RecordedApiCall recorded, URI base) {
  ApiRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(recorded, "recorded == null");
    Objects.requireNonNull(base, "base == null");
  }

  Optional<String> header(String name) {
    return recorded.header(name);
  }

  String body() {
    return recorded.body();
  }

  /** The query parameters, decoded; the first value of each. */
  Map<String, String> queryParameters() {
    return decodeForm(query);
  }

  /**
   * The body as {@code application/x-www-form-urlencoded} fields, decoded; the first value of each.
   */
  Map<String, String> form() {
    return decodeForm(body());
  }

  /**
   * True when the request carries {@code Authorization: Basic <expected>}, compared in constant
   * time like a real server should.
   */
  boolean hasBasic(String expected) {
    return header("Authorization")
        .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
        .map(value -> Secrets.equal(value.substring(6).trim(), expected))
        .orElse(false);
  }

  /** {@code user:password} of an {@code Authorization: Basic} header, when it has one. */
  boolean hasBasicCredentials(String user, String password) {
    return hasBasic(
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, String> decodeForm(String encoded) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (encoded.isEmpty()) return fields;
    for (String pair : List.of(encoded.split("&"))) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      fields.putIfAbsent(name, value);
    }
    return fields;
  }
}
