package org.dialbridge.demo.emulator;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Posts webhooks like a real provider: asynchronously, one call's events strictly in order (through
 * its {@link Channel}), retrying a transport failure, 408, 429 or 5xx up to {@value #MAX_ATTEMPTS}
 * attempts with doubling back-off, then recording the result whatever it was.
 */
final class WebhookSender {
  static final int MAX_ATTEMPTS = 4;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());

  private final HttpClient client;
  private final ScheduledExecutorService scheduler;
  private final Duration retryBackoff;
  private final Consumer<SentWebhook> recorder;

  WebhookSender(
      HttpClient client,
      ScheduledExecutorService scheduler,
      EmulatorSettings.Timing timing,
      Consumer<SentWebhook> recorder) {
    this.client = client;
    this.scheduler = scheduler;
    this.retryBackoff =
        Duration.ofMillis(Math.round(timing.retryBackoff().toMillis() * timing.scale()));
    this.recorder = recorder;
  }

  /**
   * One webhook to post.
   *
   * @param provider the configured provider name, for the record and the logs
   * @param event the event's name, for the logs
   * @param url where to post it, without credentials
   * @param headers Content-Type and any authentication
   */
  record Webhook(String provider, String event, URI url, Map<String, String> headers, String body) {
    Webhook {
      Objects.requireNonNull(provider, "provider == null");
      Objects.requireNonNull(event, "event == null");
      Objects.requireNonNull(url, "url == null");
      if (url.getRawUserInfo() != null)
        throw new IllegalArgumentException("url carries credentials");
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body == null");
    }

    /**
     * A JSON webhook authenticated by {@code X-Dialbridge-Token} when {@code token} is not null.
     */
    static Webhook json(String provider, String event, URI url, String token, String body) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      if (token != null) headers.put("X-Dialbridge-Token", token);
      return new Webhook(provider, event, url, headers, body);
    }

    /**
     * A Bandwidth callback: posted to {@code callbackUrl} without its credentials, which travel as
     * HTTP Basic instead (what Bandwidth does with {@code https://user:pass@host/…}).
     */
    static Webhook callback(String provider, String event, URI callbackUrl, String body) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json; charset=utf-8");
      String userInfo = callbackUrl.getRawUserInfo();
      if (userInfo != null) {
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        headers.put(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
      }
      return new Webhook(provider, event, withoutUserInfo(callbackUrl), headers, body);
    }

    /**
     * A Bandwidth v2 callback: posted to {@code url} with the HTTP Basic credentials the call or
     * its BXML verb was given (none when {@code user} is null).
     */
    static Webhook basic(
        String provider, String event, URI url, String user, String password, String body) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json; charset=utf-8");
      if (user != null) {
        headers.put(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (user + ":" + (password == null ? "" : password))
                            .getBytes(StandardCharsets.UTF_8)));
      }
      return new Webhook(provider, event, withoutUserInfo(url), headers, body);
    }

    private static String decode(String s) {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }

  /** {@code uri} without its {@code user:password@} part. */
  static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) return uri;
    String authority = uri.getRawAuthority();
    return URI.create(
        uri.getScheme()
            + "://"
            + authority.substring(authority.lastIndexOf('@') + 1)
            + (uri.getRawPath() == null ? "" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  /** A new ordered stream of webhooks, one per call (a Bandwidth call's legs share one). */
  Channel channel() {
    return new Channel();
  }

  /** Webhooks posted one after another: the next is sent once the previous is done with. */
  final class Channel {
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    synchronized void post(Webhook webhook) {
      post(webhook, null);
    }

    /**
     * Posts {@code webhook} in turn and hands the body of its {@code 2xx} answer to {@code answer}
     * (Bandwidth v2 reads BXML from it); an answer that never came is handed an empty body. The
     * next webhook waits until {@code answer} returned.
     */
    synchronized void post(Webhook webhook, Consumer<String> answer) {
      tail = tail.thenCompose(previous -> deliver(webhook, answer));
    }
  }

  private CompletableFuture<Void> deliver(Webhook webhook, Consumer<String> answer) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    attempt(webhook, 1, done, answer);
    return done;
  }

  private void attempt(
      Webhook webhook, int attempt, CompletableFuture<Void> done, Consumer<String> answer) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(webhook.url())
            .timeout(REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(webhook.body(), StandardCharsets.UTF_8));
    webhook.headers().forEach(request::header);
    try {
      client
          .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
          .whenComplete(
              (response, failure) -> {
                int status = response == null ? 0 : response.statusCode();
                if (retryable(status) && attempt < MAX_ATTEMPTS) {
                  retryLater(webhook, attempt, status, failure, done, answer);
                } else {
                  if (answer != null) {
                    boolean ok = status >= 200 && status < 300 && response.body() != null;
                    try {
                      answer.accept(ok ? response.body() : "");
                    } catch (RuntimeException e) {
                      LOG.log(Level.WARNING, "acting on a webhook's answer failed", e);
                    }
                  }
                  finish(webhook, status, attempt, failure, done);
                }
              });
    } catch (RejectedExecutionException | IllegalStateException closed) {
      done.complete(null);
    }
  }

  private void retryLater(
      Webhook webhook,
      int attempt,
      int status,
      Throwable failure,
      CompletableFuture<Void> done,
      Consumer<String> answer) {
    long backoff = retryBackoff.toMillis() << (attempt - 1);
    LOG.log(
        Level.DEBUG,
        () ->
            "Webhook "
                + webhook.event()
                + " for "
                + webhook.provider()
                + " failed ("
                + describe(status, failure)
                + "), attempt "
                + attempt
                + "; retrying in "
                + backoff
                + " ms");
    try {
      scheduler.schedule(
          () -> attempt(webhook, attempt + 1, done, answer), backoff, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      done.complete(null);
    }
  }

  private void finish(
      Webhook webhook, int status, int attempts, Throwable failure, CompletableFuture<Void> done) {
    SentWebhook sent =
        new SentWebhook(webhook.provider(), webhook.url(), webhook.body(), status, attempts);
    recorder.accept(sent);
    if (sent.delivered()) {
      LOG.log(
          Level.DEBUG,
          () ->
              "Webhook "
                  + webhook.event()
                  + " for "
                  + webhook.provider()
                  + " delivered: "
                  + status);
    } else {
      LOG.log(
          Level.WARNING,
          () ->
              "Webhook "
                  + webhook.event()
                  + " for "
                  + webhook.provider()
                  + " not delivered after "
                  + attempts
                  + " attempt(s): "
                  + describe(status, failure));
    }
    done.complete(null);
  }

  private static boolean retryable(int status) {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }

  private static String describe(int status, Throwable failure) {
    if (status != 0) return "HTTP " + status;
    if (failure == null) return "no response";
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause.getClass().getSimpleName();
  }

  /**
   * Stops the client's own selector thread where the JDK allows it (21+); on 17 that thread ends
   * when the client is garbage-collected, as java.net.http offers no way to close a client there.
   */
  void close() {
    try {
      HttpClient.class.getMethod("shutdownNow").invoke(client);
    } catch (ReflectiveOperationException | RuntimeException notOnThisJdk) {
      // JDK 17: nothing to do
    }
  }
}
