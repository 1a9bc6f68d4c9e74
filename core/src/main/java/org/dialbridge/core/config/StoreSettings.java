package org.dialbridge.core.config;

import java.time.Duration;
import java.util.Objects;
import org.dialbridge.core.spi.Secret;

/**
 * Where call history lives: a JDBC URL (default: an H2 file under {@code ./data}) that Dialbridge
 * pools itself, or the host's {@code DataSource} by JNDI name; and when a call with no final event
 * counts as stuck.
 *
 * @param driverClass the JDBC driver for {@code jdbcUrl}, or null to choose it from the URL
 * @param poolSize at most this many connections to {@code jdbcUrl}
 * @param connectionTimeout how long a caller waits for a connection before the store counts as down
 */
public record StoreSettings(
    String jdbcUrl, String user, Secret password, String driverClass, int poolSize, Duration connectionTimeout,
    String jndiName, Duration stuckAfter, Duration reconcileEvery) {

  public static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/dialbridge";
  /** Enough for a CRM node on a few cores: each transaction holds a connection for milliseconds. */
  public static final int DEFAULT_POOL_SIZE = 5;
  /** Short, so that a webhook is answered "retry later" well before the provider gives up. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(1);
  /** The pool refuses shorter waits. */
  public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

  public StoreSettings {
    Objects.requireNonNull(connectionTimeout, "connectionTimeout == null");
    Objects.requireNonNull(stuckAfter, "stuckAfter == null");
    Objects.requireNonNull(reconcileEvery, "reconcileEvery == null");
    if (jdbcUrl == null && jndiName == null) throw new IllegalArgumentException("jdbcUrl or jndiName is required");
    if (poolSize < 1) throw new IllegalArgumentException("poolSize < 1");
    if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) throw new IllegalArgumentException("connectionTimeout < 250ms");
  }

  /** Settings with the default driver choice, pool size and connection timeout. */
  public StoreSettings(String jdbcUrl, String user, Secret password, String jndiName, Duration stuckAfter,
      Duration reconcileEvery) {
    this(jdbcUrl, user, password, null, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT, jndiName, stuckAfter,
        reconcileEvery);
  }

  @Override
  public String toString() {
    return "StoreSettings[" + (jndiName != null ? "jndi=" + jndiName : "url=" + jdbcUrl + ", poolSize=" + poolSize)
        + (driverClass == null ? "" : ", driverClass=" + driverClass)
        + (user == null ? "" : ", user=" + user) + (password == null ? "" : ", password=****")
        + ", stuckAfter=" + Durations.format(stuckAfter) + ", reconcileEvery=" + Durations.format(reconcileEvery) + "]";
  }
}
