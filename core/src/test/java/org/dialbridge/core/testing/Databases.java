package org.dialbridge.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Real databases for tests: a fresh in-memory H2 database, or a fresh database in one embedded
 * PostgreSQL (io.zonky.test, its own binaries) started once per test JVM and stopped at exit.
 */
public final class Databases {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private Databases() {}

  /** The kinds of database the store runs on. */
  public enum Kind {
    H2,
    POSTGRESQL
  }

  public static DataSource fresh(Kind kind) {
    return kind == Kind.H2 ? freshH2() : freshPostgres();
  }

  public static DataSource freshH2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:t"
            + COUNTER.incrementAndGet()
            + "_"
            + UUID.randomUUID().toString().substring(0, 8)
            + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000");
    return ds;
  }

  public static synchronized DataSource freshPostgres() {
    return postgres().getDatabase("postgres", createPostgresDatabase());
  }

  /**
   * A JDBC URL (user and password included) of a fresh database in the shared embedded PostgreSQL.
   */
  public static synchronized String freshPostgresUrl() {
    return postgres().getJdbcUrl("postgres", createPostgresDatabase());
  }

  private static String createPostgresDatabase() {
    String name =
        "t"
            + COUNTER.incrementAndGet()
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (Connection c = postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return name;
  }

  /** The shared embedded PostgreSQL server. */
  public static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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
                  "embedded-postgres-stop"));
    }
    return postgres;
  }
}
