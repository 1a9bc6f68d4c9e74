package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a provider family answers.
 *
 * @param afterResponse run once the response has been written, so that a call's first webhook can
 *     never overtake the response that tells the caller the call's id
 */
record Reply(
    int status,
    String contentType,
    String body,
    Map<String, String> headers,
    Runnable afterResponse) {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain;charset=utf-8";

  Reply {
    Objects.requireNonNull(body, "body == null");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(afterResponse, "afterResponse == null");
  }

  static Reply json(int status, JsonNode body) {
    return new Reply(status, JSON, Json.write(body), Map.of(), () -> {});
  }

  static Reply text(int status, String body) {
    return new Reply(status, TEXT, body, Map.of(), () -> {});
  }

  static Reply empty(int status) {
    return new Reply(status, null, "", Map.of(), () -> {});
  }

  static Reply notFound() {
    return text(404, "Not Found");
  }

  static Reply methodNotAllowed() {
    return text(405, "Method Not Allowed");
  }

  Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, contentType, body, copy, afterResponse);
  }

  Reply then(Runnable afterResponse) {
    return new Reply(status, contentType, body, headers, afterResponse);
  }
}
