package org.dialbridge.core.store;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Calls moved on one node, told to the others at once on PostgreSQL: every transaction that moves
 * calls sends a {@code NOTIFY} (delivered at its commit, several in one transaction as one), and
 * each node's watchers {@code LISTEN} on one connection of their own. They still poll, less
 * urgently: a notice lost with its connection costs one poll interval, never a change.
 *
 * <p>The PostgreSQL driver is reached by reflection: Dialbridge compiles against JDBC only, and a
 * host on H2 need not have the driver.
 */
final class ChangeNotices implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ChangeNotices.class.getName());
  private static final String CHANNEL = "dialbridge_calls";

  /** The statement that tells other nodes, at commit, that its transaction moved calls. */
  static final String NOTIFY = "NOTIFY " + CHANNEL;

  private static final String PG_CONNECTION = "org.postgresql.PGConnection";
  private static final int WAIT_MILLIS = 500;
  private static final long RETRY_MILLIS = 1_000;

  private final DataSource source;
  private final Runnable onNotice;
  private final Thread thread;
  private volatile boolean closed;

  private ChangeNotices(DataSource source, Runnable onNotice) {
    this.source = source;
    this.onNotice = onNotice;
    this.thread = new Thread(this::run, "dialbridge-listen");
    thread.setDaemon(true);
    thread.start();
  }

  /** Tells other nodes, at commit, that this transaction moved calls. */
  static void send(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(NOTIFY);
    }
  }

  /**
   * Runs {@code onNotice} on a thread of its own whenever a node (this one included) committed a
   * transaction that moved calls.
   *
   * @param source connections to the store's PostgreSQL database; one is held while listening
   */
  static ChangeNotices listen(DataSource source, Runnable onNotice) {
    return new ChangeNotices(source, onNotice);
  }

  private void run() {
    while (!closed) {
      try (Connection c = source.getConnection()) {
        c.setAutoCommit(true);
        Method notifications = notifications(c);
        Object pg = c.unwrap(notifications.getDeclaringClass());
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        // changes made while no connection listened: the watchers look once
        onNotice.run();
        while (!closed) {
          Object[] notices = (Object[]) notifications.invoke(pg, WAIT_MILLIS);
          if (notices != null && notices.length > 0) onNotice.run();
        }
      } catch (ReflectiveOperationException e) {
        LOG.log(
            Level.INFO,
            "PostgreSQL change notices unavailable (" + e + "); other nodes' changes are polled");
        return;
      } catch (SQLException | RuntimeException e) {
        if (closed) return;
        LOG.log(Level.DEBUG, "listening for change notices failed, retrying: " + e.getMessage());
        sleep();
      }
    }
  }

  /** {@code PGConnection.getNotifications(int)}, from whichever class loader has the driver. */
  private static Method notifications(Connection c)
      throws SQLException, ReflectiveOperationException {
    for (ClassLoader loader :
        new ClassLoader[] {
          c.getClass().getClassLoader(),
          Thread.currentThread().getContextClassLoader(),
          ChangeNotices.class.getClassLoader()
        }) {
      if (loader == null) continue;
      Class<?> pg;
      try {
        pg = Class.forName(PG_CONNECTION, false, loader);
      } catch (ClassNotFoundException e) {
        continue;
      }
      if (c.isWrapperFor(pg)) return pg.getMethod("getNotifications", int.class);
    }
    throw new ClassNotFoundException(PG_CONNECTION + " behind " + c.getClass().getName());
  }

  private void sleep() {
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(2 * WAIT_MILLIS + RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
