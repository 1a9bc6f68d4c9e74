package org.dialbridge.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.dialbridge.bench.Webhooks.PlannedCall;

/** Puts the workload's calls in the database beforehand, as Dialbridge would have placed them. */
final class CallSeeder {
  private CallSeeder() {}

  /**
   * Inserts calls {@code 0..count-1} as Dialbridge records a call it placed and the provider
   * confirmed (a live call row and its leg), in batches, straight into the schema.
   */
  static void seed(BenchDb db, long count) throws SQLException {
    Instant now = Instant.now();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement call =
              c.prepareStatement(
                  "INSERT INTO dialbridge_call (id, provider, provider_call_id, contact_id, agent,"
                      + " agent_extension, from_number, to_number, status, created_at, updated_at,"
                      + " live) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'DIALING', ?, ?, TRUE)");
          PreparedStatement leg =
              c.prepareStatement(
                  "INSERT INTO dialbridge_call_leg (provider, provider_call_id, call_id) VALUES (?,"
                      + " ?, ?)")) {
        for (long n = 0; n < count; n++) {
          PlannedCall p = PlannedCall.of(n);
          OffsetDateTime at = OffsetDateTime.ofInstant(now.minusMillis(count - n), ZoneOffset.UTC);
          call.setString(1, p.id());
          call.setString(2, p.provider());
          call.setString(3, p.providerCallId());
          call.setString(4, p.contactId());
          call.setString(5, p.agent());
          call.setString(6, p.agentExtension());
          call.setString(7, p.agentExtension());
          call.setString(8, p.to());
          call.setObject(9, at);
          call.setObject(10, at);
          call.addBatch();
          leg.setString(1, p.provider());
          leg.setString(2, p.providerCallId());
          leg.setString(3, p.id());
          leg.addBatch();
          if (n % 1000 == 999 || n == count - 1) {
            call.executeBatch();
            leg.executeBatch();
            c.commit();
          }
        }
      }
    }
  }
}
