package org.dialbridge.core.store;

import static org.dialbridge.core.store.Rows.CALL_COLUMNS;
import static org.dialbridge.core.store.Rows.setInstant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.spi.ContactMatch;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * {@code dialbridge_inbound}, one row per inbound call, and {@code dialbridge_inbound_agent}, one
 * per agent it rang for: what an agent's stream replays, their missed list, the unrouted calls.
 * Matches are kept as JSON, as the directory gave them when the call arrived.
 */
final class InboundTable {
  private static final int MAX_MATCHES = 20;

  /** The most calls a stream replays when it opens. */
  private static final int REPLAYED = 20;

  /** Plain Jackson: the store loads in hosts without Jackson's java.time module. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final TypeReference<List<StoredMatch>> MATCHES = new TypeReference<>() {};

  /** A match as stored: its time as ISO-8601 text. */
  private record StoredMatch(String id, String name, String url, String updatedAt) {}

  private static final String DETAILS =
      "i.dialled, i.ringing, i.matches, i.choose, i.done_at, i.done_by, i.called_back_by";
  private static final String CALL_AND_DETAILS =
      CALL_COLUMNS.replaceAll("(^|, )", "$1c.") + ", " + DETAILS;

  /** A call to insert with its details. */
  record NewInbound(Call call, InboundDetails details) {}

  /** The inbound call an event starts, as {@code routing} decided it. */
  static NewInbound arriving(
      String provider, ProviderEvent event, Instant receivedAt, InboundRouting routing) {
    Instant at =
        event.occurredAt() != null ? event.occurredAt().truncatedTo(ChronoUnit.MILLIS) : receivedAt;
    String agent = routing.ringing().size() == 1 ? routing.ringing().get(0) : null;
    String extension =
        event.agentExtension() != null ? event.agentExtension() : routing.agentExtension();
    Call call =
        new Call(
            UUID.randomUUID().toString(),
            provider,
            event.providerCallId(),
            routing.contactId(),
            agent,
            extension,
            routing.caller(),
            routing.dialled(),
            CallStatus.DIALING,
            null,
            null,
            at,
            null,
            null,
            null,
            Direction.INBOUND);
    return new NewInbound(
        call,
        InboundDetails.arriving(
            routing.dialled(), routing.ringing(), routing.matches(), routing.choose()));
  }

  void insertAll(Connection c, Collection<NewInbound> calls) throws SQLException {
    if (calls.isEmpty()) return;
    try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO dialbridge_inbound (call_id, dialled, ringing, matches, choose,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement agents =
            c.prepareStatement(
                "INSERT INTO dialbridge_inbound_agent (agent, created_at, call_id) VALUES (?, ?,"
                    + " ?)")) {
      boolean anyAgent = false;
      for (NewInbound in : calls) {
        InboundDetails d = in.details();
        p.setString(1, in.call().id());
        p.setString(2, Rows.truncate(d.dialled(), 128));
        p.setString(3, String.join(" ", d.ringing()));
        p.setString(4, json(d.matches()));
        p.setBoolean(5, d.choose());
        setInstant(p, 6, in.call().createdAt());
        p.addBatch();
        for (String agent : d.ringing()) {
          agents.setString(1, agent);
          setInstant(agents, 2, in.call().createdAt());
          agents.setString(3, in.call().id());
          agents.addBatch();
          anyAgent = true;
        }
      }
      p.executeBatch();
      if (anyAgent) agents.executeBatch();
    }
  }

