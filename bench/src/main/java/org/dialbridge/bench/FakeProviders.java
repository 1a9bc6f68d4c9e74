package org.dialbridge.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The four providers on loopback, each answering at once with its documented success: C3's
 * originate ({@code data.actionid}), BemMelhor's click-to-call ({@code data.callId}), Bandwidth's
 * create call and transfer ({@code 201} with the leg in {@code Location}; a transfer of leg {@code
 * c-N} creates {@code c-N-b}) and uContact's AgentCall (the GUID as text). Jetty 12 core, no
 * servlet layer, so the fake costs as little as possible.
 */
final class FakeProviders extends Handler.Abstract implements AutoCloseable {
  static final String C3_ORIGINATE = "/api/v1/calls/originate";
  static final String BANDWIDTH_USER = "u-bench";

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final AtomicLong ids = new AtomicLong();

  FakeProviders() throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(this);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>} */
  String base() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    String text = Content.Source.asString(request, StandardCharsets.UTF_8);
    long id = ids.incrementAndGet();
    if (method.equals("POST") && path.equals(C3_ORIGINATE)) {
      json(
          response,
          callback,
          200,
          "{\"message\":\"Llamada generada\",\"data\":{\"actionid\":\"api_" + id + "\"}}");
    } else if (method.equals("POST") && path.equals("/api/v1/calls/hangup")) {
      json(response, callback, 200, "{\"message\":\"Llamada colgada\",\"data\":{}}");
    } else if (method.equals("GET") && path.startsWith("/api/call/")) {
      String hex = Long.toHexString(0x6583e35a00000000L + id);
      json(
          response,
          callback,
          200,
          "{\"apiStatus\":\"CONECTION_OK\",\"created\":\"2021-01-06T18:07:10.888+0000\",\"data\":"
              + "{\"key\":\""
              + hex
              + "\",\"status\":\"IN_PROGRESS\",\"created\":\"2021-01-06T18:07:10.915+0000\","
              + "\"from\":\"6001\","
              + "\"to\":\"032999999999\",\"error\":null,\"callId\":\""
              + hex
              + "\",\"serverMessage\":null}}");
    } else if (method.equals("POST") && path.startsWith("/v1/users/" + BANDWIDTH_USER + "/calls")) {
      String calls = base() + "/v1/users/" + BANDWIDTH_USER + "/calls/";
      String rest = path.substring(("/v1/users/" + BANDWIDTH_USER + "/calls").length());
      if (rest.isEmpty() || rest.equals("/")) {
        created(response, callback, calls + "c-" + id);
      } else if (text.contains("\"transferring\"")) {
        created(response, callback, calls + rest.substring(1) + "-b");
      } else {
        response.setStatus(200);
        callback.succeeded();
      }
    } else if (method.equals("POST") && path.equals("/Integra/resources/Agents/AgentCall")) {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
      response.write(
          true,
          ByteBuffer.wrap(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII)),
          callback);
    } else {
      response.setStatus(404);
      callback.succeeded();
    }
    return true;
  }

  private static void json(Response response, Callback callback, int status, String json) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static void created(Response response, Callback callback, String location) {
    response.setStatus(201);
    response.getHeaders().put(HttpHeader.LOCATION, location);
    callback.succeeded();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
