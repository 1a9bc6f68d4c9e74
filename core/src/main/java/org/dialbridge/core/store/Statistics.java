package org.dialbridge.core.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * On PostgreSQL, analyzes Dialbridge's tables that hold rows but have no planner statistics:
 * restored from a dump, after {@code pg_upgrade}, or loaded before the first start. Without them
 * PostgreSQL plans for tables it takes to be tiny, and keeps those plans for the life of each
 * pooled connection; autovacuum comes by later, at its own pace (not within a 70 s bench run here).
 * Analyzing samples each table (30,000 rows at the default target) and blocks no reads or writes.
 */
final class Statistics {
  private static final System.Logger LOG = System.getLogger(Statistics.class.getName());

  private static final String MISSING =
      "SELECT t.tablename FROM pg_tables t WHERE t.schemaname = current_schema()"
          + " AND t.tablename LIKE 'dialbridge\\_%' AND NOT EXISTS (SELECT 1 FROM pg_stats s"
          + " WHERE s.schemaname = t.schemaname AND s.tablename = t.tablename) ORDER BY 1";

  private Statistics() {}

  /** Analyzes what {@link Statistics} says; a table it may not analyze is named and left. */
  static void analyzeWhereMissing(Connection c, Dialect dialect) throws SQLException {
    if (dialect != Dialect.POSTGRESQL) return; // H2 analyzes a table itself every 2,000 changes
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(MISSING)) {
      while (rs.next()) tables.add(rs.getString(1));
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true); // each table's statistics kept as it is analyzed
    try {
      for (String table : tables) analyze(c, table);
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static void analyze(Connection c, String table) {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
        if (!rs.next()) return; // nothing to sample: autovacuum analyzes it once it fills
      }
      s.execute("ANALYZE " + table);
      LOG.log(
          Level.INFO,
          "Dialbridge analyzed " + table + ": it held rows but PostgreSQL had no statistics");
    } catch (SQLException e) {
      LOG.log(
          Level.WARNING,
          "Dialbridge could not analyze "
              + table
              + " (it has no planner statistics; run ANALYZE as its owner): "
              + e.getMessage());
    }
  }
}
