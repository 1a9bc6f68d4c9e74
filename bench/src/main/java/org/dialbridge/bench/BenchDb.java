package org.dialbridge.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.dialbridge.core.config.StoreSettings;
import org.dialbridge.core.store.CallStore;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database for one benchmark target, with Dialbridge's schema already created by
 * {@link CallStore} itself: an H2 file database (Dialbridge's default store) in its own folder, or
 * a new database in an embedded PostgreSQL (io.zonky.test) started once per run.
 */
final class BenchDb {
  enum Kind {
    H2("H2 file"),
    PG("PostgreSQL");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    static Kind parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "h2" -> H2;
        case "pg", "postgres", "postgresql" -> PG;
        default -> throw new IllegalArgumentException("unknown database " + s + " (h2 or pg)");
      };
    }
  }

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private final Kind kind;
  private final String url;
  private final String user;
  private final DataSource dataSource;

  private BenchDb(Kind kind, String url, String user, DataSource dataSource) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.dataSource = dataSource;
  }

  static BenchDb fresh(Kind kind, Path work) throws IOException, SQLException {
    BenchDb db;
    if (kind == Kind.H2) {
      Path dir = work.resolve("h2-" + COUNTER.incrementAndGet());
      deleteTree(dir);
      Files.createDirectories(dir);
      String url =
          "jdbc:h2:file:"
              + dir.toAbsolutePath().resolve("dialbridge")
              + System.getProperty("bench.h2opts", "");
      JdbcDataSource ds = new JdbcDataSource();
      // the raw baselines read with the page cache the store gives its own H2 file (64 MB)
      ds.setURL(
          url.toUpperCase(Locale.ROOT).contains(";CACHE_SIZE=") ? url : url + ";CACHE_SIZE=65536");
      db = new BenchDb(kind, url, null, ds);
    } else {
      EmbeddedPostgres pg = postgres();
      String name = "bench" + COUNTER.incrementAndGet();
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name);
        s.execute("CREATE DATABASE " + name);
      }
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setServerNames(new String[] {"127.0.0.1"});
      ds.setPortNumbers(new int[] {pg.getPort()});
      ds.setDatabaseName(name);
      ds.setUser("postgres");
      // seeding and the raw baselines; the server under test gets the plain URL below
      ds.setReWriteBatchedInserts(true);
      db =
          new BenchDb(
              kind, "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name, "postgres", ds);
    }
    CallStore.open(db.dataSource, Clock.systemUTC()).close();
    return db;
  }

  Kind kind() {
    return kind;
  }

  /** A new connection (for seeding, baselines and counting; the caller closes it). */
  Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  DataSource dataSource() {
    return dataSource;
  }

  String url() {
    return url;
  }

  /**
   * The database that holds the store's webhook inbox: an H2 file of its own beside an H2 file
   * ({@link StoreSettings#inboxFileUrl}), else this one.
   */
  BenchDb inbox() {
    String inboxUrl = StoreSettings.inboxFileUrl(url).orElse(null);
    if (inboxUrl == null) return this;
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(inboxUrl);
    return new BenchDb(kind, inboxUrl, user, ds);
  }

  /** The store's context-params for this database. */
  Map<String, String> storeConfig() {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.store.jdbc-url", url);
    // the published figures were measured with 32 connections (the hand-written pool's fixed size)
    p.put("dialbridge.store.pool-size", "32");
    if (user != null) p.put("dialbridge.store.user", user);
    return p;
  }

  /** {@code SELECT COUNT(*)} of what {@code sql} selects. */
  long count(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The server version, for the report. */
  String version() throws SQLException {
    try (Connection c = connect()) {
      return kind.label + " " + c.getMetaData().getDatabaseProductVersion().split(" ")[0];
    }
  }

  private static synchronized EmbeddedPostgres postgres() throws IOException {
    if (postgres == null) {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      // -Dbench.pgconf=key=value,key=value: server settings for a profiling run (auto_explain,
      // logs)
      for (String setting : System.getProperty("bench.pgconf", "").split(",")) {
        int eq = setting.indexOf('=');
        if (eq > 0) builder.setServerConfig(setting.substring(0, eq), setting.substring(eq + 1));
      }
      postgres = builder.start();
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting
                    }
                  },
                  "bench-postgres-stop"));
    }
    return postgres;
  }

  /** The settings of the embedded PostgreSQL that matter for write throughput, for the report. */
  static String postgresSettings() throws SQLException {
    if (postgres == null) return "";
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit',"
                    + " 'fsync', 'shared_buffers', 'max_connections') ORDER BY name")) {
      StringBuilder b = new StringBuilder();
      while (rs.next())
        b.append(b.length() == 0 ? "" : ", ")
            .append(rs.getString(1))
            .append('=')
            .append(rs.getString(2));
      return b.toString();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
