package org.dialbridge.core.config;

import java.time.Duration;
import java.util.Objects;
import org.dialbridge.core.spi.Secret;

/**
 * Where call history lives: a JDBC URL (default: an H2 file under {@code ./data}) or the host's
 * {@code DataSource} by JNDI name; and when a call with no final event counts as stuck.
 */
public record StoreSettings(
    String jdbcUrl, String user, Secret password, String jndiName, Duration stuckAfter, Duration reconcileEvery) {

  public static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/dialbridge";

  public StoreSettings {
    Objects.requireNonNull(stuckAfter, "stuckAfter == null");
    Objects.requireNonNull(reconcileEvery, "reconcileEvery == null");
    if (jdbcUrl == null && jndiName == null) throw new IllegalArgumentException("jdbcUrl or jndiName is required");
  }

  @Override
  public String toString() {
    return "StoreSettings[" + (jndiName != null ? "jndi=" + jndiName : "url=" + jdbcUrl)
        + (user == null ? "" : ", user=" + user) + (password == null ? "" : ", password=****")
        + ", stuckAfter=" + Durations.format(stuckAfter) + ", reconcileEvery=" + Durations.format(reconcileEvery) + "]";
  }
}
