package org.dialbridge.core.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small blocking JDBC connection pool for {@code dialbridge.store.jdbc-url} (in a CRM the host's
 * pooled {@code DataSource} is used instead). Connections idle for more than a second are checked
 * before reuse, so a database that went away and came back is reconnected to; a caller waits at
 * most {@code acquireTimeout} for a free connection. No threads of its own.
 */
final class ConnectionPool implements DataSource, AutoCloseable {
  private static final long VALIDATE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String url;
  private final Properties credentials = new Properties();
  private final int max;
  private final long acquireTimeoutNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private final Deque<Idle> idle = new ArrayDeque<>();
  private int open;
  private boolean closed;

  private record Idle(Connection connection, long since) {}

  ConnectionPool(String url, String user, String password, int max, Duration acquireTimeout) {
    this.url = url;
    if (user != null) credentials.setProperty("user", user);
    if (password != null) credentials.setProperty("password", password);
    this.max = max;
    this.acquireTimeoutNanos = acquireTimeout.toNanos();
  }

  @Override
  public Connection getConnection() throws SQLException {
    long deadline = System.nanoTime() + acquireTimeoutNanos;
    while (true) {
      Idle candidate = null;
      boolean create = false;
      lock.lock();
      try {
        while (!closed && idle.isEmpty() && open >= max) {
          long left = deadline - System.nanoTime();
          if (left <= 0) throw new SQLException("no free database connection within the timeout", "08001");
          try {
            released.awaitNanos(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted waiting for a database connection", "08001", e);
          }
        }
        if (closed) throw new SQLException("the connection pool is closed", "08003");
        if (!idle.isEmpty()) {
          candidate = idle.pollFirst();
        } else {
          open++;
          create = true;
        }
      } finally {
        lock.unlock();
      }
      if (create) {
        try {
          return wrap(DriverManager.getConnection(url, credentials));
        } catch (SQLException | RuntimeException e) {
          forget();
          throw e;
        }
      }
      if (System.nanoTime() - candidate.since() < VALIDATE_AFTER_IDLE_NANOS || valid(candidate.connection())) {
        return wrap(candidate.connection());
      }
      discard(candidate.connection());
    }
  }

  private static boolean valid(Connection c) {
    try {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private Connection wrap(Connection real) {
    InvocationHandler handler = new InvocationHandler() {
      private boolean returned;

      @Override
      public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
          case "close" -> {
            if (!returned) {
              returned = true;
              release(real);
            }
            return null;
          }
          case "isClosed" -> {
            return returned || real.isClosed();
          }
          case "unwrap" -> {
            return ((Class<?>) args[0]).isInstance(proxy) ? proxy : real.unwrap((Class<?>) args[0]);
          }
          case "equals" -> {
            return proxy == args[0];
          }
          case "hashCode" -> {
            return System.identityHashCode(proxy);
          }
          default -> {
            if (returned) throw new SQLException("connection already returned to the pool", "08003");
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          }
        }
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private void release(Connection real) {
    boolean reusable;
    try {
      if (!real.getAutoCommit()) {
        real.rollback();
        real.setAutoCommit(true);
      }
      reusable = !real.isClosed();
    } catch (SQLException e) {
      reusable = false;
    }
    if (!reusable) {
      discard(real);
      return;
    }
    lock.lock();
    try {
      if (closed) {
        open--;
        closeQuietly(real);
      } else {
        idle.addFirst(new Idle(real, System.nanoTime()));
      }
      released.signal();
    } finally {
      lock.unlock();
    }
  }

  private void discard(Connection real) {
    closeQuietly(real);
    forget();
  }

  private void forget() {
    lock.lock();
    try {
      open--;
      released.signal();
    } finally {
      lock.unlock();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing a broken connection: nothing more to do
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      for (Idle i : idle) {
        closeQuietly(i.connection());
        open--;
      }
      idle.clear();
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
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
