package org.dialbridge.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/** The history scenario's database: years of ended calls and their events. */
final class HistorySeeder {
  private static final String[] OUTCOMES = {
    "COMPLETED", "COMPLETED", "COMPLETED", "NO_ANSWER", "BUSY", "CANCELED"
  };
  private static final String[] CAUSES = {
    "NORMAL_CLEARING", "NORMAL_CLEARING", "NORMAL_CLEARING", "NO_ANSWER", "BUSY", "CANCELED"
  };

  private HistorySeeder() {}

  /**
   * Three years of ended calls, each with its four events (placed, ringing, answered, hangup), in
   * batches straight into the schema. Calls are spread evenly over time; a fifth of them belong to
   * the thousand busy contacts. Two calls in three were wrapped up (a disposition fitting their
   * outcome and a note, one in twenty with a callback time), with the {@code WRAP_UP} event a save
   * stores: a history page reads each call's wrap-up with it.
   */
  static void seed(BenchDb db) throws SQLException {
    SplittableRandom random = new SplittableRandom(42);
    Instant now = Instant.now();
    long span = Duration.ofDays(3 * 365).toMillis();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement call =
              c.prepareStatement(
                  "INSERT INTO dialbridge_call (id, provider, provider_call_id, contact_id, agent,"
                      + " agent_extension, from_number, to_number, status, cause, raw_cause,"
                      + " created_at, answered_at, ended_at, duration_seconds, updated_at, live)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)");
          PreparedStatement event =
              c.prepareStatement(
                  "INSERT INTO dialbridge_event (provider, event_key, call_id, provider_call_id,"
                      + " type, status, cause, raw_cause, occurred_at, received_at,"
                      + " agent_extension, number, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                      + " ?, ?, ?)");
          PreparedStatement wrapUp =
              c.prepareStatement(
                  "INSERT INTO dialbridge_wrap_up (call_id, callback_agent, disposition, note,"
                      + " callback_at, wrapped_at, wrapped_by, revision) VALUES (?, ?, ?, ?, ?, ?,"
                      + " ?, 1)")) {
        for (int n = 0; n < HistoryScenario.CALLS; n++) {
          String id = new UUID(0x686973746f7279L, n).toString();
          String provider = Webhooks.PROVIDERS[n % 4];
          String providerCallId = "h-" + n;
          int pick = random.nextInt(5);
          String contact =
              n % (HistoryScenario.CALLS / 1_000) == 0
                  ? HistoryScenario.THOUSAND_CALLS
                  : "c"
                      + (pick == 0
                          ? random.nextInt(HistoryScenario.BUSY_CONTACTS)
                          : random.nextInt(HistoryScenario.CONTACTS));
          int agent = random.nextInt(Webhooks.AGENTS);
          String to = String.format(Locale.ROOT, "+5115%06d", random.nextInt(1_000_000));
          int outcome = random.nextInt(OUTCOMES.length);
          boolean answered = OUTCOMES[outcome].equals("COMPLETED");
          Instant created =
              now.minusMillis(
                  (long) ((double) span * (HistoryScenario.CALLS - n) / HistoryScenario.CALLS));
          Instant answeredAt = answered ? created.plusSeconds(8) : null;
          int duration = answered ? 20 + random.nextInt(600) : 0;
          Instant ended = answered ? answeredAt.plusSeconds(duration) : created.plusSeconds(30);
          int i = 1;
          call.setString(i++, id);
          call.setString(i++, provider);
          call.setString(i++, providerCallId);
          call.setString(i++, contact);
          call.setString(i++, "agent-" + agent);
          call.setString(i++, String.valueOf(6000 + agent));
          call.setString(i++, String.valueOf(6000 + agent));
          call.setString(i++, to);
          call.setString(i++, OUTCOMES[outcome]);
          call.setString(i++, CAUSES[outcome]);
          call.setString(i++, CAUSES[outcome]);
          call.setObject(i++, time(created));
          call.setObject(i++, answeredAt == null ? null : time(answeredAt));
          call.setObject(i++, time(ended));
          if (answered) call.setLong(i++, duration);
          else call.setNull(i++, Types.BIGINT);
          call.setObject(i, time(ended));
          call.addBatch();
          String[][] events = {
            {"PLACED", "DIALING", null, "dialbridge|placed|" + id, "{}"},
            {
              "RINGING",
              "RINGING",
              null,
              "ringing|" + providerCallId,
              "{\"event\":\"ringing\",\"callId\":\"" + providerCallId + "\"}"
            },
            answered
                ? new String[] {
                  "ANSWERED",
                  "ANSWERED",
                  null,
                  "answered|" + providerCallId,
                  "{\"event\":\"answered\",\"callId\":\"" + providerCallId + "\"}"
                }
                : new String[] {
                  "OTHER",
                  null,
                  null,
                  "other|" + providerCallId,
                  "{\"event\":\"progress\",\"callId\":\"" + providerCallId + "\"}"
                },
            {
              "HANGUP",
              OUTCOMES[outcome],
              CAUSES[outcome],
              "hangup|" + providerCallId,
              "{\"event\":\"hangup\",\"callId\":\""
                  + providerCallId
                  + "\",\"cause\":\""
                  + CAUSES[outcome]
                  + "\",\"time\":\""
                  + ended
                  + "\"}"
            }
          };
          for (int e = 0; e < events.length; e++) {
            String[] ev = events[e];
            Instant at =
                e == 0
                    ? created
                    : e == 1 ? created.plusSeconds(2) : e == 2 ? created.plusSeconds(8) : ended;
            int j = 1;
            event.setString(j++, provider);
            event.setString(j++, ev[3]);
            event.setString(j++, id);
            event.setString(j++, e == 0 ? null : providerCallId);
            event.setString(j++, ev[0]);
            event.setString(j++, ev[1]);
            event.setString(j++, ev[2]);
            event.setString(j++, ev[2]);
            event.setObject(j++, time(at));
            event.setObject(j++, time(at.plusMillis(150)));
            event.setString(j++, String.valueOf(6000 + agent));
            event.setString(j++, to);
            event.setString(j, ev[4]);
            event.addBatch();
          }
          if (n % 3 != 0) {
            String disposition =
                answered ? (n % 2 == 0 ? "connected" : "left-voicemail") : "no-answer";
            Instant wrapped = ended.plusSeconds(40);
            Instant callbackAt = n % 20 == 1 ? ended.plus(Duration.ofDays(2)) : null;
            String note = "Spoke about invoice " + n + "; send the summary by e-mail.";
            int k = 1;
            wrapUp.setString(k++, id);
            wrapUp.setString(k++, "agent-" + agent);
            wrapUp.setString(k++, disposition);
            wrapUp.setString(k++, note);
            wrapUp.setObject(k++, callbackAt == null ? null : time(callbackAt));
            wrapUp.setObject(k++, time(wrapped));
            wrapUp.setString(k, "agent-" + agent);
            wrapUp.addBatch();
            int j = 1;
            event.setString(j++, provider);
            event.setString(j++, "dialbridge|wrap-up|" + id + "|1");
            event.setString(j++, id);
            event.setString(j++, null);
            event.setString(j++, "WRAP_UP");
            event.setString(j++, null);
            event.setString(j++, null);
            event.setString(j++, null);
            event.setObject(j++, time(wrapped));
            event.setObject(j++, time(wrapped));
            event.setString(j++, null);
            event.setString(j++, null);
            event.setString(
                j,
                "{\"by\":\"agent-"
                    + agent
                    + "\",\"revision\":1,\"before\":null,\"after\":{\"disposition\":\""
                    + disposition
                    + "\"}}");
            event.addBatch();
          }
          if (n % 500 == 499 || n == HistoryScenario.CALLS - 1) {
            call.executeBatch();
            event.executeBatch();
            wrapUp.executeBatch();
            c.commit();
          }
        }
      }
    }
  }

  private static OffsetDateTime time(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
