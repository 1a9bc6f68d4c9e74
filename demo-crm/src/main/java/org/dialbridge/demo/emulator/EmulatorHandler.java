package org.dialbridge.demo.emulator;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Records every request, hands it to the provider family whose prefix it falls under (404 when
 * none), and writes that family's {@link Reply}, running its after-response step once it is sent.
 */
final class EmulatorHandler extends Handler.Abstract {
  private static final System.Logger LOG = System.getLogger(EmulatorHandler.class.getName());

  private final Map<String, ProviderApi> apisByPrefix;
  private final Consumer<RecordedApiCall> recorder;

  EmulatorHandler(Map<String, ProviderApi> apisByPrefix, Consumer<RecordedApiCall> recorder) {
    this.apisByPrefix = Map.copyOf(apisByPrefix);
    this.recorder = recorder;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    HttpURI uri = request.getHttpURI();
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    String body = Content.Source.asString(request, StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
    }
    RecordedApiCall recorded = new RecordedApiCall(request.getMethod(), path, query, headers, body);
    recorder.accept(recorded);

    String prefix =
        apisByPrefix.keySet().stream()
            .filter(p -> path.equals(p) || path.startsWith(p + "/"))
            .findFirst()
            .orElse(null);
    Reply reply = Reply.notFound();
    if (prefix != null) {
      String authority =
          uri.getAuthority() != null
              ? uri.getAuthority()
              : Request.getServerName(request) + ":" + Request.getServerPort(request);
      URI base = URI.create(uri.getScheme() + "://" + authority + prefix);
      reply =
          answer(
              apisByPrefix.get(prefix),
              new ApiRequest(
                  request.getMethod(), path.substring(prefix.length()), query, recorded, base));
    }
    int status = reply.status();
    // paths may hold phone numbers (BemMelhor's /api/call/{ext}/{target}): log the family only
    LOG.log(
        Level.DEBUG,
        () ->
            request.getMethod() + " " + (prefix == null ? "(no family)" : prefix) + " → " + status);
    write(reply, response, callback);
    return true;
  }

  private static Reply answer(ProviderApi api, ApiRequest request) {
    try {
      return api.handle(request);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Emulated provider API failed", e);
      return Reply.text(500, "Internal Server Error");
    }
  }

  private static void write(Reply reply, Response response, Callback callback) {
    response.setStatus(reply.status());
    if (reply.contentType() != null)
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    reply.headers().forEach(response.getHeaders()::put);
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(
        true,
        ByteBuffer.wrap(bytes),
        Callback.from(
            () -> {
              callback.succeeded();
              reply.afterResponse().run();
            },
            callback::failed));
  }
}
