package org.dialbridge.servlet.widget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * C3's API as the browser tests need it, on a mockwebserver3: every originate is answered with a
 * fresh {@code actionid} (a browser may place any number of calls, so a response queue would not
 * do), except for numbers told to be {@linkplain #reject rejected}; every hang-up is accepted. Each
 * request is recorded with what it asked for.
 */
final class FakeC3 extends Dispatcher {
  static final String ORIGINATE = "/api/v1/calls/originate";
  static final String HANGUP = "/api/v1/calls/hangup";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One request C3 received: its path, the JSON body, and the actionid answered (originates only).
   */
  record Request(String method, String path, JsonNode body, String actionId) {
    String field(String name) {
      JsonNode v = body.get(name);
      return v == null ? null : v.asText();
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<String> rejected = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ids = new AtomicInteger();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
    } catch (IOException e) {
      return new MockResponse.Builder().code(400).body("{\"message\":\"bad json\"}").build();
    }
    String path = request.getTarget();
    if (path.equals(ORIGINATE)) {
      if (rejected.contains(body.path("phone").asText())) {
        requests.add(new Request(request.getMethod(), path, body, null));
        return json(422, "{\"message\":\"Agente no disponible\"}");
      }
      String actionId = "widget-" + ids.incrementAndGet();
      requests.add(new Request(request.getMethod(), path, body, actionId));
      return json(200, "{\"data\":{\"actionid\":\"" + actionId + "\"}}");
    }
    requests.add(new Request(request.getMethod(), path, body, null));
    if (path.equals(HANGUP))
      return json(200, "{\"data\":{\"actionid\":\"" + body.path("actionid").asText() + "\"}}");
    return json(404, "{\"message\":\"not found\"}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** Answers originates to {@code e164} with 422 and C3's message "Agente no disponible". */
  void reject(String e164) {
    rejected.add(e164);
  }

  /** The originates received for {@code e164}, oldest first. */
  List<Request> originatesTo(String e164) {
    return requests.stream()
        .filter(r -> r.path().equals(ORIGINATE) && e164.equals(r.field("phone")))
        .toList();
  }

  /** The actionids of every call placed so far, oldest first. */
  List<String> placed() {
    return requests.stream()
        .filter(r -> r.path().equals(ORIGINATE) && r.actionId() != null)
        .map(Request::actionId)
        .toList();
  }

  /** The hang-ups received for {@code actionId}, oldest first. */
  List<Request> hangupsOf(String actionId) {
    return requests.stream()
        .filter(r -> r.path().equals(HANGUP) && actionId.equals(r.field("actionid")))
        .toList();
  }
}
