package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Dialbridge's side in tests: a JDK HTTP server on a free loopback port that keeps every webhook it
 * is sent.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> scriptedBodies = new ConcurrentLinkedQueue<>();

  /** One webhook as it arrived. */
  record Received(String method, String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name);
    }

    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    /** The generic event's or Bandwidth's event name, or the documented event's. */
    String event() {
      JsonNode json = json();
      return json.has("eventType") ? json.get("eventType").asText() : json.get("event").asText();
    }
  }

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  headers,
                  new String(body, StandardCharsets.UTF_8)));
          String scriptedBody = scriptedBodies.poll();
          if (scriptedBody != null) {
            byte[] bytes = scriptedBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml;charset=UTF-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
            return;
          }
          Integer status = scriptedStatuses.poll();
          exchange.sendResponseHeaders(status == null ? 204 : status, -1);
          exchange.close();
        });
    server.start();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Answers the next webhooks with these statuses, then 204 again. */
  void respondWith(Integer... statuses) {
    scriptedStatuses.addAll(List.of(statuses));
  }

  /** Answers the next webhooks {@code 200} with these XML bodies (BXML), before any status. */
  void respondWithXml(String... bodies) {
    scriptedBodies.addAll(List.of(bodies));
  }

  /** The next webhook, waiting up to 5 s. */
  Received take() {
    try {
      Received next = received.poll(5, TimeUnit.SECONDS);
      if (next == null) fail("no webhook arrived within 5 s");
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next {@code count} webhooks, in arrival order. */
  List<Received> take(int count) {
    List<Received> webhooks = new ArrayList<>();
    for (int i = 0; i < count; i++) webhooks.add(take());
    return webhooks;
  }

  /** Fails if any webhook arrives within {@code quiet}. */
  void expectNothingFor(Duration quiet) {
    try {
      Received next = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(next).as("unexpected webhook").isNull();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
