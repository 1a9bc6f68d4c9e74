package org.dialbridge.core.testing;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A real DataSource that counts what its connections send the database: each statement executed (a
 * JDBC batch as one, as the drivers send it) and each commit or rollback. On a database across a
 * socket each is a round trip, so a count tells what a code path costs in waiting without timing it
 * (timings on a shared machine are noise).
 */
public final class CountingDataSource extends ConnectionWrapper {
  private static final Set<String> EXECUTES =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

  private final DataSource real;
  private final Map<String, Integer> bySql = new TreeMap<>();
  private int total;

  public CountingDataSource(DataSource real) {
    this.real = real;
  }

  /** Round trips since the last {@link #reset}. */
  public synchronized int roundTrips() {
    return total;
  }

  /** The round trips since the last {@link #reset}, by statement (its first words). */
  public synchronized Map<String, Integer> bySql() {
    return new TreeMap<>(bySql);
  }

  public synchronized void reset() {
    bySql.clear();
    total = 0;
  }

  private synchronized void count(String sql) {
    String oneLine = sql.replaceAll("\\s+", " ").strip();
    String shown = oneLine.length() > 50 ? oneLine.substring(0, 50) : oneLine;
    bySql.merge(shown, 1, Integer::sum);
    total++;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = real.getConnection();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("commit") || name.equals("rollback")) count(name.toUpperCase());
              Object result = invoke(c, method, args);
              if (result instanceof PreparedStatement p
                  && args != null
                  && args[0] instanceof String)
                return statement(p, PreparedStatement.class, (String) args[0]);
              if (result instanceof Statement s && name.equals("createStatement"))
                return statement(s, Statement.class, null);
              return result;
            });
  }

  private <T extends Statement> T statement(T real, Class<T> type, String preparedSql) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (EXECUTES.contains(method.getName())) {
                count(
                    preparedSql != null
                        ? preparedSql
                        : args != null && args[0] instanceof String sql ? sql : "?");
              }
              return invoke(real, method, args);
            }));
  }
}
