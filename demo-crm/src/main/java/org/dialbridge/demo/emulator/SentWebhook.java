package org.dialbridge.demo.emulator;

import java.net.URI;
import java.util.Objects;

/**
 * One webhook the emulator finished sending (delivered, refused, or given up after its retries).
 *
 * @param provider the configured provider name it was sent for ({@code c3}, {@code bandwidth}, …)
 * @param url where it was posted, without any credentials the callback URL carried
 * @param body the JSON body
 * @param status the HTTP status of the last attempt, {@code 0} when no attempt got a response
 * @param attempts how many times it was posted
 */
public record SentWebhook(String provider, URI url, String body, int status, int attempts) {
  public SentWebhook {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(body, "body == null");
    if (attempts < 1) throw new IllegalArgumentException("attempts < 1: " + attempts);
  }

  /** True when the receiver answered 2xx. */
  public boolean delivered() {
    return status >= 200 && status < 300;
  }
}
