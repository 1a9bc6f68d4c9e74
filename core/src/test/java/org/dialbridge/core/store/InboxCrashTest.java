package org.dialbridge.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dialbridge.core.config.StoreSettings;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.testing.AsIs;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed ({@code SIGKILL}) right after the inbox said its events were stored keeps every
 * one of them: what a webhook's 2xx promises. On H2 that needs the file written before the answer:
 * H2 otherwise writes committed transactions up to a second later.
 */
class InboxCrashTest {
  private static final int BATCH = 20;

  @Test
  void everyEventAppendedBeforeAKillIsThereAfterIt(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("crm").toAbsolutePath();
    long answered = answeredUntilKilled(url, "beside");

    assertThat(
            keys(url, "SELECT event_key FROM dialbridge_inbox").stream().filter(n -> n <= answered))
        .as("events answered as stored, found after the kill")
        .hasSize((int) answered + 1);
    assertThat(Files.exists(dir.resolve("crm.mv.db"))).isTrue();
  }

  /**
   * With the inbox in its own file, applied as it fills: every event answered is in one file or the
   * other after the kill, whenever between the two files' writes it came.
   */
  @Test
  void everyEventAppendedBeforeAKillIsInOneFileAfterIt(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("crm").toAbsolutePath();
    long answered = answeredUntilKilled(url, "apart");

    List<Long> applied =
        keys(url, "SELECT event_key FROM dialbridge_event WHERE event_key LIKE 'e%'");
    List<Long> waiting =
        keys(
            StoreSettings.inboxFileUrl(url).orElseThrow(),
            "SELECT event_key FROM dialbridge_inbox");
    assertThat(applied).as("applied while appending").isNotEmpty();
    assertThat(keys(url, "SELECT event_key FROM dialbridge_inbox"))
        .as("the calls' file's own inbox table")
        .isEmpty();
    Set<Long> found = new HashSet<>(applied);
    found.addAll(waiting);
    assertThat(found.stream().filter(n -> n <= answered))
        .as("events answered as stored, applied or waiting after the kill")
        .hasSize((int) answered + 1);
    assertThat(Files.exists(dir.resolve("crm-inbox.mv.db"))).isTrue();
  }

  /** Starts a {@link Writer}, kills it after 3,000 events: the last event it was told stored. */
  private static long answeredUntilKilled(String url, String inbox) throws Exception {
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Writer.class.getName(),
                url,
                inbox)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    long answered = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String line;
      while ((line = out.readLine()) != null) {
        answered = Long.parseLong(line);
        if (answered >= 3_000 || System.nanoTime() > deadline) break;
      }
      // SIGKILL (no shutdown hook, no H2 close) by the handle, which leaves the pipe to drain
      writer.toHandle().destroyForcibly();
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      while ((line = out.readLine()) != null) answered = Long.parseLong(line);
    }
    assertThat(answered).as("events the writer was told were stored").isGreaterThan(0);
    return answered;
  }

  /** The numbers of the event keys ({@code e<n>}) that {@code sql} reads from {@code url}. */
  private static List<Long> keys(String url, String sql) throws Exception {
    JdbcDataSource reopened = new JdbcDataSource();
    reopened.setURL(url);
    List<Long> keys = new ArrayList<>();
    try (Connection c = reopened.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) keys.add(Long.parseLong(rs.getString(1).substring("e".length())));
    }
    return keys;
  }

  /**
   * Appends batches of events for ever, printing the last number of each batch once stored: with
   * {@code beside}, to a store over a DataSource (the inbox among the calls); with {@code apart},
   * to one opened by its URL (the inbox in its own file), applied meanwhile.
   */
  public static final class Writer {
    public static void main(String[] args) throws Exception {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL(args[0]);
      // open all along, as a pool keeps it: H2 closes (and writes) a database when its last
      // connection closes
      Connection held = ds.getConnection();
      CallStore store =
          "apart".equals(args[1])
              ? CallStore.open(
                  new StoreSettings(
                      args[0], null, null, null, Duration.ofHours(2), Duration.ofMinutes(1)),
                  Clock.systemUTC())
              : CallStore.open(ds, Clock.systemUTC());
      if ("apart".equals(args[1])) {
        Thread applier =
            new Thread(
                () -> {
                  while (true) {
                    if (!store.applyInbox(64, AsIs.APPLICATION).isEmpty()) continue;
                    try {
                      Thread.sleep(1);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
        applier.setDaemon(true);
        applier.start();
      }
      for (long n = 0; ; n += BATCH) {
        List<Inbound> events = new ArrayList<>(BATCH);
        for (long i = n; i < n + BATCH; i++) {
          events.add(
              new Inbound(
                  "c3",
                  ProviderEvent.builder("e" + i, EventType.RINGING, "{\"n\":" + i + "}")
                      .providerCallId("call-" + i)
                      .build(),
                  Instant.now()));
        }
        store.appendToInbox(events);
        System.out.println(n + BATCH - 1);
        System.out.flush();
        if (held.isClosed()) throw new IllegalStateException("the held connection closed");
      }
    }
  }
}
