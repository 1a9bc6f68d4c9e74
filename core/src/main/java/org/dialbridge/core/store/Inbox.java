package org.dialbridge.core.store;

import static org.dialbridge.core.store.Rows.instant;
import static org.dialbridge.core.store.Rows.setEnum;
import static org.dialbridge.core.store.Rows.setInstant;
import static org.dialbridge.core.store.Rows.truncate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * The statements over {@code dialbridge_inbox}: webhook events accepted and not yet applied to
 * their calls. A redelivery is not appended again: a look at the events waiting and at those
 * applied already makes it a no-op, without waiting on any lock. (Two nodes appending one event at
 * the same instant may both append it; the applier then stores it once, by the unique key of {@code
 * dialbridge_event}.) Appending takes one multi-row {@code INSERT … SELECT … WHERE NOT EXISTS} per
 * chunk of events ({@link InList#CHUNKS}; an H2 {@code MERGE} would wait on a row being deleted),
 * of a few fixed sizes so each database keeps the statements parsed.
 */
final class Inbox {
  private static final int MATCH_FIELD = 128;
  private static final int RAW_CAUSE = 256;
  private static final int ERROR = 1000;

  private static final String COLUMNS =
      "provider, event_key, echoed_call_id, provider_call_id, type, status, cause, raw_cause,"
          + " occurred_at, received_at, agent_extension, number, payload, direction, dialled";
  private static final int COLUMN_COUNT = 15;

  /**
   * The oldest events not parked after an id (see {@link Cursor}), locked: another applier passes
   * over them.
   */
  private static final String OLDEST =
      "FROM dialbridge_inbox WHERE parked_at IS NULL AND id > ? ORDER BY id LIMIT ?"
          + " FOR UPDATE SKIP LOCKED";

  /** One event by id, unless parked or locked by another applier. */
  private static final String ONE =
      "FROM dialbridge_inbox WHERE id = ? AND parked_at IS NULL FOR UPDATE SKIP LOCKED";

  /** One claimed row. */
  record Row(long id, Inbound inbound) {}

  /** The appended rows' keys, and the lowest id among them (none: {@link Long#MAX_VALUE}). */
  record Appended(Set<String> keys, long lowestId) {}

  private final Dialect dialect;
  private final boolean besideEvents;
  private final Cursor cursor = new Cursor();
  private final String[] appendSql = new String[InList.CHUNKS[0] + 1];
  private final String take;

  /** The claim as sent: with a NOTIFY on PostgreSQL, between SETs on 12 and later. */
  private final String takeAsSent;

  private final String takeOne;

  Inbox(Dialect dialect) {
    this(dialect, false, true);
  }

  /**
   * @param genericClaims whether the database lets a transaction choose how its statements are
   *     planned (PostgreSQL 12 and later): the claim is then run with its generic plan
   * @param besideEvents whether the inbox shares its database with the applied events, which an
   *     append then looks at too; apart ({@link InboxFile}), the caller leaves those out before
   */
  Inbox(Dialect dialect, boolean genericClaims, boolean besideEvents) {
    this.dialect = dialect;
    this.besideEvents = besideEvents;
    for (int n : InList.CHUNKS) appendSql[n] = appendSql(n);
    this.take = takeSql(OLDEST);
    this.takeAsSent = telling(genericClaims ? generic(take) : take);
    this.takeOne = telling(takeSql(ONE));
  }

  /**
   * On PostgreSQL, {@code claim} and a {@code NOTIFY} to the other nodes in one round trip: the
   * transaction that takes events moves their calls, and the notice is delivered at its commit,
   * when the changes can be read (none if it rolls back). Sent apart, it was a round trip of each
   * batch. A claim that finds nothing, or only events that move no call, tells the other nodes for
   * nothing; their watchers look once more.
   */
  private String telling(String claim) {
    return dialect == Dialect.POSTGRESQL ? claim + "; " + ChangeNotices.NOTIFY : claim;
  }

  /**
   * {@code statement} run with its generic plan, in the same round trip. PostgreSQL plans a
   * prepared statement for its parameters five times, then keeps the generic plan unless the custom
   * ones looked cheaper; for a claim after the newest id applied, the statistics of a full inbox
   * promise a custom plan almost no rows, so it was planned again on every claim (170–318 µs a
   * claim, the claim itself 51 µs generic; bench/README.md, 2026-12-03). {@code SET LOCAL} ends
   * with the transaction, and through a pooler in transaction mode too; the rest of the transaction
   * is planned as the host's settings say.
   */
  private static String generic(String statement) {
    return "SET LOCAL plan_cache_mode = force_generic_plan; "
        + statement
        + "; SET LOCAL plan_cache_mode TO DEFAULT";
  }

  /**
   * On PostgreSQL, deletes the rows {@code rows} locks and returns them, in one statement: claiming
   * a batch and deleting it took a round trip each (the delete one per chunk of ids). The locked
   * rows are found again by their {@code ctid} (a TID scan; no one else can move a row this
   * transaction holds), not by a join: planning {@code id IN (SELECT …)} weighed a merge join,
   * whose estimate reads the ends of the inbox's key index, and before vacuum came by its low end
   * was the entries of every event applied since (727 µs of planning per claim at 900 webhooks/s,
   * profiled). H2 runs the locking subquery of a DELETE again for each row it scans (1,024 rows of
   * 3,000 took 1.6 s, a claim and a delete by ids 17 ms), so it claims them, and they are deleted
   * by id after: in the same process as H2, a statement costs no round trip.
   */
  private String takeSql(String rows) {
    return dialect == Dialect.POSTGRESQL
        ? "DELETE FROM dialbridge_inbox WHERE ctid = ANY (ARRAY (SELECT ctid "
            + rows
            + ")) RETURNING id, "
            + COLUMNS
        : "SELECT id, " + COLUMNS + " " + rows;
  }

  /** The key of an event in the inbox and among applied events. */
  static String key(String provider, String eventKey) {
    return provider + '\n' + EventTable.storedKey(eventKey);
  }

  /**
   * Appends the events that are neither waiting nor applied already; {@code events} holds no two
   * with the same {@link #key}.
   *
   * @return the {@link #key}s appended, and the lowest id they were given
   */
  Appended append(Connection c, List<Inbound> events) throws SQLException {
    Set<String> appended = new HashSet<>();
    long lowest = Long.MAX_VALUE;
    int from = 0;
    while (from < events.size()) {
      int n = InList.chunk(events.size() - from);
      try (PreparedStatement p = c.prepareStatement(appendSql[n])) {
        for (int i = 0; i < n; i++) bind(p, i * COLUMN_COUNT, events.get(from + i));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            lowest = Math.min(lowest, rs.getLong(1));
            appended.add(rs.getString(2) + '\n' + rs.getString(3));
          }
        }
      }
      from += n;
    }
    return new Appended(appended, lowest);
  }

  /**
   * True when {@link #append} of {@code events} runs one statement (their number is one of {@link
   * InList#CHUNKS}): at a moderate rate most group commits hold one event.
   */
  boolean appendsInOneStatement(int events) {
    return events <= 1 || InList.chunk(events) == events;
  }

  /** Tells the next claims of the events an append committed (they may be below its start). */
  void appendCommitted(Appended appended) {
    if (appended.lowestId() != Long.MAX_VALUE) cursor.appended(appended.lowestId());
  }

  /** The last {@link #take} committed: the next claims start after what it took. */
  void takeCommitted() {
    cursor.committed();
  }

  /** The id the next claim starts after, unless it is due to start from the beginning. */
  long claimsStartAfter() {
    return cursor.floor();
  }

  /**
   * The statement that takes the oldest events; its parameters are the id they come after and how
   * many.
   */
  String takeStatement() {
    return take;
  }

  /** The statement that appends {@code rows} events, one of {@link InList#CHUNKS}. */
  String appendStatement(int rows) {
    return appendSql[rows];
  }

  private String appendSql(int rows) {
    StringBuilder values = new StringBuilder("VALUES ");
    for (int i = 0; i < rows; i++) {
      if (i > 0) values.append(", ");
      values.append(i == 0 ? typedRow() : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    String insert =
        "INSERT INTO dialbridge_inbox ("
            + COLUMNS
            + ") SELECT * FROM ("
            + values
            + ") s ("
            + COLUMNS
            + ") WHERE "
            + (besideEvents
                ? "NOT EXISTS (SELECT 1 FROM dialbridge_event e WHERE e.provider = s.provider"
                    + " AND e.event_key = s.event_key"
                    + probeEachRow()
                    + ") AND "
                : "")
            + "NOT EXISTS (SELECT 1 FROM dialbridge_inbox i"
            + " WHERE i.provider = s.provider AND i.event_key = s.event_key"
            + probeEachRow()
            + ")";
    return dialect == Dialect.POSTGRESQL
        ? insert + " RETURNING id, provider, event_key"
        : "SELECT id, provider, event_key FROM FINAL TABLE (" + insert + ")";
  }

  /**
   * On PostgreSQL, {@code OFFSET 0} keeps each {@code NOT EXISTS} a probe of the table's key per
   * event. Joined instead, a plan made while the tables were nearly empty (kept for the pooled
   * connection's life) hashed the whole inbox, and the applied events, on every append: under a
   * backlog, the very time the inbox is large, each append read all of it.
   */
  private String probeEachRow() {
    return dialect == Dialect.POSTGRESQL ? " OFFSET 0" : "";
  }

  /** The first row types the columns of a VALUES list whose every value is a parameter. */
  private String typedRow() {
    String text = "CAST(? AS VARCHAR(256))";
    String time = "CAST(? AS TIMESTAMP WITH TIME ZONE)";
    return "("
        + String.join(
            ", ",
            text,
            text,
            text,
            text,
            text,
            text,
            text,
            text,
            time,
            time,
            text,
            text,
            "CAST(? AS " + dialect.textColumn() + ")",
            text,
            text)
        + ")";
  }

  private static void bind(PreparedStatement p, int at, Inbound in) throws SQLException {
    ProviderEvent e = in.event();
    p.setString(at + 1, in.provider());
    p.setString(at + 2, EventTable.storedKey(e.eventKey()));
    p.setString(at + 3, truncate(e.callId(), MATCH_FIELD));
    p.setString(at + 4, truncate(e.providerCallId(), MATCH_FIELD));
    p.setString(at + 5, e.type().name());
    setEnum(p, at + 6, e.status());
    setEnum(p, at + 7, e.cause());
    p.setString(at + 8, truncate(e.rawCause(), RAW_CAUSE));
    setInstant(p, at + 9, e.occurredAt());
    setInstant(p, at + 10, in.receivedAt());
    p.setString(at + 11, truncate(e.agentExtension(), MATCH_FIELD));
    p.setString(at + 12, truncate(e.number(), MATCH_FIELD));
    p.setString(at + 13, e.payload());
    setEnum(p, at + 14, e.direction());
    p.setString(at + 15, truncate(e.dialled(), MATCH_FIELD));
  }

  /**
   * Takes the oldest events not parked out of the inbox, in the order they were appended: gone when
   * the transaction commits, still there if it fails. Another applier (another node) passes over
   * them meanwhile.
   */
  List<Row> take(Connection c, int max) throws SQLException {
    List<Row> rows = rows(c, takeAsSent, cursor.start(System.nanoTime()), max);
    cursor.took(rows.isEmpty() ? 0 : rows.get(rows.size() - 1).id());
    return rows;
  }

  /**
   * Takes one event not parked out of the inbox, as {@link #take} does; none when another applier
   * holds it or it is gone.
   */
  List<Row> takeOne(Connection c, long id) throws SQLException {
    return rows(c, takeOne, id, -1);
  }

  /** Runs a claim: its first parameter, and the second unless negative (none). */
  private List<Row> rows(Connection c, String sql, long first, int second) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, first);
      if (second >= 0) p.setInt(2, second);
      try (ResultSet rs = firstResultSet(p)) {
        while (rs.next()) rows.add(new Row(rs.getLong("id"), inbound(rs)));
      }
    }
    if (dialect != Dialect.POSTGRESQL) {
      InList.update(
          c, "DELETE FROM dialbridge_inbox WHERE id IN (%s)", rows.stream().map(Row::id).toList());
    }
    // a DELETE returns its rows in no particular order; they are applied in the order appended
    rows.sort(Comparator.comparingLong(Row::id));
    return rows;
  }

  /** The rows of the one query among {@code p}'s statements (a claim between SETs, a NOTIFY). */
  private static ResultSet firstResultSet(PreparedStatement p) throws SQLException {
    boolean rows = p.execute();
    while (!rows) {
      if (p.getUpdateCount() == -1) throw new SQLException("the claim returned no rows");
      rows = p.getMoreResults();
    }
    return p.getResultSet();
  }

  private static Inbound inbound(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    String cause = rs.getString("cause");
    String direction = rs.getString("direction");
    ProviderEvent event =
        new ProviderEvent(
            rs.getString("event_key"),
            EventType.valueOf(rs.getString("type")),
            status == null ? null : CallStatus.valueOf(status),
            cause == null ? null : HangupCause.valueOf(cause),
            rs.getString("raw_cause"),
            instant(rs, "occurred_at"),
            rs.getString("provider_call_id"),
            rs.getString("echoed_call_id"),
            rs.getString("agent_extension"),
            rs.getString("number"),
            rs.getString("payload"),
            direction == null ? null : Direction.valueOf(direction),
            rs.getString("dialled"));
    return new Inbound(rs.getString("provider"), event, instant(rs, "received_at"));
  }

  /** The ids of the oldest events not parked, without locking them. */
  List<Long> pendingIds(Connection c, int max) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id FROM dialbridge_inbox WHERE parked_at IS NULL ORDER BY id LIMIT ?")) {
      p.setInt(1, max);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** Sets an event aside with its error. @return false when it was applied or parked meanwhile */
  boolean park(Connection c, long id, Instant now, String error) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_inbox SET parked_at = ?, parked_error = ?, attempts = attempts + 1"
                + " WHERE id = ? AND parked_at IS NULL")) {
      setInstant(p, 1, now);
      p.setString(2, truncate(error, ERROR));
      p.setLong(3, id);
      return p.executeUpdate() == 1;
    }
  }

  /** Puts a parked event back in line. @return false when no such event is parked */
  boolean unpark(Connection c, long id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_inbox SET parked_at = NULL, parked_error = NULL"
                + " WHERE id = ? AND parked_at IS NOT NULL")) {
      p.setLong(1, id);
      return p.executeUpdate() == 1;
    }
  }

  /** A parked event was put back in line (committed): the next claims go back for it. */
  void unparkCommitted(long id) {
    cursor.appended(id);
  }

  /** Parked events, newest first. */
  List<ParkedEvent> parked(Connection c, int limit) throws SQLException {
    List<ParkedEvent> parked = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id, provider, event_key, type, provider_call_id, received_at, parked_at,"
                + " parked_error FROM dialbridge_inbox WHERE parked_at IS NOT NULL"
                + " ORDER BY id DESC LIMIT ?")) {
      p.setInt(1, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          parked.add(
              new ParkedEvent(
                  rs.getLong("id"),
                  rs.getString("provider"),
                  rs.getString("event_key"),
                  rs.getString("type"),
                  rs.getString("provider_call_id"),
                  instant(rs, "received_at"),
                  instant(rs, "parked_at"),
                  rs.getString("parked_error")));
        }
      }
    }
    return parked;
  }

  /**
   * H2 writes committed transactions to its file up to a second later: a process killed meanwhile
   * would lose events already answered. A checkpoint writes them now.
   */
  static Void writeToDisk(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    }
    return null;
  }

  InboxCounts counts(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(parked_at) FROM dialbridge_inbox")) {
      rs.next();
      return new InboxCounts(rs.getLong(1) - rs.getLong(2), rs.getLong(2));
    }
  }

  /**
   * Where this node's next claim starts. PostgreSQL keeps a deleted row's index entries until
   * vacuum removes them, and autovacuum comes by a table at most once a minute: every claim from
   * the inbox's first id walked the entries of all the events applied since (664 µs of execution
   * per claim at 900 webhooks/s, and with the planning above 46% of PostgreSQL's statement time,
   * profiled). So a claim starts after the newest event this node took, and goes back below it only
   * for what could be there: the events an append of this node committed (their ids may be lower
   * when another node's claim took later ones first), an event put back in line, and, at least
   * every {@link #SWEEP_NANOS}, from the beginning, for what another node appended and stopped
   * before applying, or took and rolled back. A claim from a start too high only delays an event,
   * never loses it. One applier per node takes, so what it took is kept until its commit.
   */
  static final class Cursor {
    static final long SWEEP_NANOS = 1_000_000_000L;

    private long floor;
    private long lowestAppendedDuringTake = Long.MAX_VALUE;
    private long took;
    private long sweptAt;
    private boolean swept;

    /** The id a claim starting now comes after. */
    synchronized long start(long now) {
      lowestAppendedDuringTake = Long.MAX_VALUE;
      if (!swept || now - sweptAt >= SWEEP_NANOS) {
        swept = true;
        sweptAt = now;
        return 0;
      }
      return floor;
    }

    /** The highest id the claim took, 0 for none. */
    synchronized void took(long id) {
      took = id;
    }

    /** The claim committed. */
    synchronized void committed() {
      floor = Math.max(floor, took);
      if (lowestAppendedDuringTake != Long.MAX_VALUE)
        floor = Math.min(floor, lowestAppendedDuringTake - 1);
    }

    /** Events from {@code lowestId} up were committed to the inbox. */
    synchronized void appended(long lowestId) {
      lowestAppendedDuringTake = Math.min(lowestAppendedDuringTake, lowestId);
      floor = Math.min(floor, lowestId - 1);
    }

    synchronized long floor() {
      return floor;
    }
  }
}
