package org.dialbridge.core.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Dialbridge's tables, created and upgraded by Dialbridge itself on start: a version table, then
 * each migration not yet applied, in order, each in its own transaction. Every statement is
 * idempotent, and on PostgreSQL an advisory lock keeps two nodes starting together from racing.
 */
final class Schema {
  private static final System.Logger LOG = System.getLogger(Schema.class.getName());
  private static final long LOCK_KEY = 0x4469616c62726467L; // "Dialbrdg"

  /** One step of the schema's history. Never edit a released migration: add the next one. */
  record Migration(int version, String description, List<String> statements) {}

  static List<Migration> migrations(Dialect d) {
    return List.of(
        new Migration(
            1,
            "calls, legs, events, agent locks",
            List.of(
                """
                CREATE TABLE IF NOT EXISTS dialbridge_call (
                  id VARCHAR(36) PRIMARY KEY,
                  provider VARCHAR(40) NOT NULL,
                  provider_call_id VARCHAR(128),
                  contact_id VARCHAR(128),
                  agent VARCHAR(128),
                  agent_extension VARCHAR(128),
                  from_number VARCHAR(128),
                  to_number VARCHAR(128),
                  status VARCHAR(16) NOT NULL,
                  cause VARCHAR(32),
                  raw_cause VARCHAR(256),
                  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  answered_at TIMESTAMP WITH TIME ZONE,
                  ended_at TIMESTAMP WITH TIME ZONE,
                  duration_seconds BIGINT,
                  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  live BOOLEAN NOT NULL
                )\
                """,
                // a contact's history, newest first, paged by (created_at, id)
                "CREATE INDEX IF NOT EXISTS dialbridge_call_contact ON dialbridge_call (contact_id,"
                    + " created_at DESC, id DESC)",
                // the reconciler and the agent's live call: only live calls matter
                "CREATE INDEX IF NOT EXISTS dialbridge_call_live ON dialbridge_call (live,"
                    + " created_at)",
                "CREATE INDEX IF NOT EXISTS dialbridge_call_extension ON dialbridge_call (provider,"
                    + " agent_extension, live)",
                // the per-agent rate limit counts recent calls
                "CREATE INDEX IF NOT EXISTS dialbridge_call_agent ON dialbridge_call (agent,"
                    + " created_at)",
                """
                CREATE TABLE IF NOT EXISTS dialbridge_call_leg (
                  provider VARCHAR(40) NOT NULL,
                  provider_call_id VARCHAR(128) NOT NULL,
                  call_id VARCHAR(36),
                  PRIMARY KEY (provider, provider_call_id)
                )\
                """,
                "CREATE INDEX IF NOT EXISTS dialbridge_call_leg_call ON dialbridge_call_leg"
                    + " (call_id)",
                """
                CREATE TABLE IF NOT EXISTS dialbridge_event (
                  id %s,
                  provider VARCHAR(40) NOT NULL,
                  event_key VARCHAR(200) NOT NULL,
                  call_id VARCHAR(36),
                  provider_call_id VARCHAR(128),
                  type VARCHAR(24) NOT NULL,
                  status VARCHAR(16),
                  cause VARCHAR(32),
                  raw_cause VARCHAR(256),
                  occurred_at TIMESTAMP WITH TIME ZONE,
                  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  agent_extension VARCHAR(128),
                  number VARCHAR(128),
                  payload %s NOT NULL,
                  CONSTRAINT dialbridge_event_key UNIQUE (provider, event_key)
                )\
                """
                    .formatted(d.identityColumn(), d.textColumn()),
                "CREATE INDEX IF NOT EXISTS dialbridge_event_call ON dialbridge_event (call_id,"
                    + " id)",
                "CREATE INDEX IF NOT EXISTS dialbridge_event_unlinked ON dialbridge_event"
                    + " (provider, provider_call_id)",
                """
                CREATE TABLE IF NOT EXISTS dialbridge_agent_lock (
                  agent VARCHAR(128) PRIMARY KEY
                )\
                """)),
        // an event that beats the provider's answer is matched to its call by number: without this
        // index that look-up read every live call of the last two hours
        new Migration(
            2,
            "calls by number",
            List.of(
                "CREATE INDEX IF NOT EXISTS dialbridge_call_to_number ON dialbridge_call"
                    + " (to_number, created_at)")),
        // each call placed looks for the agent's live call: without this index that read every call
        // the
        // agent ever made whenever they had none live
        new Migration(
            3,
            "the agent's live call",
            List.of(
                "CREATE INDEX IF NOT EXISTS dialbridge_call_agent_live ON dialbridge_call (agent,"
                    + " live, created_at)")),
        // a webhook is answered once its events are durable here; the applier moves the calls
        new Migration(
            4,
            "the webhook inbox",
            List.of(
                """
                CREATE TABLE IF NOT EXISTS dialbridge_inbox (
                  id %s,
                  provider VARCHAR(40) NOT NULL,
                  event_key VARCHAR(200) NOT NULL,
                  echoed_call_id VARCHAR(128),
                  provider_call_id VARCHAR(128),
                  type VARCHAR(24) NOT NULL,
                  status VARCHAR(16),
                  cause VARCHAR(32),
                  raw_cause VARCHAR(256),
                  occurred_at TIMESTAMP WITH TIME ZONE,
                  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  agent_extension VARCHAR(128),
                  number VARCHAR(128),
                  payload %s NOT NULL,
                  attempts INT DEFAULT 0 NOT NULL,
                  parked_at TIMESTAMP WITH TIME ZONE,
                  parked_error VARCHAR(1000)
                )\
                """
                    .formatted(d.identityColumn(), d.textColumn()),
                // not unique: an insert would wait on the key of a row the applier is deleting (a
                // redelivery then waited for the applier's whole batch on PostgreSQL); the unique
                // key of dialbridge_event is what stores an event once
                "CREATE INDEX IF NOT EXISTS dialbridge_inbox_key ON dialbridge_inbox (provider,"
                    + " event_key)")),
        // what the agent recorded after the call; each save is also a WRAP_UP event of the call.
        // Column names differ from dialbridge_call's, so a call and its wrap-up read in one join.
        new Migration(
            5,
            "wrap-ups and callbacks",
            List.of(
                """
                CREATE TABLE IF NOT EXISTS dialbridge_wrap_up (
                  call_id VARCHAR(36) PRIMARY KEY,
                  callback_agent VARCHAR(128),
                  disposition VARCHAR(64),
                  note %s,
                  callback_at TIMESTAMP WITH TIME ZONE,
                  wrapped_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  wrapped_by VARCHAR(128) NOT NULL,
                  revision INT NOT NULL,
                  followed_up_by VARCHAR(36),
                  provider_status VARCHAR(16),
                  provider_message VARCHAR(1000)
                )\
                """
                    .formatted(d.textColumn()),
                // an agent's open callbacks, due first
                "CREATE INDEX IF NOT EXISTS dialbridge_wrap_up_callbacks ON dialbridge_wrap_up"
                    + " (callback_agent, callback_at)")),
        // inbound calls: every call stored before is one Dialbridge placed; who an inbound call
        // rang for, who may be calling, and whether its miss was dealt with
        new Migration(
            6,
            "inbound calls",
            List.of(
                "ALTER TABLE dialbridge_call ADD COLUMN IF NOT EXISTS direction VARCHAR(8) DEFAULT"
                    + " 'OUTBOUND' NOT NULL",
                "ALTER TABLE dialbridge_inbox ADD COLUMN IF NOT EXISTS direction VARCHAR(8)",
                "ALTER TABLE dialbridge_inbox ADD COLUMN IF NOT EXISTS dialled VARCHAR(128)",
                """
                CREATE TABLE IF NOT EXISTS dialbridge_inbound (
                  call_id VARCHAR(36) PRIMARY KEY,
                  dialled VARCHAR(128),
                  ringing VARCHAR(1000) NOT NULL,
                  matches %s,
                  choose BOOLEAN NOT NULL,
                  done_at TIMESTAMP WITH TIME ZONE,
                  done_by VARCHAR(128),
                  called_back_by VARCHAR(36),
                  created_at TIMESTAMP WITH TIME ZONE NOT NULL
                )\
                """
                    .formatted(d.textColumn()),
                // unrouted calls, newest first
                "CREATE INDEX IF NOT EXISTS dialbridge_inbound_created ON dialbridge_inbound"
                    + " (created_at)",
                // one row per agent an inbound call rang for: their stream and missed list
                """
                CREATE TABLE IF NOT EXISTS dialbridge_inbound_agent (
                  agent VARCHAR(128) NOT NULL,
                  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  call_id VARCHAR(36) NOT NULL,
                  PRIMARY KEY (agent, created_at, call_id)
                )\
                """)),
        // plans made before PostgreSQL has statistics (a new install's, kept for each pooled
        // connection's life) must not read whole tables once they fill. The index of a leg's
        // events led with provider, like the events' unique key, and was taken for it: each
        // duplicate probe read every event of the provider. The applier's claim sorted the whole
        // inbox for its oldest waiting events.
        new Migration(
            7,
            "events by leg, the inbox's waiting events",
            d == Dialect.POSTGRESQL
                ? List.of(
                    "DROP INDEX IF EXISTS dialbridge_event_unlinked",
                    "CREATE INDEX IF NOT EXISTS dialbridge_event_leg ON dialbridge_event"
                        + " (provider_call_id, provider)",
                    "CREATE INDEX IF NOT EXISTS dialbridge_inbox_waiting ON dialbridge_inbox (id)"
                        + " WHERE parked_at IS NULL")
                : List.of(
                    "DROP INDEX IF EXISTS dialbridge_event_unlinked",
                    "CREATE INDEX IF NOT EXISTS dialbridge_event_leg ON dialbridge_event"
                        + " (provider_call_id, provider)")),
        // a call's row is updated by each of its events a few seconds after it was written, when
        // the pages around it are full of newer calls: PostgreSQL then writes the new version
        // elsewhere and a new entry into each of the call's seven indexes (61% of the updates
        // under the bench's webhooks, pg_stat_user_tables). Room left on each page lets an update
        // that changes no indexed column stay on it (a HOT update, no index entries). Pages
        // written from now on; H2 has no such setting.
        new Migration(
            8,
            "room on each call's page for its updates",
            d == Dialect.POSTGRESQL
                ? List.of("ALTER TABLE dialbridge_call SET (fillfactor = 70)")
                : List.of()));
  }

