package org.dialbridge.hosts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * C3's API on loopback, as far as placing a call goes: {@code POST /api/v1/calls/originate} is
 * answered {@code {"data":{"actionid":"..."}}} with a fresh action id, as C3 documents. The JDK's
 * own server: Spring Boot's BOM manages okhttp at a version mockwebserver3 cannot run on.
 */
final class FakeC3 implements AutoCloseable {
  /** One originate C3 received: its body and the actionid answered. */
  record Originate(String body, String authorization, String actionId) {}

  private final HttpServer server;
  private final List<Originate> originates = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  FakeC3() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Originate> originates() {
    return originates;
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (exchange.getRequestURI().getPath().equals("/api/v1/calls/originate")) {
      String actionId = "boot-" + ids.incrementAndGet();
      originates.add(
          new Originate(body, exchange.getRequestHeaders().getFirst("Authorization"), actionId));
      send(exchange, 200, "{\"data\":{\"actionid\":\"" + actionId + "\"}}");
    } else {
      send(exchange, 404, "{\"message\":\"not found\"}");
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
