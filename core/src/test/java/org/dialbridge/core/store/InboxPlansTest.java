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
import javax.sql.DataSource;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.testing.AsIs;
import org.dialbridge.core.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whether PostgreSQL plans the applier's claim once per connection or on every call. A prepared
 * statement is planned for its parameters ("custom") five times, then kept generic unless the
 * custom plans looked cheaper: for a claim after the newest id applied, the statistics of a full
 * inbox promise a custom plan almost no rows, and it was planned again on every claim in some bench
 * runs (170–318 µs each, against 51 µs for the whole claim generic; bench/README.md, 2026-12-03).
 */
class InboxPlansTest {
  private static final Instant T0 = Instant.parse("2026-12-03T13:00:00Z");
  private static final int BACKLOG = 10_000;
  private static final int CLAIMS = 40;

  private DataSource dataSource;
  private CallStore store;

  @BeforeEach
  void open() {
    dataSource = Databases.freshPostgres();
    store = CallStore.open(dataSource, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theClaimIsNotPlannedAgainOnEveryCall() throws SQLException {
    List<Inbound> backlog = new ArrayList<>();
    for (int i = 0; i < BACKLOG; i++) backlog.add(event("backlog-" + i));
    for (int from = 0; from < BACKLOG; from += 500) {
      store.appendToInbox(backlog.subList(from, from + 500));
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE dialbridge_inbox"); // a full inbox's statistics, as autovacuum left them
    }
    while (!store.applyInbox(1_024, AsIs.APPLICATION).isEmpty()) {}

    assertThat(new Database(dataSource).choosesPlanCacheMode())
        .as("PostgreSQL 12 or later")
        .isTrue();
    Inbox inbox = new Inbox(Dialect.POSTGRESQL, true, true);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      for (int claim = 0; claim < CLAIMS; claim++) {
        inbox.appendCommitted(inbox.append(c, List.of(event("a-" + claim), event("b-" + claim))));
        c.commit();
        assertThat(inbox.take(c, 256)).hasSize(2);
        c.commit();
        inbox.takeCommitted();
      }
      long[] claims = plans(c, inbox.takeStatement());
      assertThat(claims[0] + claims[1])
          .as("the claims on its named statement (the driver names it on the fifth use)")
          .isGreaterThanOrEqualTo(CLAIMS - 5);
      assertThat(claims[1]).as("claims planned for their parameters").isZero();
      long[] appends = plans(c, inbox.appendStatement(InList.chunk(2)));
      assertThat(appends[1]).as("appends planned for their parameters").isLessThanOrEqualTo(5);
    }
  }

  /** The generic and the custom plans made of a named statement on this connection. */
  private static long[] plans(Connection c, String statement) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                + " WHERE ltrim(statement) LIKE ?")) {
      p.setString(1, statement.substring(0, 60) + "%");
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).as("a named statement: %s", statement).isTrue();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private static Inbound event(String key) {
    return new Inbound(
        "bm",
        ProviderEvent.builder(key, EventType.RINGING, "{}").providerCallId("leg-" + key).build(),
        T0);
  }
}
