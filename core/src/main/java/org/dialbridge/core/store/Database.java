package org.dialbridge.core.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.dialbridge.core.error.StoreUnavailableException;

/**
 * Transactions over a {@link DataSource}: all or nothing, retried a few times when the database
 * reports a transient conflict (deadlock, serialization failure, a concurrent insert of the same
 * key), and every other database failure reported as {@link StoreUnavailableException} after a
 * rollback, so a caller never sees half a write.
 */
final class Database {
  private static final System.Logger LOG = System.getLogger(Database.class.getName());
  private static final int ATTEMPTS = 5;

  /** Work inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Thrown by work that found a concurrent writer and must start over. */
  static final class Conflict extends SQLException {
    private static final long serialVersionUID = 1L;

    Conflict(String what) {
      super(what, "40001");
    }
  }

  private final DataSource dataSource;
  private final Dialect dialect;
  private final int majorVersion;

  Database(DataSource dataSource) {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection()) {
      this.dialect = Dialect.of(c);
      this.majorVersion = c.getMetaData().getDatabaseMajorVersion();
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "the call store's database cannot be reached: " + reason(e), e);
    }
  }

  /**
   * The driver's own words: a pool's "timed out waiting for a connection" carries them as its
   * cause.
   */
  private static String reason(SQLException e) {
    return e.getCause() instanceof SQLException driver ? driver.getMessage() : e.getMessage();
  }

  Dialect dialect() {
    return dialect;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /**
   * True on PostgreSQL 12 and later, which let a transaction choose how its prepared statements are
   * planned ({@code plan_cache_mode}).
   */
  boolean choosesPlanCacheMode() {
    return dialect == Dialect.POSTGRESQL && majorVersion >= 12;
  }

  <T> T inTransaction(Work<T> work) {
    return run(work, true);
  }

  /**
   * {@code work} that runs one statement, in auto-commit mode: the statement is its own
   * transaction, all or nothing as one, and retried as {@link #inTransaction} retries. It saves the
   * round trip of the commit (PostgreSQL's driver sends the {@code BEGIN} with the first
   * statement).
   */
  <T> T inOneStatement(Work<T> work) {
    return run(work, false);
  }

  private <T> T run(Work<T> work, boolean transaction) {
    SQLException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(!transaction);
        if (!transaction) return work.run(c);
        try {
          T result = work.run(c);
          c.commit();
          restoreAutoCommit(c);
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        last = e;
        if (!isTransient(e) || attempt == ATTEMPTS) break;
        backOff(attempt);
      }
    }
    throw unavailable(last);
  }

  /** Reads in auto-commit mode. */
  <T> T read(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  static boolean isDuplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState()) || e.getErrorCode() == 23505;
  }

  private static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    if (e instanceof Conflict) return true;
    if (state != null && (state.equals("40001") || state.equals("40P01"))) return true;
    // H2: concurrent update (90131), lock timeout (50200), deadlock (40001 as error code)
    int code = e.getErrorCode();
    return code == 90131 || code == 50200 || code == 40001 || isDuplicateKey(e);
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 * attempt + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Hands the connection back as it came, in auto-commit mode: a host's pool then has nothing to
   * reset, and ours nothing to roll back (H2 drops a session's parsed statements on every rollback,
   * so each transaction parsed all its SQL again). The work is committed already: a connection that
   * breaks now is the pool's to discard, not a failed transaction.
   */
  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the pool finds the connection broken and discards it
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool will discard it
    }
  }

  private static StoreUnavailableException unavailable(SQLException e) {
    LOG.log(Level.WARNING, "call store unavailable: " + e.getMessage());
    return new StoreUnavailableException("the call store is unavailable; nothing was written", e);
  }
}
