package org.dialbridge.core.testing;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A real DataSource with faults on demand: the database "down" (every connection refused), or one
 * statement failing mid-transaction. The only stand-in the store tests use, at the edge where a
 * real outage cannot be scheduled.
 */
public final class FlakyDataSource extends ConnectionWrapper {
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
              return invoke(c, method, args);
            });
  }
}
