package org.dialbridge.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
    String jdbcUrl,
    String user,
    Secret password,
    String driverClass,
    int poolSize,
    Duration connectionTimeout,
    String jndiName,
    Duration stuckAfter,
    Duration reconcileEvery) {

  public static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/dialbridge";

  /** Enough for a CRM node on a few cores: each transaction holds a connection for milliseconds. */
  public static final int DEFAULT_POOL_SIZE = 5;

  /** Short, so that a webhook is answered "retry later" well before the provider gives up. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  /** The pool refuses shorter waits. */
  public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

  /** The largest pool the configuration accepts. */
  public static final int MAX_POOL_SIZE = 200;

  /** A call with no final event this long after it was placed counts as stuck. */
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofHours(2);

  /** How often stuck calls are looked for. */
  public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofMinutes(1);

  private static final String JDBC_URL = "jdbc-url";
  private static final String JNDI_NAME = "jndi-name";
  private static final String USER = "user";
  private static final String PASSWORD = "password";
  private static final String DRIVER_CLASS = "driver-class";
  private static final String POOL_SIZE = "pool-size";
  private static final String CONNECTION_TIMEOUT = "connection-timeout";
  private static final String STUCK_AFTER = "stuck-after";
  private static final String RECONCILE_EVERY = "reconcile-every";

  public StoreSettings {
    Objects.requireNonNull(connectionTimeout, "connectionTimeout == null");
    Objects.requireNonNull(stuckAfter, "stuckAfter == null");
    Objects.requireNonNull(reconcileEvery, "reconcileEvery == null");
    if (jdbcUrl == null && jndiName == null)
      throw new IllegalArgumentException("jdbcUrl or jndiName is required");
    if (poolSize < 1) throw new IllegalArgumentException("poolSize < 1");
    if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0)
      throw new IllegalArgumentException("connectionTimeout < 250ms");
  }

  /** Settings with the default driver choice, pool size and connection timeout. */
  public StoreSettings(
      String jdbcUrl,
      String user,
      Secret password,
      String jndiName,
      Duration stuckAfter,
      Duration reconcileEvery) {
    this(
        jdbcUrl,
        user,
        password,
        null,
        DEFAULT_POOL_SIZE,
        DEFAULT_CONNECTION_TIMEOUT,
        jndiName,
        stuckAfter,
        reconcileEvery);
  }

  /**
   * Reads {@code dialbridge.store.*}: either a JDBC URL (the H2 file by default) or a JNDI name.
   */
  static StoreSettings read(Section store) {
    String url = store.text(JDBC_URL).orElse(null);
    String jndi = store.text(JNDI_NAME).orElse(null);
    if (url != null && jndi != null) {
      store.problem(
          JNDI_NAME,
          "set either " + store.key(JDBC_URL) + " or " + store.key(JNDI_NAME) + ", not both");
    }
    if (url != null && !url.startsWith("jdbc:"))
      store.problem(JDBC_URL, "'" + url + "' is not a JDBC URL");
    if (url == null && jndi == null) url = DEFAULT_JDBC_URL;
    Duration stuck = store.duration(STUCK_AFTER, DEFAULT_STUCK_AFTER);
    Duration every = store.duration(RECONCILE_EVERY, DEFAULT_RECONCILE_EVERY);
    String user = store.text(USER).orElse(null);
    Secret password = store.text(PASSWORD).map(Secret::of).orElse(null);
    String driverClass = store.text(DRIVER_CLASS).orElse(null);
    int poolSize = poolSize(store);
    Duration connectionTimeout = connectionTimeout(store);
    return new StoreSettings(
        url, user, password, driverClass, poolSize, connectionTimeout, jndi, stuck, every);
  }

  private static int poolSize(Section store) {
    Optional<String> v = store.text(POOL_SIZE);
    if (v.isEmpty()) return DEFAULT_POOL_SIZE;
    try {
      int size = Integer.parseInt(v.get());
      if (size >= 1 && size <= MAX_POOL_SIZE) return size;
    } catch (NumberFormatException e) {
      // reported below
    }
    store.problem(
        POOL_SIZE,
        "must be a number of connections from 1 to " + MAX_POOL_SIZE + ", was '" + v.get() + "'");
    return DEFAULT_POOL_SIZE;
  }

  private static Duration connectionTimeout(Section store) {
    Duration timeout = store.duration(CONNECTION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    if (timeout.compareTo(MIN_CONNECTION_TIMEOUT) >= 0) return timeout;
    store.problem(
        CONNECTION_TIMEOUT,
        "must be at least "
            + Durations.format(MIN_CONNECTION_TIMEOUT)
            + ", was "
            + Durations.format(timeout));
    return DEFAULT_CONNECTION_TIMEOUT;
  }

  /**
   * The settings of the H2 file that holds the webhook inbox when Dialbridge opens an embedded H2
   * file itself ({@link #inboxFileUrl}): the same user, password, driver and pool limits. Empty for
   * a JNDI name and every other database, whose inbox is a table among the calls.
   */
  public Optional<StoreSettings> inboxFile() {
    if (jdbcUrl == null || jndiName != null) return Optional.empty();
    return inboxFileUrl(jdbcUrl)
        .map(
            url ->
                new StoreSettings(
                    url,
                    user,
                    password,
                    driverClass,
                    poolSize,
                    connectionTimeout,
                    null,
                    stuckAfter,
                    reconcileEvery));
  }

  /**
   * Where the webhook inbox lives beside an embedded H2 file: the file's name with {@code -inbox}
   * ({@code jdbc:h2:file:./data/dialbridge} keeps it in {@code ./data/dialbridge-inbox.mv.db}),
   * with the URL's settings except {@code IFEXISTS}, so that it is created on first use. H2 writes
   * a whole database's changes at each commit, and MVStore's housekeeping of a file holds it while
   * it rewrites: kept in the calls' file, each webhook waited on the applier's pages and on that
   * housekeeping (a p99 of 64 ms to 6.8 s at half the stack's capacity; bench/README.md,
   * 2026-12-03). Empty for in-memory, server ({@code tcp:}, {@code ssl:}) and other databases.
   */
  public static Optional<String> inboxFileUrl(String jdbcUrl) {
    String prefix = "jdbc:h2:";
    if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length()))
      return Optional.empty();
    String rest = jdbcUrl.substring(prefix.length());
    int semicolon = rest.indexOf(';');
    String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
    String options = semicolon < 0 ? "" : rest.substring(semicolon);
    String path = name.regionMatches(true, 0, "file:", 0, 5) ? name.substring(5) : plainPath(name);
    if (path == null || path.isEmpty() || path.endsWith("/") || path.endsWith("\\"))
      return Optional.empty();
    StringBuilder kept = new StringBuilder();
    for (String option : options.split(";")) {
      if (option.isEmpty() || option.regionMatches(true, 0, "IFEXISTS=", 0, 9)) continue;
      kept.append(';').append(option);
    }
    return Optional.of(prefix + "file:" + path + "-inbox" + kept);
  }

  /** The path of an H2 URL naming its file without {@code file:}, else null (another kind). */
  private static String plainPath(String name) {
    if (name.startsWith("~") || name.startsWith(".") || name.startsWith("/")) return name;
    boolean drive =
        name.length() > 2
            && Character.isLetter(name.charAt(0))
            && name.charAt(1) == ':'
            && (name.charAt(2) == '/' || name.charAt(2) == '\\');
    return drive ? name : null;
  }

  @Override
  public String toString() {
    return "StoreSettings["
        + (jndiName != null ? "jndi=" + jndiName : "url=" + jdbcUrl + ", poolSize=" + poolSize)
        + (driverClass == null ? "" : ", driverClass=" + driverClass)
        + (user == null ? "" : ", user=" + user)
        + (password == null ? "" : ", password=****")
        + ", stuckAfter="
        + Durations.format(stuckAfter)
        + ", reconcileEvery="
        + Durations.format(reconcileEvery)
        + "]";
  }
}
