package org.dialbridge.servlet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tests' one HTTP client: real requests over loopback with java.net.http, no redirects
 * followed. {@code new Http(base)} shares one client and keeps no cookies (a script, a provider);
 * {@link #withCookies} keeps its own cookie jar, as one browser does.
 */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** HTTP/1.1 only, as a provider's adapter talks to its API: no h2c upgrade offered. */
  private static final HttpClient HTTP_1_1 =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final URI base;
  private final HttpClient client;

  public Http(URI base) {
    this(base, CLIENT);
  }

  private Http(URI base, HttpClient client) {
    this.base = base;
    this.client = client;
  }

  /** A client of its own over HTTP/1.1 with a cookie jar: a session signed in stays signed in. */
  public static Http withCookies(URI base) {
    return new Http(
        base,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager())
            .build());
  }

  /** A request to an absolute {@code uri} over HTTP/1.1, keeping no cookies. */
  public static Call to(String method, URI uri) {
    return new Http(uri, HTTP_1_1).new Call(method, uri);
  }

  public URI uri(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /** Basic credentials whose password is the user name, as the test hosts sign in. */
  public static String basic(String user) {
    return basic(user, user);
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The response's body read as JSON; not JSON fails naming the status and the body. */
  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  /** A request being built; defaults: no auth, no body. */
  public final class Call {
    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;

    Call(String method, URI uri) {
      this.method = method;
      this.uri = uri;
    }

    public Call as(String user) {
      return header("Authorization", basic(user));
    }

    /** A browser-like state-changing request: signed in, CSRF header, same origin. */
    public Call browser(String user) {
      return as(user)
          .header("X-Dialbridge-Request", "1")
          .header("Origin", base.getScheme() + "://" + base.getAuthority());
    }

    public Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Headers as name, value, name, value ... */
    public Call headers(String... namesAndValues) {
      if (namesAndValues.length % 2 != 0)
        throw new IllegalArgumentException("headers come in name-value pairs");
      for (int i = 0; i < namesAndValues.length; i += 2)
        header(namesAndValues[i], namesAndValues[i + 1]);
      return this;
    }

    public Call json(String json) {
      header("Content-Type", "application/json");
      body = json.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    public Call body(String contentType, String text) {
      return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An HTML form's body, {@code application/x-www-form-urlencoded}. */
    public Call form(Map<String, String> fields) {
      return body(
          "application/x-www-form-urlencoded",
          fields.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&")));
    }

    public Call body(String contentType, byte[] bytes) {
      if (contentType != null) header("Content-Type", contentType);
      body = bytes;
      return this;
    }

    public HttpResponse<String> send() {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(20))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(b::header);
      try {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    public HttpResponse<java.io.InputStream> stream() throws IOException, InterruptedException {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
      headers.forEach(b::header);
      return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }
  }

  public Call get(String path) {
    return new Call("GET", uri(path));
  }

  public Call post(String path) {
    return new Call("POST", uri(path));
  }

  public Call method(String method, String path) {
    return new Call(method, uri(path));
  }
}
