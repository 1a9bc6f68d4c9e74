package org.dialbridge.hosts;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Someone talking to the host over HTTP: a browser with its session cookie, or a script with HTTP
 * Basic; never following redirects, so a redirect shows as one.
 */
final class Visitor {
  private static final Pattern CSRF_FIELD =
      Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private String basic;

  Visitor(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  String origin() {
    return base;
  }

  /** Signs in with HTTP Basic on every request. */
  Visitor basic(String user, String password) {
    basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * Signs in as the host's login page asks: its CSRF token and session from GET /login, then POST
   * /login.
   */
  HttpResponse<String> formLogin(String user, String password) throws Exception {
    HttpResponse<String> page = get("/login", "text/html");
    Matcher token = CSRF_FIELD.matcher(page.body());
    if (!token.find()) throw new AssertionError("no CSRF field on the login page:\n" + page.body());
    String form =
        "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
    return send(
        request("/login")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  HttpResponse<String> get(String path, String accept) throws Exception {
    return send(request(path).header("Accept", accept).GET());
  }

  /** The widget's request: JSON, X-Dialbridge-Request: 1 and the page's own Origin. */
  HttpResponse<String> widgetPost(String path, String json) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .header("X-Dialbridge-Request", "1")
            .header("Origin", base)
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> post(
      String path, String contentType, String accept, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", contentType)
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return send(b);
  }

  /** The lines of an event stream, as they arrive. */
  HttpResponse<Stream<String>> stream(String path) throws Exception {
    return http.send(
        request(path).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofLines());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (basic != null) b.header("Authorization", basic);
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
