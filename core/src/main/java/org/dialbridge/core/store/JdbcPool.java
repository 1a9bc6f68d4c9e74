package org.dialbridge.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.dialbridge.core.config.StoreSettings;

/**
 * The connection pool for {@code dialbridge.store.jdbc-url}: HikariCP over a {@link
 * DriverDataSource}. HikariCP checks a connection idle for more than half a second before handing
 * it out, so a database that went away and came back is reconnected to; a caller waits at most
 * {@code dialbridge.store.connection-timeout} for a connection, after which the store counts as
 * down (503 and {@code Retry-After}). Its threads are named {@value #NAME}… and {@link #close()}
 * stops them with every connection.
 *
 * <p>Only this class refers to HikariCP, so a host that hands Dialbridge its own {@code DataSource}
 * (JNDI or {@code Dialbridge.builder(…).dataSource(…)}) may leave HikariCP off its class path.
 */
final class JdbcPool implements AutoCloseable {
  static final String NAME = "dialbridge-store";

  private final DriverDataSource driver;
  private final Housekeeper housekeeper;
  private final HikariDataSource pool;

  private JdbcPool(DriverDataSource driver, Housekeeper housekeeper, HikariDataSource pool) {
    this.driver = driver;
    this.housekeeper = housekeeper;
    this.pool = pool;
  }

  /**
   * @throws org.dialbridge.core.error.ConfigException when the driver cannot be found or used
   */
  static JdbcPool open(StoreSettings settings) {
    return open(settings, NAME);
  }

  /** A pool whose threads are named {@code name}… (the inbox's H2 file has one of its own). */
  static JdbcPool open(StoreSettings settings, String name) {
    DriverDataSource driver = DriverDataSource.of(settings);
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setDataSource(driver);
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(settings.connectionTimeout().toMillis());
    // One attempt at construction, as slow as the driver needs: the first connection may create an
    // H2 file or meet a busy database at a host's start-up, and must not fail on the 1 s a request
    // waits. A database that cannot be reached starts the pool anyway; the store's first query then
    // reports it in the driver's own words.
    config.setInitializationFailTimeout(0);
    config.setExceptionOverride(new H2ConnectionLoss());
    Housekeeper housekeeper = new Housekeeper(name);
    config.setScheduledExecutor(housekeeper);
    return new JdbcPool(driver, housekeeper, new HikariDataSource(config));
  }

  /**
   * HikariCP's housekeeping thread, ours rather than its own so that {@link #close()} can wait
   * until it has ended: HikariCP only asks its own to stop, and Tomcat reports a webapp's thread
   * that is still alive after undeploy as a memory leak.
   */
  private static final class Housekeeper extends ScheduledThreadPoolExecutor {
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    Housekeeper(String name) {
      super(1);
      setThreadFactory(
          task -> {
            Thread thread = new Thread(task, name + ":housekeeper");
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
          });
      setRemoveOnCancelPolicy(true);
      setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void stopAndWait() throws InterruptedException {
      shutdownNow();
      for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  /**
   * H2 reports a lost server or a closed database with its own codes rather than SQLState 08…,
   * which is all HikariCP knows to evict on: without this a broken connection reused within half a
   * second of its last use would be handed out again and again after the database is back.
   */
  private static final class H2ConnectionLoss implements SQLExceptionOverride {
    /** CONNECTION_BROKEN_1, DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN. */
    private static final Set<Integer> CODES = Set.of(90067, 90098, 90121);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
      return CODES.contains(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
  }

  DataSource dataSource() {
    return pool;
  }

  /** Connections of their own, outside the pool (a listening connection is held for ever). */
  DataSource unpooled() {
    return driver;
  }

  @Override
  public void close() {
    pool.close();
    try {
      housekeeper.stopAndWait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    driver.close();
  }
}
