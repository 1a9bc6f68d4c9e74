package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dialbridge.core.config.StoreSettings;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.testing.AsIs;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store opened by an H2 file's URL keeps its webhook inbox in a file of its own. */
class InboxFileTest {
  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

  @TempDir Path dir;

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("crm").toAbsolutePath() + ";DB_CLOSE_DELAY=0";
  }

  private CallStore open() {
    return CallStore.open(
        new StoreSettings(url(), null, null, null, Duration.ofHours(2), Duration.ofMinutes(1)),
        Clock.systemUTC());
  }

  private static Inbound ringing(String provider, String key) {
    return new Inbound(
        provider,
        ProviderEvent.builder(key, EventType.RINGING, "{\"key\":\"" + key + "\"}")
            .providerCallId("leg-" + key)
            .build(),
        T0);
  }

  /** An application for which provider {@code gone} is no longer configured. */
  private static final InboxApplication GONE_IS_POISON =
      new InboxApplication() {
        @Override
        public EventInterpreter interpreter(String provider) {
          if (provider.equals("gone"))
            throw new IllegalStateException("no provider 'gone' is configured");
          return EventInterpreter.AS_IS;
        }

        @Override
        public String contactForNewCall(String provider, ProviderEvent event) {
          return null;
        }
      };

  @Test
  void eventsWaitInTheInboxFileAndLeaveItWhenApplied() throws SQLException {
    try (CallStore store = open()) {
      assertThat(store.appendToInbox(List.of(ringing("c3", "a"), ringing("c3", "b"))))
          .containsExactly(true, true);

      assertThat(keys(inboxUrl(), "dialbridge_inbox")).containsExactly("a", "b");
      assertThat(keys(url(), "dialbridge_inbox")).isEmpty();
      assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(2, 0));
      assertThat(store.oldestPending()).contains(T0);

      assertThat(store.applyInbox(100, AsIs.APPLICATION)).hasSize(2);

      assertThat(keys(inboxUrl(), "dialbridge_inbox")).isEmpty();
      assertThat(keys(url(), "dialbridge_event")).containsExactly("a", "b");
      assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(0, 0));
      store.ping();
    }
    assertThat(dir.resolve("crm-inbox.mv.db")).exists();
  }

  @Test
  void aRedeliveryIsNotAppendedWhetherWaitingOrApplied() {
    try (CallStore store = open()) {
      store.appendToInbox(List.of(ringing("c3", "a")));
      store.applyInbox(100, AsIs.APPLICATION);
      store.appendToInbox(List.of(ringing("c3", "b")));

      assertThat(
              store.appendToInbox(
                  List.of(ringing("c3", "a"), ringing("c3", "b"), ringing("c3", "c"))))
          .containsExactly(false, false, true);
      assertThat(store.appendToInbox(List.of(ringing("c3", "a")))).containsExactly(false);
      assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(2, 0));
    }
  }

  @Test
  void aPoisonEventIsParkedInTheInboxFileAndCanBeRetried() {
    try (CallStore store = open()) {
      store.appendToInbox(List.of(ringing("c3", "a"), ringing("gone", "b"), ringing("c3", "c")));

      assertThat(store.applyInbox(100, GONE_IS_POISON))
          .extracting(a -> a.event().eventKey())
          .containsExactly("a", "c");
      assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(0, 1));
      ParkedEvent parked = store.parkedEvents(10).get(0);
      assertThat(parked.eventKey()).isEqualTo("b");
      assertThat(parked.error()).contains("no provider 'gone' is configured");

      assertThat(store.retryParked(parked.id())).isTrue();
      assertThat(store.applyInbox(100, AsIs.APPLICATION)).hasSize(1);
      assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(0, 0));
    }
  }

  /**
   * A calls' file from before the inbox had its own: what waited in its inbox, and what was parked
   * there, moves to the inbox file in its order on the first start, and nothing is applied twice.
   */
  @Test
  void theInboxOfAnEarlierVersionMovesToItsFileInOrder() throws SQLException {
    JdbcDataSource calls = new JdbcDataSource();
    calls.setURL(url());
    try (CallStore earlier = CallStore.open(calls, Clock.systemUTC())) {
      earlier.appendToInbox(List.of(ringing("c3", "a")));
      earlier.applyInbox(100, AsIs.APPLICATION);
      earlier.appendToInbox(List.of(ringing("gone", "b"), ringing("c3", "c"), ringing("c3", "d")));
      earlier.applyInbox(1, GONE_IS_POISON); // parks b
    }
    assertThat(keys(url(), "dialbridge_inbox")).containsExactly("b", "c", "d");

    try (CallStore store = open()) {
      assertThat(keys(url(), "dialbridge_inbox")).isEmpty();
      assertThat(keys(inboxUrl(), "dialbridge_inbox")).containsExactly("b", "c", "d");
      assertThat(store.inboxCounts()).isEqualTo(new InboxCounts(2, 1));
      assertThat(store.parkedEvents(10))
          .singleElement()
          .satisfies(p -> assertThat(p.error()).contains("no provider 'gone' is configured"));
      assertThat(store.appendToInbox(List.of(ringing("c3", "a"), ringing("c3", "c"))))
          .containsExactly(false, false);

      assertThat(store.applyInbox(100, AsIs.APPLICATION))
          .extracting(a -> a.event().eventKey())
          .containsExactly("c", "d");
    }
    assertThat(keys(url(), "dialbridge_event")).containsExactly("a", "c", "d");
  }

  @Test
  void aStoreOverADataSourceKeepsItsInboxAmongTheCalls() throws SQLException {
    JdbcDataSource calls = new JdbcDataSource();
    calls.setURL(url());
    try (CallStore store = CallStore.open(calls, Clock.systemUTC())) {
      store.appendToInbox(List.of(ringing("c3", "a")));
      assertThat(keys(url(), "dialbridge_inbox")).containsExactly("a");
    }
    assertThat(Files.exists(dir.resolve("crm-inbox.mv.db"))).isFalse();
  }

  private String inboxUrl() {
    return StoreSettings.inboxFileUrl(url()).orElseThrow();
  }

  /** The event keys of {@code table} in the H2 file at {@code url}, in id order. */
  private static List<String> keys(String url, String table) throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    List<String> keys = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT event_key FROM "
                    + table
                    + " WHERE event_key NOT LIKE 'dialbridge|%' ORDER BY id")) {
      while (rs.next()) keys.add(rs.getString(1));
    }
    return keys;
  }
}