  /** The details of those of {@code callIds} that are inbound calls. */
  Map<String, InboundDetails> find(Connection c, Collection<String> callIds) throws SQLException {
    Map<String, InboundDetails> found = new HashMap<>();
    if (callIds.isEmpty()) return found;
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT i.call_id, "
                + DETAILS
                + " FROM dialbridge_inbound i WHERE i.call_id = ANY (?)")) {
      p.setArray(1, c.createArrayOf("VARCHAR", callIds.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) found.put(rs.getString("call_id"), details(rs));
      }
    }
    return found;
  }

  /**
   * The inbound calls that rang for {@code agent} since {@code since} that are live, or ended after
   * {@code choosingSince} with their match still to choose: what the agent's stream replays.
   */
  List<InboundCall> open(Connection c, String agent, Instant since, Instant choosingSince)
      throws SQLException {
    List<InboundCall> open =
        openForAll(c, List.of(agent), since, choosingSince).getOrDefault(agent, List.of());
    return open.size() > REPLAYED ? List.copyOf(open.subList(0, REPLAYED)) : open;
  }

  /** {@link #open} for several agents in one statement, by agent. */
  Map<String, List<InboundCall>> openForAll(
      Connection c, Collection<String> agents, Instant since, Instant choosingSince)
      throws SQLException {
    Map<String, List<InboundCall>> found = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT a.agent AS ringing_agent, "
                + CALL_AND_DETAILS
                + " FROM dialbridge_inbound_agent a JOIN dialbridge_call c ON c.id = a.call_id"
                + " JOIN dialbridge_inbound i ON i.call_id = a.call_id WHERE a.agent = ANY (?) AND"
                + " a.created_at > ? AND (c.live = TRUE OR (i.choose = TRUE AND c.ended_at > ?))"
                + " ORDER BY a.created_at, a.call_id")) {
      p.setArray(1, c.createArrayOf("VARCHAR", agents.toArray()));
      setInstant(p, 2, since);
      setInstant(p, 3, choosingSince);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          found
              .computeIfAbsent(rs.getString("ringing_agent"), a -> new ArrayList<>())
              .add(new InboundCall(Rows.call(rs), details(rs)));
        }
      }
    }
    return found;
  }

  /**
   * The inbound calls that rang for {@code agent} since {@code since}, ended unanswered, and were
   * neither called back nor marked done, newest first.
   */
  List<InboundCall> missed(Connection c, String agent, Instant since, int limit)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + CALL_AND_DETAILS
                + " FROM dialbridge_inbound_agent a JOIN dialbridge_call c ON c.id = a.call_id"
                + " JOIN dialbridge_inbound i ON i.call_id = a.call_id WHERE a.agent = ? AND"
                + " a.created_at > ? AND c.live = FALSE AND c.answered_at IS NULL AND i.done_at IS"
                + " NULL AND i.called_back_by IS NULL ORDER BY a.created_at DESC, a.call_id DESC"
                + " LIMIT ?")) {
      p.setString(1, agent);
      setInstant(p, 2, since);
      p.setInt(3, limit);
      return inboundCalls(p);
    }
  }

  /** The inbound calls since {@code since} that rang for nobody, newest first. */
  List<InboundCall> unrouted(Connection c, Instant since, int limit) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + CALL_AND_DETAILS
                + " FROM dialbridge_inbound i JOIN dialbridge_call c ON c.id = i.call_id WHERE"
                + " i.created_at > ? AND i.ringing = '' ORDER BY i.created_at DESC, i.call_id DESC"
                + " LIMIT ?")) {
      setInstant(p, 1, since);
      p.setInt(2, limit);
      return inboundCalls(p);
    }
  }

  /** Marks a missed call done. @return false when it was already */
  boolean markDone(Connection c, String callId, String user, Instant at) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_inbound SET done_at = ?, done_by = ? WHERE call_id = ? AND done_at"
                + " IS NULL")) {
      setInstant(p, 1, at);
      p.setString(2, user);
      p.setString(3, callId);
      return p.executeUpdate() == 1;
    }
  }

  /** Links the call that called an inbound caller back; a no-op for any other call. */
  void calledBack(Connection c, String callId, String callbackId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_inbound SET called_back_by = ? WHERE call_id = ? AND called_back_by"
                + " IS NULL")) {
      p.setString(1, callbackId);
      p.setString(2, callId);
      p.executeUpdate();
    }
  }

  /**
   * Fills in the caller of an inbound call that had none, with who they may be.
   *
   * @return false when the call has a caller already (or is not there)
   */
  boolean fillInCaller(
      Connection c,
      String callId,
      String caller,
      List<ContactMatch> matches,
      String contactId,
      boolean choose,
      Instant at)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_call SET from_number = ?, contact_id = COALESCE(contact_id, ?),"
                + " updated_at = ? WHERE id = ? AND from_number IS NULL")) {
      p.setString(1, Rows.truncate(caller, 128));
      p.setString(2, contactId);
      setInstant(p, 3, at);
      p.setString(4, callId);
      if (p.executeUpdate() == 0) return false;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE dialbridge_inbound SET matches = ?, choose = ? WHERE call_id = ?")) {
      p.setString(1, json(matches));
      p.setBoolean(2, choose);
      p.setString(3, callId);
      p.executeUpdate();
    }
    return true;
  }

  /** The match is chosen: nobody is asked any more. */
  void chosen(Connection c, String callId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE dialbridge_inbound SET choose = FALSE WHERE call_id = ?")) {
      p.setString(1, callId);
      p.executeUpdate();
    }
  }

  private static List<InboundCall> inboundCalls(PreparedStatement p) throws SQLException {
    List<InboundCall> found = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) found.add(new InboundCall(Rows.call(rs), details(rs)));
    }
    return found;
  }

  private static InboundDetails details(ResultSet rs) throws SQLException {
    String ringing = rs.getString("ringing");
    return new InboundDetails(
        rs.getString("dialled"),
        ringing == null || ringing.isEmpty() ? List.of() : Arrays.asList(ringing.split(" ")),
        matches(rs.getString("matches")),
        rs.getBoolean("choose"),
        Rows.instant(rs, "done_at"),
        rs.getString("done_by"),
        rs.getString("called_back_by"));
  }

  private static String json(List<ContactMatch> matches) {
    try {
      List<StoredMatch> stored = new ArrayList<>();
      for (ContactMatch m : matches.subList(0, Math.min(matches.size(), MAX_MATCHES))) {
        stored.add(
            new StoredMatch(
                m.id(),
                m.name(),
                m.url(),
                m.updatedAt() == null ? null : m.updatedAt().toString()));
      }
      return JSON.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("contact matches could not be written", e);
    }
  }

  private static List<ContactMatch> matches(String json) {
    if (json == null || json.isEmpty()) return List.of();
    try {
      List<ContactMatch> matches = new ArrayList<>();
      for (StoredMatch m : JSON.readValue(json, MATCHES)) {
        matches.add(
            new ContactMatch(
                m.id(),
                m.name(),
                m.url(),
                m.updatedAt() == null ? null : Instant.parse(m.updatedAt())));
      }
      return matches;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("contact matches could not be read", e);
    }
  }
}
