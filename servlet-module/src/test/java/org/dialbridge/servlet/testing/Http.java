package org.dialbridge.servlet.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for container tests: real requests over loopback with java.net.http. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private final URI base;

  public Http(URI base) {
    this.base = base;
  }

  public URI uri(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  /** A request being built; defaults: no auth, no body. */
  public final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;

    Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Call as(String user) {
      return header("Authorization", basic(user));
    }

    /** A browser-like state-changing request: signed in, CSRF header, same origin. */
    public Call browser(String user) {
      return as(user).header("X-Dialbridge-Request", "1").header("Origin", base.getScheme() + "://" + base.getAuthority());
    }

    public Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Call json(String json) {
      header("Content-Type", "application/json");
      body = json.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    public Call body(String contentType, byte[] bytes) {
      if (contentType != null) header("Content-Type", contentType);
      body = bytes;
      return this;
    }

    public HttpResponse<String> send() {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(b::header);
      try {
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    public HttpResponse<java.io.InputStream> stream() throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
      headers.forEach(b::header);
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }
  }

  public Call get(String path) {
    return new Call("GET", path);
  }

  public Call post(String path) {
    return new Call("POST", path);
  }

  public Call method(String method, String path) {
    return new Call(method, path);
  }
}
