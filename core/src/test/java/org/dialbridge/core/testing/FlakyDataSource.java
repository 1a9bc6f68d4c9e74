package org.dialbridge.core.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real DataSource with faults on demand: the database "down" (every connection refused), or one
 * statement failing mid-transaction. The only stand-in the store tests use, at the edge where a
 * real outage cannot be scheduled.
 */
public final class FlakyDataSource implements DataSource {
  private final DataSource real;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicReference<String> failNextStatementStartingWith = new AtomicReference<>();

  public FlakyDataSource(DataSource real) {
    this.real = real;
  }

  public void down(boolean down) {
    this.down.set(down);
  }

  /**
   * The next statement prepared whose SQL starts with {@code prefix} fails as a lost connection
   * would.
   */
  public void failNextStatement(String prefix) {
    failNextStatementStartingWith.set(prefix);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down.get()) throw new SQLException("Connection refused (test: database down)", "08001");
    Connection c = real.getConnection();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("prepareStatement")
                  && args != null
                  && args[0] instanceof String sql) {
                String prefix = failNextStatementStartingWith.get();
                if (prefix != null
                    && sql.startsWith(prefix)
                    && failNextStatementStartingWith.compareAndSet(prefix, null)) {
                  throw new SQLException(
                      "I/O error (test: connection lost mid-transaction)", "08006");
                }
              }
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
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
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
