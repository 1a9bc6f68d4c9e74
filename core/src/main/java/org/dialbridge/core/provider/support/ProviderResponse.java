package org.dialbridge.core.provider.support;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A provider's answer: status, headers (names case-insensitive) and the body as text. */
public record ProviderResponse(int status, Map<String, String> headers, String body) {

  public ProviderResponse {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) copy.putAll(headers);
    headers = Collections.unmodifiableMap(copy);
    body = body == null ? "" : body;
  }

  /** The first value of header {@code name}, any case; empty when the answer has none. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** True for a 2xx status. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }
}