  /** The version this code expects. */
  static int latest(Dialect d) {
    List<Migration> all = migrations(d);
    return all.get(all.size() - 1).version();
  }

  /** Brings the schema to {@link #latest}; a no-op when it is there already. */
  static void migrate(Connection c, Dialect d) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute(
            """
            CREATE TABLE IF NOT EXISTS dialbridge_schema_version (
              version INT PRIMARY KEY,
              description VARCHAR(200) NOT NULL,
              applied_at TIMESTAMP WITH TIME ZONE NOT NULL
            )\
            """);
      }
      c.commit();
      for (Migration m : migrations(d)) {
        if (d == Dialect.POSTGRESQL) {
          try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
          }
        }
        if (applied(c, m.version())) {
          c.commit();
          continue;
        }
        try (Statement s = c.createStatement()) {
          for (String sql : m.statements()) s.execute(sql);
        }
        try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO dialbridge_schema_version (version, description, applied_at) VALUES"
                    + " (?, ?, ?)")) {
          p.setInt(1, m.version());
          p.setString(2, m.description());
          p.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
          p.executeUpdate();
        }
        c.commit();
        LOG.log(
            Level.INFO,
            "Dialbridge schema migrated to version " + m.version() + " (" + m.description() + ")");
      }
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * The inbox's table and indexes on their own, for a database that holds only the inbox ({@link
   * InboxFile}): every statement of the migrations that names {@code dialbridge_inbox}, in order,
   * so that the table is the one the migrations give the calls' database. All are idempotent, and
   * run on every start: the file needs no versions of its own.
   */
  static void createInbox(Connection c, Dialect d) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (Migration m : migrations(d)) {
        for (String sql : m.statements()) {
          if (sql.contains("dialbridge_inbox ")) s.execute(sql);
        }
      }
    }
  }

  /** The highest applied version, 0 for an empty database. */
  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM dialbridge_schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static boolean applied(Connection c, int version) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT 1 FROM dialbridge_schema_version WHERE version = ?")) {
      p.setInt(1, version);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private Schema() {}
}
