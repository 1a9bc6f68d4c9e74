package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.dialbridge.core.config.RateLimit;
import org.dialbridge.core.config.StoreSettings;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.spi.Secret;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store over {@code dialbridge.store.jdbc-url}, as a webapp in a servlet container opens it:
 * the JDBC driver sits in the webapp's class loader and DriverManager may never have heard of it
 * (Tomcat fills DriverManager's registry before any webapp starts).
 */
class JdbcUrlStoreTest {
  private static final Clock CLOCK = Clock.systemUTC();

  private static String freshUrl(Databases.Kind kind) {
    return kind == Databases.Kind.H2
        ? "jdbc:h2:mem:url-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
        : Databases.freshPostgresUrl();
  }

  private static StoreSettings settings(Map<String, String> store) {
    return TestConfig.region("BR")
        .provider("bm", "bemmelhor", "http://pbx.example.com:3030")
        .setAll(store)
        .parse()
        .store();
  }

  private static StoreSettings settings(String url) {
    return settings(Map.of("dialbridge.store.jdbc-url", url));
  }

  private static List<String> poolThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(JdbcPool.NAME))
        .toList();
  }

  /**
   * The pool's threads still alive after a second: a stopped executor's threads take a moment to
   * return.
   */
  private static List<String> poolThreadsAfterAMoment() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (!poolThreads().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
    return poolThreads();
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void opensOverTheJdbcUrlAndCloseStopsThePoolsThreads(Databases.Kind kind) throws Exception {
    CallStore store = CallStore.open(settings(freshUrl(kind)), CLOCK);
    try {
      assertThat(store.schemaVersion()).isEqualTo(8);
      store.ping();
      assertThat(poolThreads()).as("the pool's threads are named after it").isNotEmpty();
    } finally {
      store.close();
    }
    assertThat(poolThreadsAfterAMoment()).as("threads left once the store closed").isEmpty();
  }

  /**
   * H2 keeps 8 parsed statements per connection by default, fewer than one placed call runs, so
   * each was parsed again on every use; the pool asks for more unless the URL says otherwise.
   */
  @Test
  void h2KeepsEnoughParsedStatementsUnlessTheUrlSetsItsOwn() throws SQLException {
    String url = freshUrl(Databases.Kind.H2);
    try (DriverDataSource dataSource = DriverDataSource.of(settings(url))) {
      assertThat(queryCacheSize(dataSource)).isEqualTo(DriverDataSource.H2_QUERY_CACHE_SIZE);
    }
    String own = "jdbc:h2:mem:url-" + UUID.randomUUID() + ";query_cache_size=5";
    try (DriverDataSource dataSource = DriverDataSource.of(settings(own))) {
      assertThat(queryCacheSize(dataSource)).isEqualTo(5);
    }
  }

  /**
   * H2 keeps 16 MB of a file's pages in memory by default, too few for a history of a million
   * events; the store asks for more unless the URL sets its own, and a user who is not an H2 admin
   * (who may not) still opens the store.
   */
  @Test
  void anH2FileGetsALargerPageCacheUnlessTheUrlSetsItsOwn(@TempDir Path dir) throws Exception {
    String file = "jdbc:h2:file:" + dir.resolve("cache");
    try (CallStore store = CallStore.open(settings(file), CLOCK)) {
      assertThat(pageCacheMegabytes(file, "", "")).isEqualTo(H2PageCache.MEGABYTES);
    }
    String own = "jdbc:h2:file:" + dir.resolve("own") + ";CACHE_SIZE=8192";
    try (CallStore store = CallStore.open(settings(own), CLOCK)) {
      assertThat(pageCacheMegabytes(own, "", "")).isEqualTo(8);
    }
    String shared = "jdbc:h2:file:" + dir.resolve("shared");
    try (java.sql.Connection admin = DriverManager.getConnection(shared, "sa", "");
        java.sql.Statement s = admin.createStatement()) {
      s.execute("CREATE USER crm PASSWORD 'crm-pass'");
      s.execute("GRANT ALTER ANY SCHEMA TO crm");
      int before = pageCacheMegabytes(shared, "sa", "");
      Map<String, String> asCrm =
          Map.of(
              "dialbridge.store.jdbc-url", shared,
              "dialbridge.store.user", "crm",
              "dialbridge.store.password", "crm-pass");
      try (CallStore store = CallStore.open(settings(asCrm), CLOCK)) {
        assertThat(store.schemaVersion()).isEqualTo(8);
      }
      assertThat(pageCacheMegabytes(shared, "sa", "")).isEqualTo(before);
    }
  }

  private static int pageCacheMegabytes(String url, String user, String password)
      throws SQLException {
    try (java.sql.Connection c = DriverManager.getConnection(url, user, password);
        java.sql.Statement s = c.createStatement()) {
      return H2PageCache.megabytes(s);
    }
  }

  private static int queryCacheSize(DataSource dataSource) throws SQLException {
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
      assertThat(rs.next()).as("H2 lists the setting").isTrue();
      return Integer.parseInt(rs.getString(1));
    }
  }

  /**
   * A host's start-up may meet a slow first connection (an H2 file being created, a database busy
   * with every webapp starting at once). That one connection waits as long as the driver needs;
   * only requests are held to {@code connection-timeout}. Before, the pool's 250 ms here stopped
   * the start.
   */
  @Test
  void aFirstConnectionSlowerThanTheRequestTimeoutStillStartsTheStore() {
    Map<String, String> store =
        Map.of(
            "dialbridge.store.jdbc-url",
            freshUrl(Databases.Kind.H2),
            "dialbridge.store.driver-class",
            SlowH2Driver.class.getName(),
            "dialbridge.store.connection-timeout",
            "250ms");
    try (CallStore opened = CallStore.open(settings(store), CLOCK)) {
      assertThat(opened.schemaVersion()).isEqualTo(8);
    }
  }

  /** H2's driver, taking 700 ms to connect. */
  public static final class SlowH2Driver extends org.h2.Driver {
    @Override
    public java.sql.Connection connect(String url, java.util.Properties info) throws SQLException {
      try {
        Thread.sleep(700);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.connect(url, info);
    }
  }

  /**
   * An agent's first call needs the agent's lock row. Created inside the placing transaction, it
   * took a second pooled connection, so as many agents' first calls at once as the pool has
   * connections waited out the pool's timeout and answered 503. One connection is the sharpest
   * case.
   */
  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void anAgentsFirstCallNeedsOnlyOneConnection(Databases.Kind kind) {
    Map<String, String> store =
        Map.of(
            "dialbridge.store.jdbc-url",
            freshUrl(kind),
            "dialbridge.store.pool-size",
            "1",
            "dialbridge.store.connection-timeout",
            "250ms");
    try (CallStore opened = CallStore.open(settings(store), CLOCK)) {
      Instant now = CLOCK.instant();
      Call call =
          Call.placed("c-first", "bm", "42", "new-agent", "6009", "6009", "+5511999999999", now);
      CallEvent placed =
          new CallEvent(
              call.id(),
              EventType.PLACED,
              CallStatus.DIALING,
              null,
              null,
              now,
              now,
              "dialbridge|placed|" + call.id(),
              "{}");

      assertThat(
              opened
                  .insertPlaced(call, placed, new RateLimit(10, Duration.ofMinutes(1)), true)
                  .outcome())
          .isEqualTo(Placement.Outcome.PLACED);
    }
  }

  /**
   * Tomcat's situation: DriverManager knows no H2 or PostgreSQL driver, and the webapp's class
   * loader (the thread's context class loader) has one. DriverManager would answer "No suitable
   * driver".
   */
  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void findsTheDriverThroughTheContextClassLoaderWhenDriverManagerHasNone(Databases.Kind kind)
      throws Exception {
    String url = freshUrl(kind);
    Class<?> driverClass =
        kind == Databases.Kind.H2 ? org.h2.Driver.class : org.postgresql.Driver.class;
    List<Driver> hidden = unregisterAll(driverClass.getName());
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader webapp =
        new URLClassLoader(
            new URL[] {location(driverClass)}, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> DriverManager.getConnection(url))
          .as("the bug this guards against")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("No suitable driver");
      Thread.currentThread().setContextClassLoader(webapp);
      try (CallStore store = CallStore.open(settings(url), CLOCK)) {
        assertThat(store.schemaVersion()).isEqualTo(8);
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
      for (Driver d : hidden) DriverManager.registerDriver(d);
    }
  }

  private static List<Driver> unregisterAll(String className) throws SQLException {
    List<Driver> removed = new ArrayList<>();
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      if (d.getClass().getName().equals(className)) {
        DriverManager.deregisterDriver(d);
        removed.add(d);
      }
    }
    return removed;
  }

  @Test
  void aDriverMissingFromTheClassPathIsOneMessageNamingTheKeyAndTheArtifact() throws Exception {
    try (URLClassLoader withoutPostgres = isolatedCore(true, false)) {
      Throwable failure = openIsolated(withoutPostgres, "jdbc:postgresql://127.0.0.1:1/crm");
      assertThat(failure.getClass().getName()).isEqualTo(ConfigException.class.getName());
      assertThat(failure.getMessage())
          .isEqualTo(
              "Dialbridge configuration: dialbridge.store.jdbc-url: no JDBC driver for"
                  + " jdbc:postgresql: on the class path (org.postgresql.Driver not found); add"
                  + " org.postgresql:postgresql to the webapp (WEB-INF/lib) or use"
                  + " dialbridge.store.jndi-name");
    }
  }

  @Test
  void aHostThatHandsItsOwnDataSourceNeedsNoHikariCp() throws Exception {
    try (URLClassLoader withoutHikari = isolatedCore(false, true)) {
      assertThatThrownBy(() -> withoutHikari.loadClass("com.zaxxer.hikari.HikariDataSource"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> store = withoutHikari.loadClass(CallStore.class.getName());
      Object opened =
          store
              .getMethod("open", DataSource.class, Clock.class)
              .invoke(null, Databases.freshH2(), CLOCK);
      assertThat(store.getMethod("schemaVersion").invoke(opened)).isEqualTo(8);
      store.getMethod("close").invoke(opened);
    }
  }

  @Test
  void aUrlOfAnotherDatabaseNamesTheKeyThatTakesItsDriver() {
    assertThatThrownBy(() -> CallStore.open(settings("jdbc:mysql://db/crm"), CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Dialbridge configuration: dialbridge.store.jdbc-url: Dialbridge stores calls in H2"
                + " (jdbc:h2:…) or PostgreSQL (jdbc:postgresql:…), not jdbc:mysql:; for another"
                + " driver of these databases set dialbridge.store.driver-class");
  }

  @Test
  void anExplicitDriverClassThatIsMissingNamesItsOwnKey() {
    assertThatThrownBy(
            () ->
                CallStore.open(
                    settings(
                        Map.of(
                            "dialbridge.store.jdbc-url",
                            "jdbc:h2:mem:x",
                            "dialbridge.store.driver-class",
                            "com.example.NoSuchDriver")),
                    CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "Dialbridge configuration: dialbridge.store.driver-class: no JDBC driver for jdbc:h2:"
                + " on the class path");
  }

  @Test
  void anExplicitDriverClassIsUsed() {
    StoreSettings s =
        settings(
            Map.of(
                "dialbridge.store.jdbc-url",
                "jdbc:h2:mem:explicit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "dialbridge.store.driver-class",
                "org.h2.Driver"));
    try (CallStore store = CallStore.open(s, CLOCK)) {
      assertThat(store.schemaVersion()).isEqualTo(8);
    }
  }

  @Test
  void poolSizeAndConnectionTimeoutAreReadAndChecked() {
    StoreSettings s =
        settings(
            Map.of(
                "dialbridge.store.pool-size", "3", "dialbridge.store.connection-timeout", "500ms"));
    assertThat(s.poolSize()).isEqualTo(3);
    assertThat(s.connectionTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings(Map.of()).poolSize()).isEqualTo(StoreSettings.DEFAULT_POOL_SIZE);
    assertThatThrownBy(
            () ->
                settings(
                    Map.of(
                        "dialbridge.store.pool-size",
                        "0",
                        "dialbridge.store.connection-timeout",
                        "10ms")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "dialbridge.store.pool-size: must be a number of connections from 1 to 200, was '0'")
        .hasMessageContaining("dialbridge.store.connection-timeout: must be at least 250ms");
  }

  @Test
  void anUnreachableDatabaseIsReportedInTheDriversWordsWithinTheConnectionTimeout()
      throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    StoreSettings s =
        settings(
            Map.of(
                "dialbridge.store.jdbc-url",
                "jdbc:postgresql://127.0.0.1:" + port + "/crm",
                "dialbridge.store.connection-timeout",
                "300ms"));
    assertThatThrownBy(() -> CallStore.open(s, CLOCK))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith("the call store's database cannot be reached: ")
        .hasMessageContaining("Connection to 127.0.0.1:" + port + " refused")
        .hasMessageNotContaining("dialbridge-store - Connection is not available");
    assertThat(poolThreadsAfterAMoment()).as("a pool that could not start is closed").isEmpty();
  }

  // ---------------------------------------------------------------- a core on a class path of our
  // choosing

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  /**
   * Dialbridge's core in a class loader of its own, with or without HikariCP and H2, never with
   * PostgreSQL.
   */
  private static URLClassLoader isolatedCore(boolean withHikari, boolean withH2)
      throws ClassNotFoundException {
    // core and its required dependency Jackson (a wrap-up's change is stored as JSON)
    List<URL> path =
        new ArrayList<>(
            List.of(
                location(CallStore.class),
                location(com.fasterxml.jackson.databind.JsonNode.class),
                location(com.fasterxml.jackson.core.JsonFactory.class),
                location(com.fasterxml.jackson.annotation.JsonInclude.class)));
    if (withHikari) {
      path.add(location(com.zaxxer.hikari.HikariDataSource.class));
      path.add(location(Class.forName("org.slf4j.LoggerFactory")));
    }
    if (withH2) path.add(location(org.h2.Driver.class));
    return new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /**
   * Opens the store over {@code jdbcUrl} inside {@code loader}, as the thread's context class
   * loader, and returns what it threw.
   */
  private static Throwable openIsolated(ClassLoader loader, String jdbcUrl) throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Class<?> settings = loader.loadClass(StoreSettings.class.getName());
      Object store =
          settings
              .getConstructor(
                  String.class,
                  String.class,
                  loader.loadClass(Secret.class.getName()),
                  String.class,
                  Duration.class,
                  Duration.class)
              .newInstance(jdbcUrl, null, null, null, Duration.ofHours(2), Duration.ofMinutes(1));
      Object opened =
          loader
              .loadClass(CallStore.class.getName())
              .getMethod("open", settings, Clock.class)
              .invoke(null, store, CLOCK);
      ((AutoCloseable) opened).close();
      throw new AssertionError("the store opened");
    } catch (InvocationTargetException e) {
      return e.getCause();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
