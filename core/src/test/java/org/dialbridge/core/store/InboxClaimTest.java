package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.testing.AsIs;
import org.dialbridge.core.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the applier's claim reads on PostgreSQL once many events went through the inbox and vacuum
 * has not come by: the index entries of deleted rows stay until it does (autovacuum visits a table
 * at most once a minute), and a claim that walked them from the inbox's first id cost PostgreSQL
 * more than all the other statements of a webhook together (bench/README.md, 2026-12-03).
 */
class InboxClaimTest {
  private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
  private static final int EVENTS = 10_000;

  private DataSource dataSource;
  private CallStore store;

  @BeforeEach
  void open() throws SQLException {
    dataSource = Databases.freshPostgres();
    store = CallStore.open(dataSource, Clock.fixed(T0, ZoneOffset.UTC));
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE dialbridge_inbox SET (autovacuum_enabled = false)");
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aClaimDoesNotReadTheEntriesOfTheEventsAppliedBeforeIt() throws SQLException {
    List<Inbound> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) events.add(event("e" + i));
    for (int from = 0; from < EVENTS; from += 500) {
      store.appendToInbox(events.subList(from, from + 500));
    }
    analyze(); // statistics of a full inbox, as autovacuum leaves them under load
    int applied = 0;
    List<Applied> batch;
    while (!(batch = store.applyInbox(1_024, AsIs.APPLICATION)).isEmpty()) applied += batch.size();
    assertThat(applied).isEqualTo(EVENTS);
    store.appendToInbox(List.of(event("the next one")));

    long from = store.inboxClaimsStartAfter();
    assertThat(from).as("after the newest event applied").isGreaterThanOrEqualTo(EVENTS);
    int fromTheBeginning = buffersOfAClaim(0);
    int claim = buffersOfAClaim(from);

    assertThat(fromTheBeginning)
        .as("a claim from the inbox's first id walks the entries left of %d events", EVENTS)
        .isGreaterThan(40);
    // 10 against 76 pages here: its own few, planning's few, not the dead entries
    assertThat(claim).isLessThan(fromTheBeginning / 4);
  }

  /**
   * The pages (buffers) planning and running one claim of 256 events after {@code id} read, the
   * second time on a connection (the first also reads the catalogs).
   */
  private int buffersOfAClaim(long id) throws SQLException {
    String take = new Inbox(Dialect.POSTGRESQL).takeStatement();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      int buffers = 0;
      for (int time = 0; time < 2; time++) {
        try (PreparedStatement p = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + take)) {
          p.setLong(1, id);
          p.setInt(2, 256);
          List<String> lines = new ArrayList<>();
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) lines.add(rs.getString(1));
          }
          String plan = String.join("\n", lines);
          assertThat(plan).contains("rows=1 loops=1").doesNotContain("Seq Scan");
          int planning = plan.indexOf("Planning:");
          // the top node's buffers hold its children's
          buffers = 0;
          Matcher m = BUFFERS.matcher(planning < 0 ? plan : plan.substring(0, planning));
          while (m.find()) buffers = Math.max(buffers, Integer.parseInt(m.group(1)));
          if (planning >= 0) {
            Matcher planned = BUFFERS.matcher(plan.substring(planning));
            if (planned.find()) buffers += Integer.parseInt(planned.group(1));
          }
        } finally {
          c.rollback();
        }
      }
      return buffers;
    }
  }

  private static final Pattern BUFFERS = Pattern.compile("Buffers: shared hit=(\\d+)");

  private void analyze() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE dialbridge_inbox");
    }
  }

  private static Inbound event(String key) {
    return new Inbound(
        "bm",
        ProviderEvent.builder(key, EventType.RINGING, "{}").providerCallId("leg-" + key).build(),
        T0);
  }
}
