package org.dialbridge.core.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook inbox in an H2 file of its own, beside the calls' file ({@link
 * org.dialbridge.core.config.StoreSettings#inboxFileUrl}). A webhook's group commit then writes
 * only the inbox's pages, and never waits on the applier's or on the calls' file housekeeping.
 *
 * <p>Nothing spans the two files, so the order of writes keeps every event: the applier takes
 * events in a transaction of the inbox file, applies them in one of the calls' file, writes that
 * file to disk, and only then commits the inbox's (the events leave it). A crash in between leaves
 * them in the inbox; applied again, each meets its stored self (the events' unique key) and does
 * nothing. An append leaves out the events stored already, read from the calls' file first.
 */
final class InboxFile {
  private static final System.Logger LOG = System.getLogger(InboxFile.class.getName());

  /** Rows moved per transaction from a calls' file written by an earlier version. */
  private static final int MOVE_CHUNK = 500;

  private static final String COLUMNS =
      "provider, event_key, echoed_call_id, provider_call_id, type, status, cause, raw_cause,"
          + " occurred_at, received_at, agent_extension, number, payload, direction, dialled,"
          + " attempts, parked_at, parked_error";

  private static final int COLUMN_COUNT = 18;

  /** The payload's place among {@link #COLUMNS}. */
  private static final int PAYLOAD = 13;

  private InboxFile() {}

  /** Creates the inbox's table in its file, as the migrations give it; idempotent. */
  static void create(Database inbox) {
    inbox.inTransaction(
        c -> {
          Schema.createInbox(c, inbox.dialect());
          return null;
        });
  }

  /**
   * Moves what an earlier version left in the calls' file's inbox (waiting and parked, in their
   * order) into the inbox file: each chunk is written to the inbox file's disk before it leaves the
   * calls' file, so a crash meanwhile leaves an event in both, and it is applied once.
   *
   * @return how many events were moved
   */
  static long moveLeftovers(Database calls, Database inbox) {
    long moved = 0;
    while (true) {
      List<Object[]> rows = calls.read(InboxFile::oldest);
      if (rows.isEmpty()) break;
      inbox.inTransaction(c -> insert(c, rows));
      inbox.read(Inbox::writeToDisk);
      List<Long> ids = new ArrayList<>(rows.size());
      for (Object[] row : rows) ids.add((Long) row[0]);
      calls.inTransaction(
          c -> {
            InList.update(c, "DELETE FROM dialbridge_inbox WHERE id IN (%s)", ids);
            return null;
          });
      moved += rows.size();
    }
    if (moved > 0) {
      LOG.log(
          Level.INFO,
          "Dialbridge moved "
              + moved
              + " webhook events waiting in the calls' H2 file to its inbox"
              + " file");
    }
    return moved;
  }

  /** The oldest rows of the calls' file's inbox: the id, then {@link #COLUMNS}. */
  private static List<Object[]> oldest(Connection c) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, "
                    + COLUMNS
                    + " FROM dialbridge_inbox ORDER BY id LIMIT "
                    + MOVE_CHUNK)) {
      while (rs.next()) {
        Object[] row = new Object[COLUMN_COUNT + 1];
        row[0] = rs.getLong(1);
        for (int i = 1; i <= COLUMN_COUNT; i++) {
          // the payload as text: a CLOB of one database is not a value for another
          row[i] = i == PAYLOAD ? rs.getString(i + 1) : rs.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Void insert(Connection c, List<Object[]> rows) throws SQLException {
    String marks = "?, ".repeat(COLUMN_COUNT - 1) + "?";
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO dialbridge_inbox (" + COLUMNS + ") VALUES (" + marks + ")")) {
      for (Object[] row : rows) {
        for (int i = 1; i <= COLUMN_COUNT; i++) p.setObject(i, row[i]);
        p.addBatch();
      }
      p.executeBatch();
    }
    return null;
  }
}
