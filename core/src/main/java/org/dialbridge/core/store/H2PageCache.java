package org.dialbridge.core.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The pages of an H2 file that H2 keeps in memory, for a database Dialbridge opens by its own JDBC
 * URL. H2's default is 16 MB: a call history of a million events over 100,000 contacts did not fit,
 * and 74% of a history request's CPU went to H2 finding pages in that cache, evicting others and
 * reading them again from the file (profile in bench/README.md). A URL that sets {@code CACHE_SIZE}
 * keeps its own; so does a database whose cache is larger already. The cache is the database's,
 * shared by its connections, and grows only as pages are read.
 */
final class H2PageCache {
  private static final System.Logger LOG = System.getLogger(H2PageCache.class.getName());

  /** H2 1.4's default, which H2 2 lowered to 16 MB. */
  static final int MEGABYTES = 64;

  /** H2's error for a user who is not an admin: the database then runs with its own cache. */
  private static final int ADMIN_RIGHTS_REQUIRED = 90040;

  private H2PageCache() {}

  /** Sets the cache of the H2 database at {@code url} to {@link #MEGABYTES}, where it may. */
  static void enlarge(DataSource dataSource, String url) {
    String upper = url.toUpperCase(Locale.ROOT);
    if (!upper.startsWith("JDBC:H2:") || upper.startsWith("JDBC:H2:MEM:")) return; // no file
    if (upper.contains(";CACHE_SIZE=")) return;
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      if (megabytes(s) >= MEGABYTES) return;
      s.execute("SET CACHE_SIZE " + MEGABYTES * 1024);
    } catch (SQLException e) {
      // any other failure (the database cannot be reached): the store's first connection, right
      // after this, reports it to the host
      if (e.getErrorCode() != ADMIN_RIGHTS_REQUIRED) return;
      LOG.log(
          Level.INFO,
          "Dialbridge left H2's page cache as it was: the store's user is not an H2 admin, who"
              + " may size it (SET CACHE_SIZE, in kB)");
    }
  }

  /** The database's page cache now, in MB. */
  static int megabytes(Statement s) throws SQLException {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
      return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
    }
  }
}
