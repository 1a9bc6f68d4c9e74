package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The drain's probe: whether a row not parked still waits, without counting the backlog. */
class InboxProbeTest {

  @Test
  void answersWhetherAnUnparkedRowWaits() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:probe;DB_CLOSE_DELAY=-1");
        Statement s = c.createStatement()) {
      assertThat(ServerMain.Inbox.waiting(s)).isEqualTo("none");
      s.execute("CREATE TABLE dialbridge_inbox (id BIGINT PRIMARY KEY, parked_at TIMESTAMP)");
      assertThat(ServerMain.Inbox.waiting(s)).isEqualTo("0");
      s.execute("INSERT INTO dialbridge_inbox VALUES (1, CURRENT_TIMESTAMP)");
      assertThat(ServerMain.Inbox.waiting(s)).isEqualTo("0");
      assertThat(ServerMain.Inbox.inbox(s)).isEqualTo("0 1");
      s.execute("INSERT INTO dialbridge_inbox VALUES (2, NULL)");
      assertThat(ServerMain.Inbox.waiting(s)).isEqualTo("1");
      assertThat(ServerMain.Inbox.inbox(s)).isEqualTo("1 1");
    }
  }
}
