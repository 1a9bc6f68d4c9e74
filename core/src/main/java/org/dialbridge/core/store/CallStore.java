package org.dialbridge.core.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.dialbridge.core.config.RateLimit;
import org.dialbridge.core.config.StoreSettings;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.WrapUp;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * Calls and their events over plain JDBC (H2 or PostgreSQL), the only state Dialbridge shares
 * between CRM nodes.
 *
 * <p>Each event is stored exactly once: a unique key on (provider, event key) makes a duplicate or
 * concurrent redelivery a no-op. An event finds its call through the call's legs (the provider's
 * call ids), Dialbridge's own id when the provider echoes it, a call just placed to the same number
 * whose provider id is not known yet (all of the event's own provider), or the one call still
 * ringing on the agent's extension; else it is stored unlinked and linked later when the provider's
 * call id becomes known. Storing an event and moving its call happen in one transaction: a failure
 * leaves neither.
 *
 * <p>This class opens the transactions and hands the work off: {@code Placements} records calls
 * under the agent's rules, {@code Correlation} finds an event's call, {@code Ingestion} stores
 * events and moves calls, {@code History} pages a contact's calls; {@code CallTable} and {@code
 * EventTable} hold the statements and {@code Rows} the row mapping.
 */
public final class CallStore implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CallStore.class.getName());

  /** How far back a live call may have started to be matched by number or extension. */
  public static final Duration CORRELATION_WINDOW = Duration.ofHours(2);

  private final Database db;

  /** Where the webhook inbox lives: {@link #db}, or an H2 file of its own ({@link InboxFile}). */
  private final Database inboxDb;

  private final Clock clock;
  private final AutoCloseable ownedPool;
  private final AutoCloseable inboxPool;
  private final CallTable calls;
  private final EventTable events;
  private final Correlation correlation;
  private final Ingestion ingestion;
  private final Placements placements;
  private final WrapUpTable wrapUps;
  private final Inbox inbox;
  private final InboundCalls inbound;
  private final DataSource listening;

  private CallStore(
      DataSource dataSource, Clock clock, AutoCloseable ownedPool, DataSource listening) {
    this(dataSource, clock, ownedPool, listening, null, null);
  }

  /**
   * @param inboxFile the H2 file that holds the inbox apart ({@link InboxFile}), or null: the inbox
   *     is a table of {@code dataSource}'s database
   * @param inboxPool the pool of {@code inboxFile}, closed with the store
   */
  private CallStore(
      DataSource dataSource,
      Clock clock,
      AutoCloseable ownedPool,
      DataSource listening,
      DataSource inboxFile,
      AutoCloseable inboxPool) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.ownedPool = ownedPool;
    this.inboxPool = inboxPool;
    this.listening = listening;
    this.db = new Database(dataSource);
    try (Connection c = dataSource.getConnection()) {
      Schema.migrate(c, db.dialect());
      Statistics.analyzeWhereMissing(c, db.dialect());
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "the call store's schema could not be created: " + e.getMessage(), e);
    }
    this.inboxDb = inboxFile == null ? db : new Database(inboxFile);
    if (inboxFile != null) {
      InboxFile.create(inboxDb);
      InboxFile.moveLeftovers(db, inboxDb);
    }
    this.calls = new CallTable(db.dialect(), clock);
    this.events = new EventTable(db.dialect());
    this.correlation = new Correlation(db.dialect(), calls);
    InboundTable inboundTable = new InboundTable();
    this.ingestion = new Ingestion(correlation, calls, events, inboundTable);
    this.wrapUps = new WrapUpTable(events);
    this.placements = new Placements(db, calls, events, wrapUps, inboundTable);
    this.inbound = new InboundCalls(db, clock, calls, inboundTable);
    this.inbox = new Inbox(db.dialect(), db.choosesPlanCacheMode(), inboxDb == db);
  }

  /** A store over the host's (or a test's) {@code DataSource}; creates or upgrades the schema. */
  public static CallStore open(DataSource dataSource, Clock clock) {
    return new CallStore(dataSource, clock, null, dataSource);
  }

  /**
   * A store as configured: the host's DataSource by JNDI name, or a pool over the JDBC URL whose
   * driver is loaded through the webapp's class loader.
   *
   * @throws org.dialbridge.core.error.ConfigException when the URL's JDBC driver is missing
   * @throws StoreUnavailableException when the database cannot be reached
   */
  public static CallStore open(StoreSettings settings, Clock clock) {
    if (settings.jndiName() != null) {
      DataSource jndi = jndiDataSource(settings.jndiName());
      return new CallStore(jndi, clock, null, jndi);
    }
    JdbcPool pool = JdbcPool.open(settings);
    JdbcPool inboxPool = null;
    try {
      H2PageCache.enlarge(pool.dataSource(), settings.jdbcUrl());
      StoreSettings inboxFile = settings.inboxFile().orElse(null);
      if (inboxFile == null) return new CallStore(pool.dataSource(), clock, pool, pool.unpooled());
      inboxPool = JdbcPool.open(inboxFile, JdbcPool.NAME + "-inbox");
      return new CallStore(
          pool.dataSource(), clock, pool, pool.unpooled(), inboxPool.dataSource(), inboxPool);
    } catch (RuntimeException e) {
      if (inboxPool != null) inboxPool.close();
      pool.close();
      throw e;
    }
  }

  private static DataSource jndiDataSource(String name) {
    try {
      return (DataSource) new InitialContext().lookup(name);
    } catch (NamingException | ClassCastException e) {
      throw new StoreUnavailableException(
          "no DataSource under JNDI name " + name + " (dialbridge.store.jndi-name)", e);
    }
  }

  /** The schema version in the database. */
  public int schemaVersion() {
    return db.read(Schema::version);
  }

  /** Answers when the database is reachable. @throws StoreUnavailableException when it is not */
  public void ping() {
    Database.Work<Boolean> one =
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
          }
        };
    db.read(one);
    if (inboxDb != db) inboxDb.read(one);
  }

  // ---------------------------------------------------------------- calls placed by Dialbridge

  /**
   * Records a call about to be placed and its {@code PLACED} event, unless the agent reached the
   * rate limit or, with {@code oneLiveCall}, is on a live call already. The checks and the insert
   * run under a per-agent lock, so they hold across nodes sharing the database and across tabs.
   */
  public Placement insertPlaced(Call call, CallEvent placed, RateLimit limit, boolean oneLiveCall) {
    return insertPlaced(call, placed, new PlacementRules(limit, oneLiveCall, null), null);
  }

  /**
   * Records a call about to be placed under the agent's {@code rules}; with {@code followsUp} (the
   * id of a call with a callback, or null) the callback is linked to the new call.
   */
  public Placement insertPlaced(
      Call call, CallEvent placed, PlacementRules rules, String followsUp) {
    return placements.place(call, placed, rules, followsUp);
  }

  /**
   * {@link #insertPlaced(Call, CallEvent, RateLimit, boolean)} without the live-call check. @return
   * false when rate limited
   */
  public boolean insertPlaced(Call call, CallEvent placed, RateLimit limit) {
    return insertPlaced(call, placed, limit, false).outcome() == Placement.Outcome.PLACED;
  }

  /** The agent's live call, if they have one. */
  public Optional<Call> liveCallOf(String agent) {
    return db.read(c -> Placements.liveCallOf(c, agent));
  }

  /**
   * When the agent's oldest call within the rate-limit window leaves it (for {@code Retry-After}).
   */
  public Instant rateLimitResetsAt(String agent, RateLimit limit) {
    Instant now = clock.instant();
    return db.read(c -> Placements.rateLimitResetsAt(c, agent, limit, now));
  }

  /**
   * Links a provider call id (a leg) to a call and moves the call by any events of that leg that
   * arrived before the link was known. With {@code primary} the id also becomes the call's {@code
   * providerCallId}.
   *
   * @return the events linked by this, each with the call before and after it
   */
  public List<Ingested> linkLeg(
      String callId,
      String provider,
      String providerCallId,
      boolean primary,
      EventInterpreter interpreter) {
    return db.inTransaction(
        c -> {
          PlacedLink link =
              ingestion.linkLeg(c, callId, provider, providerCallId, primary, interpreter);
          if (!link.linked().isEmpty()) tellOtherNodes(c);
          return link.linked();
        });
  }

  /**
   * {@link #linkLeg} of the primary leg of a call Dialbridge just placed, and the call as linking
   * left it, read in the same transaction while its row is locked (an event matched by number may
   * have moved it since it was recorded): one transaction instead of a second one to read it back.
   */
  public PlacedLink linkPlacedLeg(
      String callId, String provider, String providerCallId, EventInterpreter interpreter) {
    return db.inTransaction(
        c -> {
          PlacedLink link =
              ingestion.linkLeg(c, callId, provider, providerCallId, true, interpreter);
          if (!link.linked().isEmpty()) tellOtherNodes(c);
          return link;
        });
  }

  /** Inbound calls: who they rang for, their matches, the missed ones. */
  public InboundCalls inbound() {
    return inbound;
  }

  // ---------------------------------------------------------------- events

  /**
   * Stores one event exactly once and moves its call forward.
   *
   * @param contactForNewCall the CRM contact to create a call for when the event belongs to no
   *     known call (the host's ContactDirectory matched its number); null to store it unlinked
   * @param window how far back a live call may have started to be matched by number or extension
   * @throws StoreUnavailableException when the database fails; nothing was written
   */
  public Ingested ingest(
      String provider,
      ProviderEvent event,
      Instant receivedAt,
      EventInterpreter interpreter,
      String contactForNewCall,
      Duration window) {
    Instant received = receivedAt.truncatedTo(ChronoUnit.MILLIS);
    return db.inTransaction(
        c -> {
          Ingested result =
              ingestion.ingest(
                  c,
                  provider,
                  event,
                  received,
                  received.minus(window),
                  interpreter,
                  e -> contactForNewCall);
          if (result.changedCall()) tellOtherNodes(c);
          return result;
        });
  }

  /** The call an event would be linked to now, without writing (for a look-up before ingesting). */
  public Optional<String> resolveCallId(String provider, ProviderEvent event, Duration window) {
    Instant now = clock.instant();
    return Optional.ofNullable(
        db.read(c -> correlation.resolve(c, provider, event, now, now.minus(window))));
  }

  // ---------------------------------------------------------------- the webhook inbox

  /**
   * Appends webhook events to the inbox in one transaction, durable when this returns: on H2 the
   * database file is written before (a process killed right after loses none of them). An event
   * waiting in the inbox or applied already is not appended again (with the inbox in a file of its
   * own, the applied ones are read first: one the applier stores meanwhile is appended, and applied
   * as the duplicate it is).
   *
   * @return for each event, whether it was appended (false: a duplicate)
   * @throws StoreUnavailableException when the database fails; none was appended
   */
  public boolean[] appendToInbox(List<Inbound> events) {
    Map<String, Integer> first = new LinkedHashMap<>();
    List<Inbound> unique = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Inbound in = events.get(i);
      if (first.putIfAbsent(Inbox.key(in.provider(), in.event().eventKey()), i) == null)
        unique.add(in);
    }
    if (inboxDb != db && !unique.isEmpty()) {
      Set<String> stored = db.read(c -> EventTable.storedOf(c, unique));
      unique.removeIf(in -> stored.contains(Inbox.key(in.provider(), in.event().eventKey())));
    }
    Inbox.Appended appended =
        unique.isEmpty()
            ? new Inbox.Appended(Set.of(), Long.MAX_VALUE)
            : inbox.appendsInOneStatement(unique.size())
                ? inboxDb.inOneStatement(c -> inbox.append(c, unique))
                : inboxDb.inTransaction(c -> inbox.append(c, unique));
    inbox.appendCommitted(appended);
    if (db.dialect() == Dialect.H2 && !unique.isEmpty()) inboxDb.read(Inbox::writeToDisk);
    boolean[] result = new boolean[events.size()];
    first.forEach((key, i) -> result[i] = appended.keys().contains(key));
    return result;
  }

  /**
   * True when each {@link #appendToInbox} writes the database file (H2), a cost worth sharing among
   * more deliveries by waiting a little longer between appends.
   */
  public boolean appendWritesTheFile() {
    return db.dialect() == Dialect.H2;
  }

  /**
   * Applies up to {@code max} of the oldest inbox events, in the order they were appended, in one
   * transaction: each is stored once among the call's events and moves its call, as {@link #ingest}
   * does, and leaves the inbox. When that transaction fails, the events are applied one by one, and
   * one that fails on its own is parked with its error ({@link #parkedEvents}).
   *
   * @return the events applied, with what each did; empty when the inbox has none waiting
   * @throws StoreUnavailableException when the database fails; nothing was applied or parked
   */
  public List<Applied> applyInbox(int max, InboxApplication application) {
    try {
      List<Applied> applied = takeAndApply(c -> inbox.take(c, max), application);
      inbox.takeCommitted();
      return applied;
    } catch (RuntimeException batchFailed) {
      List<Applied> applied = new ArrayList<>();
      for (long id : inboxDb.read(c -> inbox.pendingIds(c, max))) {
        try {
          applied.addAll(takeAndApply(c -> inbox.takeOne(c, id), application));
        } catch (RuntimeException e) {
          String error = parkingReason(e);
          LOG.log(Level.WARNING, "inbox event " + id + " parked: " + error, e);
          inboxDb.inTransaction(c -> inbox.park(c, id, clock.instant(), error));
        }
      }
      return applied;
    }
  }

  /**
   * Takes inbox rows with {@code take} and applies them: in one transaction when the inbox is a
   * table among the calls; else the calls' transaction commits and its file is written to disk
   * inside the inbox file's, which then commits the rows' leaving ({@link InboxFile}).
   */
  private List<Applied> takeAndApply(
      Database.Work<List<Inbox.Row>> take, InboxApplication application) {
    if (inboxDb == db) return db.inTransaction(c -> applyAll(c, take.run(c), application));
    return inboxDb.inTransaction(
        inboxConnection -> {
          List<Inbox.Row> rows = take.run(inboxConnection);
          if (rows.isEmpty()) return List.of();
          List<Applied> applied = db.inTransaction(c -> applyAll(c, rows, application));
          db.read(Inbox::writeToDisk);
          return applied;
        });
  }

  /** The id this node's next inbox claim starts after ({@link Inbox.Cursor}). */
  long inboxClaimsStartAfter() {
    return inbox.claimsStartAfter();
  }

  /** Why an event failed, in words an administrator reads (never a class name). */
  private static String parkingReason(RuntimeException e) {
    if (e instanceof StoreUnavailableException && e.getCause() instanceof SQLException sql)
      return "the database refused it: " + sql.getMessage();
    if (e instanceof DialbridgeException) return e.getMessage();
    return e.getMessage() != null
        ? "it could not be applied: " + e.getMessage()
        : "it could not be applied (an unexpected error; see the log)";
  }

  /** Applies inbox rows taken in this transaction. */
  private List<Applied> applyAll(Connection c, List<Inbox.Row> rows, InboxApplication application)
      throws SQLException {
    List<Inbound> batch = new ArrayList<>(rows.size());
    for (Inbox.Row row : rows) batch.add(row.inbound());
    // the claim told the other nodes (Inbox#telling)
    List<Ingested> results = ingestion.ingestAll(c, batch, CORRELATION_WINDOW, application);
    List<Applied> applied = new ArrayList<>(rows.size());
    for (int i = 0; i < batch.size(); i++) {
      applied.add(new Applied(batch.get(i).provider(), batch.get(i).event(), results.get(i)));
    }
    return applied;
  }

  private void tellOtherNodes(Connection c) throws SQLException {
    if (db.dialect() == Dialect.POSTGRESQL) ChangeNotices.send(c);
  }

  /**
   * Runs {@code onChange} whenever a node sharing the database commits a change to calls, on
   * PostgreSQL (NOTIFY and LISTEN, one connection held outside the pool); on H2, a single node,
   * never.
   *
   * @return stops listening
   */
  public AutoCloseable onChangesAnywhere(Runnable onChange) {
    if (db.dialect() != Dialect.POSTGRESQL) return () -> {};
    return ChangeNotices.listen(listening, onChange);
  }

  /** How many inbox events wait to be applied and how many are parked. */
  /** When the oldest event waiting in the inbox (not parked) arrived, if one waits. */
  public Optional<Instant> oldestPending() {
    return inboxDb.read(
        c -> {
          try (PreparedStatement p =
                  c.prepareStatement(
                      "SELECT MIN(received_at) FROM dialbridge_inbox WHERE parked_at IS NULL");
              ResultSet rs = p.executeQuery()) {
            return Optional.ofNullable(rs.next() ? Rows.instant(rs, 1) : null);
          }
        });
  }

  /** How many calls have not ended, on every node. */
  public long liveCallCount() {
    return liveCallCount(null);
  }

  /** How many calls have not ended that started before {@code before} (all, for null). */
  public long liveCallCount(Instant before) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM dialbridge_call WHERE live = TRUE"
                      + (before == null ? "" : " AND created_at < ?"))) {
            if (before != null) Rows.setInstant(p, 1, before);
            try (ResultSet rs = p.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  public InboxCounts inboxCounts() {
    return inboxDb.read(inbox::counts);
  }

  /** Parked inbox events, newest first. */
  public List<ParkedEvent> parkedEvents(int limit) {
    return inboxDb.read(c -> inbox.parked(c, limit));
  }

  /**
   * Puts a parked event back in line to be applied. @return false when none is parked by that id
   */
  public boolean retryParked(long id) {
    boolean unparked = inboxDb.inTransaction(c -> inbox.unpark(c, id));
    if (unparked) inbox.unparkCommitted(id);
    return unparked;
  }

  // ---------------------------------------------------------------- wrap-ups

  /**
   * Saves a call's wrap-up: the call's row is locked, {@code check} sees the call and the current
   * wrap-up and may refuse (its exception leaves everything as it was), then {@code edit} is saved
   * with the next revision and the change is stored as a {@code WRAP_UP} event.
   *
   * @return the call as locked and the saved wrap-up, or empty when the call does not exist
   */
  public Optional<CallWithWrapUp> saveWrapUp(
      String callId, WrapUpEdit edit, String by, WrapUpCheck check) {
    return db.inTransaction(
        c -> {
          Optional<Call> call = calls.lock(c, callId);
          if (call.isEmpty()) return Optional.empty();
          Optional<WrapUp> current = wrapUps.find(c, callId);
          check.check(call.get(), current.orElse(null));
          WrapUp saved = wrapUps.save(c, call.get(), current, edit, by, clock.instant());
          return Optional.of(new CallWithWrapUp(call.get(), saved));
        });
  }

  /** Refuses a wrap-up by throwing, seeing the call (locked) and its current wrap-up (or null). */
  @FunctionalInterface
  public interface WrapUpCheck {
    void check(Call call, WrapUp current);
  }

  /** Records what the provider did with a save, unless the wrap-up was saved again since. */
  public void recordWrapUpReceipt(String callId, int revision, WrapUp.ProviderReceipt receipt) {
    db.inTransaction(
        c -> {
          wrapUps.recordReceipt(c, callId, revision, receipt);
          return null;
        });
  }

  public Optional<WrapUp> wrapUp(String callId) {
    return db.read(c -> wrapUps.find(c, callId));
  }

  /**
   * The agent's most recent ended call (only answered ones with {@code answeredOnly}) when it ended
   * after {@code endedAfter} and has no disposition yet.
   */
  public Optional<CallWithWrapUp> awaitingWrapUp(
      String agent, boolean answeredOnly, Instant endedAfter) {
    return db.read(c -> WrapUpTable.awaiting(c, agent, answeredOnly, endedAfter));
  }

  /** The agent's open callbacks, soonest first. */
  public List<CallWithWrapUp> openCallbacks(String agent, int limit) {
    return db.read(c -> WrapUpTable.openCallbacks(c, agent, limit));
  }

  // ---------------------------------------------------------------- reading

  public Optional<Call> call(String id) {
    return db.read(c -> calls.find(c, id));
  }

  /** Several calls by id, for watchers; missing ids are left out. */
  public Map<String, Call> calls(Collection<String> ids) {
    if (ids.isEmpty()) return Map.of();
    return db.read(c -> calls.findAll(c, ids));
  }

  /**
   * A call's events in the order they happened (provider time, else receipt), those reported before
   * the call was created (a replay, a clock behind) counted as happening at its creation.
   */
  public List<CallEvent> events(String callId) {
    return db.read(c -> events.ofCall(c, callId));
  }

  /** The provider call ids of a call's legs, the first leg first. */
  public List<String> legs(String callId) {
    return db.read(c -> Correlation.legsOf(c, callId));
  }

  /**
   * A contact's calls, newest first.
   *
   * @param agent only this agent's calls, or null for everyone's
   * @param cursor the {@code next} of the previous page, or null for the first page
   * @throws IllegalArgumentException for a cursor this store did not hand out
   */
  public HistoryPage history(String contactId, String agent, String cursor, int limit) {
    History.Cursor after = History.after(cursor, limit);
    return db.read(c -> History.page(c, contactId, agent, after, limit));
  }

  /**
   * Calls still live that started before {@code before}, oldest first: candidates for the
   * reconciler.
   */
  public List<Call> liveCallsStartedBefore(Instant before, int limit) {
    return db.read(c -> calls.liveStartedBefore(c, before, limit));
  }

  @Override
  public void close() {
    closeQuietly(inboxPool);
    closeQuietly(ownedPool);
  }

  private static void closeQuietly(AutoCloseable pool) {
    if (pool == null) return;
    try {
      pool.close();
    } catch (Exception ignored) {
      // closing idle connections: nothing to report
    }
  }
}
