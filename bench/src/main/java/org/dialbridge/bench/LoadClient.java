package org.dialbridge.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The load generator's HTTP client: Apache HttpClient 5 (classic, blocking), up to one kept-alive
 * connection per sender, no retries, redirects, cookies or compression, so that every request the
 * report counts went over the wire once.
 */
final class LoadClient implements AutoCloseable {
  private final CloseableHttpClient client;

  LoadClient(int connections) {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
            .setMaxConnTotal(connections)
            .setMaxConnPerRoute(connections)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.ofSeconds(5))
                    .setSocketTimeout(Timeout.ofSeconds(60))
                    // a paced phase leaves most connections idle: the server closes them after its
                    // idle
                    // timeout, and reusing one unchecked would count the server's housekeeping as a
                    // failure
                    .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                    .build())
            .build();
    client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching()
            .evictIdleConnections(TimeValue.ofSeconds(10))
            .build();
  }

  /** POSTs {@code body} and answers the status code (the response body is read and dropped). */
  int post(URI uri, byte[] body, ContentType type, Map<String, String> headers) throws IOException {
    HttpPost post = new HttpPost(uri);
    headers.forEach(post::setHeader);
    post.setEntity(new ByteArrayEntity(body, type));
    return execute(post);
  }

  /** GETs {@code uri} and answers the status code (the response body is read and dropped). */
  int get(URI uri, Map<String, String> headers) throws IOException {
    HttpGet get = new HttpGet(uri);
    headers.forEach(get::setHeader);
    return execute(get);
  }

  /** GETs {@code uri} and answers the response body, for checks before a run. */
  String getText(URI uri, Map<String, String> headers) throws IOException {
    HttpGet get = new HttpGet(uri);
    headers.forEach(get::setHeader);
    return client.execute(
        get, response -> response.getCode() + " " + EntityUtils.toString(response.getEntity()));
  }

  /** POSTs and answers status and body, for checks before a run. */
  String postText(URI uri, byte[] body, ContentType type, Map<String, String> headers)
      throws IOException {
    HttpPost post = new HttpPost(uri);
    headers.forEach(post::setHeader);
    post.setEntity(new ByteArrayEntity(body, type));
    return client.execute(
        post,
        response ->
            response.getCode()
                + " "
                + (response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity())));
  }

  private int execute(ClassicHttpRequest request) throws IOException {
    return client.execute(
        request,
        response -> {
          EntityUtils.consume(response.getEntity());
          return response.getCode();
        });
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
