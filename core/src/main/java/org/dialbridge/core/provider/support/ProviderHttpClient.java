package org.dialbridge.core.provider.support;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.ProviderTimeoutException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;

/**
 * The HTTP client of one configured provider (Apache HttpClient 5, one connection pool each).
 *
 * <p>Timeouts: connect and response (socket) timeouts from the configuration, plus a hard deadline
 * on the whole exchange, retries included, enforced by aborting the request, so a provider that
 * dribbles its answer byte by byte cannot hold a thread. HttpClient's automatic retries are off (by
 * default it would retry a POST that got 429 or 503 and ring the customer twice); instead an
 * idempotent GET is retried once after an I/O error, and any request is retried once when the
 * connection was never made (it provably never left). Redirects are not followed.
 *
 * <p>Transport failures become {@link ProviderException}s; HTTP statuses are left to the adapter,
 * which knows what its provider means by them.
 */
public final class ProviderHttpClient implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ProviderHttpClient.class.getName());
  private static final int MAX_BODY = 1 << 20;
  private static final String USER_AGENT =
      "Dialbridge/0.1 (+https://github.com/dialbridge/dialbridge)";

  private final String provider;
  private final String base;
  private final Duration deadline;
  private final ScheduledExecutorService scheduler;
  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;

  private ProviderHttpClient(ProviderConfig config, ScheduledExecutorService scheduler) {
    this.provider = config.name();
    String b = config.baseUri().toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.deadline = config.deadline();
    this.scheduler = scheduler;
    this.pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(config.connectTimeout()))
                    .setSocketTimeout(Timeout.of(config.responseTimeout()))
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .setTimeToLive(TimeValue.ofMinutes(5))
                    .build())
            .setMaxConnTotal(64)
            .setMaxConnPerRoute(64)
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.of(config.deadline()))
                    .setResponseTimeout(Timeout.of(config.responseTimeout()))
                    .setRedirectsEnabled(false)
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .setUserAgent(USER_AGENT)
            .build();
  }

  /**
   * A client for {@code config}'s base URL and timeouts, its deadlines run on the context's
   * scheduler.
   */
  public static ProviderHttpClient create(ProviderConfig config, ProviderContext context) {
    return new ProviderHttpClient(config, context.scheduler());
  }

  /** {@code value} encoded as one URL path segment. */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Sends {@code request} and returns the provider's answer, whatever its status.
   *
   * @throws ProviderTimeoutException when the deadline or a timeout passed
   * @throws ProviderUnavailableException when the connection failed or broke
   */
  public ProviderResponse send(ProviderRequest request) {
    long started = System.nanoTime();
    long deadlineNanos = started + deadline.toNanos();
    boolean retried = false;
    while (true) {
      try {
        ProviderResponse response = attempt(request, deadlineNanos);
        LOG.log(
            Level.DEBUG,
            () ->
                provider
                    + " "
                    + request.method()
                    + " "
                    + maskPath(request.path())
                    + " -> "
                    + response.status()
                    + " in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis()
                    + " ms");
        return response;
      } catch (DeadlineExceeded e) {
        throw new ProviderTimeoutException(
            provider,
            "deadline of " + human(deadline) + " passed",
            !request.idempotent(),
            e.getCause());
      } catch (ConnectTimeoutException | HttpHostConnectException e) {
        // the connection was never made: the request provably never left
        if (!retried && System.nanoTime() < deadlineNanos) {
          retried = true;
          continue;
        }
        if (e instanceof ConnectTimeoutException) {
          throw new ProviderTimeoutException(provider, "connect timeout", false, e);
        }
        throw new ProviderUnavailableException(provider, null, "connection refused", false, e);
      } catch (ConnectException e) {
        if (!retried && System.nanoTime() < deadlineNanos) {
          retried = true;
          continue;
        }
        throw new ProviderUnavailableException(provider, null, "connection refused", false, e);
      } catch (InterruptedIOException e) {
        // a socket (response) timeout: the request may have reached the provider
        throw new ProviderTimeoutException(
            provider, "no answer within the response timeout", !request.idempotent(), e);
      } catch (IOException e) {
        if (request.idempotent() && !retried && System.nanoTime() < deadlineNanos) {
          retried = true;
          continue;
        }
        throw new ProviderUnavailableException(
            provider, null, describe(e), !request.idempotent(), e);
      }
    }
  }

  private ProviderResponse attempt(ProviderRequest request, long deadlineNanos) throws IOException {
    HttpUriRequestBase http =
        new HttpUriRequestBase(request.method(), URI.create(base + request.path()));
    request.headers().forEach(http::addHeader);
    if (request.body() != null) {
      http.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
    }
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining <= 0) throw new DeadlineExceeded(null);
    AtomicBoolean aborted = new AtomicBoolean();
    ScheduledFuture<?> timer =
        scheduler.schedule(
            () -> {
              aborted.set(true);
              http.cancel();
            },
            remaining,
            TimeUnit.NANOSECONDS);
    try {
      return client.execute(http, ProviderHttpClient::read);
    } catch (IOException | RuntimeException e) {
      if (aborted.get()) throw new DeadlineExceeded(e);
      throw e;
    } finally {
      timer.cancel(false);
    }
  }

  private static ProviderResponse read(ClassicHttpResponse response) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : response.getHeaders()) headers.putIfAbsent(h.getName(), h.getValue());
    HttpEntity entity = response.getEntity();
    String body;
    try {
      body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8, MAX_BODY);
    } catch (org.apache.hc.core5.http.ParseException e) {
      throw new IOException("unreadable response body", e);
    }
    return new ProviderResponse(response.getCode(), headers, body);
  }

  /** Connections leased and available in this provider's pool, for health checks and leak tests. */
  public PoolStats poolStats() {
    return pool.getTotalStats();
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
    pool.close(CloseMode.GRACEFUL);
  }

  /** The request's path for logs, with digit runs that may be phone numbers masked. */
  static String maskPath(String path) {
    return path.replaceAll("\\d{3,}(\\d{4})", "•••$1");
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The request was aborted because the overall deadline passed. */
  private static final class DeadlineExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlineExceeded(Throwable cause) {
      super("deadline exceeded", cause);
    }
  }
}
