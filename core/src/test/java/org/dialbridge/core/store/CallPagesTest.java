package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dialbridge.core.config.RateLimit;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.testing.AsIs;
import org.dialbridge.core.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where PostgreSQL writes a call's row when one of its events moves it: on the page it was on, when
 * there is room, so that none of the call's indexes gets a new entry (a HOT update).
 */
class CallPagesTest {
  private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
  private static final RateLimit LIMIT = new RateLimit(100_000, Duration.ofMinutes(1));
  private static final int CALLS = 300;

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
  void aCallAnsweredStaysOnThePageItWasPlacedOn() throws SQLException {
    List<Inbound> answered = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      String id = "call-" + i;
      Call call = Call.placed(id, "bm", "contact-" + i, "ana", "6001", "6001", "+551199990000", T0);
      CallEvent placed =
          new CallEvent(
              id, EventType.PLACED, CallStatus.DIALING, null, null, T0, T0, "placed|" + id, "{}");
      assertThat(store.insertPlaced(call, placed, LIMIT)).isTrue();
      store.linkLeg(id, "bm", "leg-" + i, true, EventInterpreter.AS_IS);
      answered.add(
          new Inbound(
              "bm",
              ProviderEvent.builder("answered|" + i, EventType.ANSWERED, "{}")
                  .status(CallStatus.ANSWERED)
                  .providerCallId("leg-" + i)
                  .occurredAt(T0.plusSeconds(5))
                  .build(),
              T0.plusSeconds(5)));
    }
    Map<String, Long> before = pages();
    store.appendToInbox(answered);
    while (!store.applyInbox(64, AsIs.APPLICATION).isEmpty()) {
      // one batch at a time, as the applier takes them
    }

    Map<String, Long> after = pages();
    long stayed =
        before.keySet().stream().filter(id -> before.get(id).equals(after.get(id))).count();
    assertThat(store.call("call-0").orElseThrow().status()).isEqualTo(CallStatus.ANSWERED);
    // 185 of 300 here (the answers of neighbouring calls come in one batch and share the room);
    // 94 with the pages full
    assertThat(stayed)
        .as("calls whose answer was written on their own page")
        .isGreaterThan(CALLS / 2);
  }

  /** Each call's page (the block of its row's ctid). */
  private Map<String, Long> pages() throws SQLException {
    Map<String, Long> pages = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, (ctid::text::point)[0] FROM dialbridge_call")) {
      while (rs.next()) pages.put(rs.getString(1), rs.getLong(2));
    }
    return pages;
  }
}
