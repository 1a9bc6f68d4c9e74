package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.dialbridge.core.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's choice of index where it has no statistics yet: tables just created, rows loaded
 * before the first start, a restore or a {@code pg_upgrade}, and autovacuum not come by (it had not
 * in the 70 s of a bench run). With an index of {@code dialbridge_event} that begins with {@code
 * provider} besides its key, the webhook path's duplicate probes scanned every event of the
 * provider (4,356 rows a probe, 54 ms for an append of 16 events; 469 webhooks/s instead of
 * 12,003/s once analyzed).
 */
class PlannerTest {
  private static final int EVENTS = 20_000;

  private DataSource dataSource;
  private CallStore store;

  @BeforeEach
  void open() {
    dataSource = Databases.freshPostgres();
    store = CallStore.open(dataSource, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theInboxAppendProbesAppliedEventsByTheirKeyWithoutStatistics() throws SQLException {
    String append = new Inbox(Dialect.POSTGRESQL).appendStatement(16);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      genericPlans(c);
      try (PreparedStatement p = c.prepareStatement("EXPLAIN " + append)) {
        for (int row = 0; row < 16; row++) bindInboxRow(p, row * 15, "new-" + row);
        String plan = plan(p);
        assertThat(indexesOf("dialbridge_event", plan)).containsOnly("dialbridge_event_key");
        assertThat(indexesOf("dialbridge_inbox", plan)).containsOnly("dialbridge_inbox_key");
        assertThat(plan).doesNotContain("Seq Scan");
      }
      c.rollback();
    }
  }

  @Test
  void theApplierTakesTheOldestEventsByTheInboxOrderWithoutStatistics() throws SQLException {
    loadABacklogIntoTheInbox();
    String take = new Inbox(Dialect.POSTGRESQL).takeStatement();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      genericPlans(c);
      try (PreparedStatement p = c.prepareStatement("EXPLAIN " + take)) {
        p.setLong(1, 0);
        p.setInt(2, 1024);
        String plan = plan(p);
        assertThat(indexesOf("dialbridge_inbox", plan)).containsOnly("dialbridge_inbox_waiting");
        assertThat(plan).contains("Tid Scan").doesNotContain("Seq Scan").doesNotContain("Sort");
      }
      c.rollback();
    }
  }

  @Test
  void theApplierProbesAppliedEventsByTheirKeyWithoutStatistics() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("EXPLAIN " + Ingestion.LOOK_UP)) {
      genericPlans(c);
      String[] providers = new String[256];
      String[] keys = new String[256];
      String[] legs = new String[256];
      for (int i = 0; i < 256; i++) {
        providers[i] = "c3";
        keys[i] = "key-" + (i * 61);
        legs[i] = "leg-" + i;
      }
      p.setArray(1, c.createArrayOf("varchar", providers));
      p.setArray(2, c.createArrayOf("varchar", keys));
      p.setArray(3, c.createArrayOf("varchar", legs));
      String plan = plan(p);
      assertThat(indexesOf("dialbridge_event", plan)).containsOnly("dialbridge_event_key");
      assertThat(plan).doesNotContain("Seq Scan");
    }
  }

  @Test
  void tablesWithRowsAndNoStatisticsAreAnalyzedOnStart() throws SQLException {
    loadEventsOfOneProvider();
    assertThat(hasStatistics("dialbridge_event")).isFalse();
    CallStore.open(dataSource, Clock.systemUTC()).close();
    assertThat(hasStatistics("dialbridge_event")).isTrue();
    assertThat(hasStatistics("dialbridge_inbox"))
        .as("an empty table is left to autovacuum")
        .isFalse();
  }

  /** Events of one provider, as a webhook path stores them, without autovacuum analysing them. */
  private void loadEventsOfOneProvider() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : List.of("dialbridge_event", "dialbridge_inbox")) {
        s.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
      }
      s.execute(
          "INSERT INTO dialbridge_event (provider, event_key, provider_call_id, type, received_at,"
              + " payload) SELECT 'c3', 'key-' || n, 'leg-' || (n / 4), 'ANSWERED', now(), '{}'"
              + " FROM generate_series(1, "
              + EVENTS
              + ") n");
    }
  }

  /** A backlog of webhook events in the inbox, without autovacuum analysing them. */
  private void loadABacklogIntoTheInbox() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE dialbridge_inbox SET (autovacuum_enabled = false)");
      s.execute(
          "INSERT INTO dialbridge_inbox (provider, event_key, provider_call_id, type, received_at,"
              + " payload) SELECT 'c3', 'key-' || n, 'leg-' || (n / 4), 'ANSWERED', now(), '{}'"
              + " FROM generate_series(1, "
              + EVENTS
              + ") n");
    }
  }

  private static void genericPlans(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET plan_cache_mode = force_generic_plan");
    }
  }

  private boolean hasStatistics(String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT COUNT(*) FROM pg_stats WHERE tablename = ?")) {
      p.setString(1, table);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }
  }

  private static void bindInboxRow(PreparedStatement p, int at, String key) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String[] text = {"c3", key, null, "leg-" + key, "ANSWERED", null, null, null};
    for (int i = 0; i < text.length; i++) p.setString(at + i + 1, text[i]);
    p.setObject(at + 9, now);
    p.setObject(at + 10, now);
    p.setString(at + 11, null);
    p.setString(at + 12, null);
    p.setString(at + 13, "{}");
    p.setString(at + 14, null);
    p.setString(at + 15, null);
  }

  private static String plan(PreparedStatement explain) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rs = explain.executeQuery()) {
      while (rs.next()) lines.add(rs.getString(1));
    }
    return String.join("\n", lines);
  }

  /** The indexes of {@code table} the plan scans, at least one. */
  private static List<String> indexesOf(String table, String plan) {
    List<String> indexes = new ArrayList<>();
    Matcher m =
        Pattern.compile("Scan (?:Backward )?using (\\S+) on " + table + "\\b").matcher(plan);
    while (m.find()) indexes.add(m.group(1));
    assertThat(indexes).as(plan).isNotEmpty();
    return indexes;
  }
}
