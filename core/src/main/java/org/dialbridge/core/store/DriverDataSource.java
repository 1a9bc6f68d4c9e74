package org.dialbridge.core.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.dialbridge.core.config.StoreSettings;
import org.dialbridge.core.error.ConfigException;

/**
 * Connections straight from the JDBC driver of {@code dialbridge.store.jdbc-url}, loaded through
 * the webapp's class loader (the thread's context class loader, else Dialbridge's own) and never
 * looked up in {@link DriverManager}'s registry: a servlet container may have filled that registry
 * before the webapp existed (Tomcat's {@code JreMemoryLeakPreventionListener} does, by default), so
 * a driver in {@code WEB-INF/lib} is not in it and DriverManager answers "No suitable driver".
 *
 * <p>Loading a driver class registers it with DriverManager as a side effect; {@link #close()}
 * takes back a registration this load made, so an undeployed webapp leaves none behind.
 */
final class DriverDataSource implements DataSource, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DriverDataSource.class.getName());

  /** The driver of each supported database, and the Maven artifact that holds it. */
  private record KnownDriver(String urlPrefix, String className, String artifact) {}

  private static final Map<String, KnownDriver> KNOWN =
      Map.of(
          "org.h2.Driver", new KnownDriver("jdbc:h2:", "org.h2.Driver", "com.h2database:h2"),
          "org.postgresql.Driver",
              new KnownDriver(
                  "jdbc:postgresql:", "org.postgresql.Driver", "org.postgresql:postgresql"));

  private final String url;
  private final Properties credentials = new Properties();
  private final Driver driver;
  private final boolean registeredByThisLoad;

  /**
   * H2's cache of parsed statements per connection, when the URL does not set one. H2's default, 8,
   * is fewer than the distinct statements a single placed call runs (11: the agent's lock and
   * count, two inserts, the leg, the link, the read back), so every statement was parsed again on
   * every use: 8.5% of the server's CPU and 13% of its allocation when placing calls.
   */
  static final int H2_QUERY_CACHE_SIZE = 64;

  /** Set by the pool, which also waits this long for its connection adder to stop. */
  private volatile int loginTimeoutSeconds;

  private DriverDataSource(
      String url, String user, String password, Driver driver, boolean registeredByThisLoad) {
    this.url = url;
    if (user != null) credentials.setProperty("user", user);
    if (password != null) credentials.setProperty("password", password);
    String upper = url.toUpperCase(Locale.ROOT);
    if (upper.startsWith("JDBC:H2:") && !upper.contains(";QUERY_CACHE_SIZE="))
      credentials.setProperty("QUERY_CACHE_SIZE", String.valueOf(H2_QUERY_CACHE_SIZE));
    this.driver = driver;
    this.registeredByThisLoad = registeredByThisLoad;
  }

  /**
   * Loads the driver the settings name, or the one their URL calls for.
   *
   * @throws ConfigException naming the key to fix when no driver can be chosen, found or used for
   *     the URL
   */
  static DriverDataSource of(StoreSettings settings) {
    String url = settings.jdbcUrl();
    String key =
        settings.driverClass() != null
            ? "dialbridge.store.driver-class"
            : "dialbridge.store.jdbc-url";
    String className =
        settings.driverClass() != null ? settings.driverClass() : driverClassFor(url);
    boolean registeredBefore = registered(className);
    Driver driver = instantiate(load(className, key, url), key);
    if (!acceptsUrl(driver, url)) {
      throw new ConfigException(
          "dialbridge.store.jdbc-url",
          "the JDBC driver "
              + className
              + " does not accept "
              + scheme(url)
              + " URLs; fix the URL or dialbridge.store.driver-class");
    }
    String password = settings.password() == null ? null : settings.password().reveal();
    return new DriverDataSource(
        url, settings.user(), password, driver, !registeredBefore && registered(className));
  }

  private static String driverClassFor(String url) {
    return KNOWN.values().stream()
        .filter(d -> url.startsWith(d.urlPrefix()))
        .findFirst()
        .map(KnownDriver::className)
        .orElseThrow(
            () ->
                new ConfigException(
                    "dialbridge.store.jdbc-url",
                    "Dialbridge stores calls in H2 (jdbc:h2:…) "
                        + "or PostgreSQL (jdbc:postgresql:…), not "
                        + scheme(url)
                        + "; for another driver of these databases set "
                        + "dialbridge.store.driver-class"));
  }

  private static Class<?> load(String className, String key, String url) {
    for (ClassLoader loader :
        new ClassLoader[] {
          Thread.currentThread().getContextClassLoader(), DriverDataSource.class.getClassLoader()
        }) {
      if (loader == null) continue;
      try {
        return Class.forName(className, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    String artifact =
        Optional.ofNullable(KNOWN.get(className))
            .map(KnownDriver::artifact)
            .orElse("the JAR of " + className);
    throw new ConfigException(
        key,
        "no JDBC driver for "
            + scheme(url)
            + " on the class path ("
            + className
            + " not found); add "
            + artifact
            + " to the webapp (WEB-INF/lib) or use dialbridge.store.jndi-name");
  }

  private static Driver instantiate(Class<?> type, String key) {
    if (!Driver.class.isAssignableFrom(type))
      throw new ConfigException(key, type.getName() + " is not a JDBC driver");
    try {
      return (Driver) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ConfigException(
          key, "the JDBC driver " + type.getName() + " could not be created: " + e);
    }
  }

  private static boolean acceptsUrl(Driver driver, String url) {
    try {
      return driver.acceptsURL(url);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * {@code jdbc:postgresql:}: the part of a URL that chooses the driver, without host or password.
   */
  private static String scheme(String url) {
    int second = url.indexOf(':', "jdbc:".length());
    return (second < 0 ? url : url.substring(0, second + 1)).toLowerCase(Locale.ROOT);
  }

  /** Whether DriverManager holds a driver of that class that this class loader can see. */
  private static boolean registered(String className) {
    return Collections.list(DriverManager.getDrivers()).stream()
        .anyMatch(d -> d.getClass().getName().equals(className));
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = driver.connect(url, credentials);
    if (c == null)
      throw new SQLException(
          "the JDBC driver " + driver.getClass().getName() + " refused the URL", "08001");
    return c;
  }

  /** Takes back the DriverManager registration that loading the driver made, if it made one. */
  @Override
  public void close() {
    if (!registeredByThisLoad) return;
    for (Driver registered : Collections.list(DriverManager.getDrivers())) {
      if (registered.getClass() != driver.getClass()) continue;
      try {
        DriverManager.deregisterDriver(registered);
      } catch (SQLException | SecurityException e) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "could not unregister the JDBC driver " + registered.getClass().getName() + ": " + e);
      }
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "the store's credentials are dialbridge.store.user and .password");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeoutSeconds = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) return iface.cast(this);
    throw new SQLException("not a wrapper of " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
