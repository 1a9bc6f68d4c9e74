package org.dialbridge.demo.emulator;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request the emulator received, as it arrived, for tests to assert on.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the decoded path, prefix included ({@code /c3/api/v1/calls/originate})
 * @param query the raw query string, {@code ""} when there is none
 * @param headers every header (names compared without regard to case)
 * @param body the body as UTF-8 text, {@code ""} when there is none
 */
public record RecordedApiCall(
    String method, String path, String query, Map<String, List<String>> headers, String body) {
  public RecordedApiCall {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first value of header {@code name}, if the request had it. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
