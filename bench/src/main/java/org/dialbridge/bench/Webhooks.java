package org.dialbridge.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.ContentType;
import org.dialbridge.core.webhook.WebhookSignatures;

/**
 * The ingest workload: calls on the four providers, each call the webhook deliveries its provider
 * documents, posted as that provider would (path, content type, authentication):
 * <ul>
 *   <li>{@code c3}: Dialbridge's generic events (C3 documents no webhook) dialing, ringing,
 *       answered, hangup; token as the last path segment;</li>
 *   <li>{@code bm} (BemMelhor): {@code call.dialing}, {@code call.hangup}; HMAC signature;</li>
 *   <li>{@code bw} (Bandwidth v1): answer of the agent leg (Dialbridge then transfers it to the
 *       customer through the fake provider), answer and hangup of the customer leg, hangup of the
 *       agent leg; HTTP Basic from the callback URL;</li>
 *   <li>{@code uc} (uContact): FinishInteraction, InteractionDisposition; token header.</li>
 * </ul>
 * Calls are seeded in the database beforehand as Dialbridge would have placed them (call row and
 * leg), so every event goes the whole way: leg look-up, call lock, status move, insert. Each
 * sender keeps four calls going and interleaves their events; {@value #DUPLICATES} of deliveries
 * are a redelivery of one already answered and {@value #OUT_OF_ORDER} of events overtake the
 * event before them.
 */
final class Webhooks {
  static final double DUPLICATES = 0.10;
  static final double OUT_OF_ORDER = 0.05;
  static final String[] PROVIDERS = {"c3", "bm", "bw", "uc"};
  static final String C3_TOKEN = "c3-hook-token";
  static final String BM_SECRET = "bm-hook-secret";
  static final String BM_CLIENT = "e57575aa-8995-43b6-8942-31e6e9135a25";
  static final String UC_TOKEN = "uc-hook-token";
  static final String BW_AUTH = "Basic " + Base64.getEncoder().encodeToString("hook:hookpass".getBytes(StandardCharsets.UTF_8));
  static final int AGENTS = 1000;
  static final int CONTACTS = 100_000;
  private static final ContentType JSON = ContentType.APPLICATION_JSON;
  private static final ContentType JSON_UTF8 = ContentType.create("application/json", StandardCharsets.UTF_8);
  private static final Instant EPOCH = Instant.parse("2025-05-13T06:00:00Z");
  private static final DateTimeFormatter UCONTACT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** One call of the workload, a pure function of its number. */
  record PlannedCall(long n, String provider, String id, String providerCallId, String contactId, String agent,
      String agentExtension, String to) {
    static PlannedCall of(long n) {
      String provider = PROVIDERS[(int) (n % 4)];
      String id = new UUID(0x6469616c62726467L, n).toString();
      String agent = "agent-" + (n % AGENTS);
      String contact = "c" + ((n * 7919) % CONTACTS);
      String digits = String.format("%07d", (n * 104729) % 10_000_000);
      return switch (provider) {
        case "c3" -> new PlannedCall(n, provider, id, "api_b" + n, contact, agent, "6" + (n % AGENTS), "+5115" + digits.substring(1));
        case "bm" -> new PlannedCall(n, provider, id, String.format("%016x", 0x1b0000000000000L + n), contact, agent,
            "7" + (n % AGENTS), "+55119" + digits + "1");
        case "bw" -> new PlannedCall(n, provider, id, "c-b" + n, contact, agent, "sip:" + agent + "@agents.example.com",
            "+1919" + digits);
        default -> new PlannedCall(n, provider, id, new UUID(0x75636f6e74616374L, n).toString(), contact, agent,
            "8" + (n % AGENTS), "+5114" + digits.substring(1));
      };
    }
  }

  /** One POST: where, what, and whether its body must be signed at send time. */
  record Delivery(URI uri, byte[] body, ContentType type, Map<String, String> headers, boolean sign) {
    Map<String, String> headersNow() {
      if (!sign) return headers;
      Map<String, String> h = new HashMap<>(headers);
      h.put(WebhookSignatures.HEADER, WebhookSignatures.sign(BM_SECRET, Instant.now(), body));
      return h;
    }
  }

  /** The Dialbridge configuration of the four providers (webhook authentication included). */
  static Map<String, String> providerConfig(String fakeBase) {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.default-provider", "c3");
    p.put("dialbridge.default-region", "PE");
    p.put("dialbridge.dial.allowed-regions", "PE,BR,US");
    p.put("dialbridge.dial.rate-limit", "1000000/1m");
    // the fake providers never hang up, so each agent's next turn would find its last call live
    p.put("dialbridge.dial.one-live-call", "false");
    p.put("dialbridge.providers.c3.type", "c3");
    p.put("dialbridge.providers.c3.base-url", fakeBase);
    p.put("dialbridge.providers.c3.token", "c3-api-token");
    p.put("dialbridge.providers.c3.webhook-token", C3_TOKEN);
    p.put("dialbridge.providers.bm.type", "bemmelhor");
    p.put("dialbridge.providers.bm.base-url", fakeBase);
    p.put("dialbridge.providers.bm.client-id", BM_CLIENT);
    p.put("dialbridge.providers.bm.webhook-hmac-secret", BM_SECRET);
    p.put("dialbridge.providers.bw.type", "bandwidth");
    p.put("dialbridge.providers.bw.base-url", fakeBase + "/v1");
    p.put("dialbridge.providers.bw.user-id", FakeProviders.BANDWIDTH_USER);
    p.put("dialbridge.providers.bw.api-token", "bw-api-token");
    p.put("dialbridge.providers.bw.api-secret", "bw-api-secret");
    p.put("dialbridge.providers.bw.from-number", "+13865245000");
    p.put("dialbridge.providers.bw.callback-url", "http://hook:hookpass@127.0.0.1/crm/dialbridge/webhooks/bw");
    p.put("dialbridge.providers.bw.webhook-basic-user", "hook");
    p.put("dialbridge.providers.bw.webhook-basic-password", "hookpass");
    p.put("dialbridge.providers.uc.type", "ucontact");
    p.put("dialbridge.providers.uc.base-url", fakeBase);
    p.put("dialbridge.providers.uc.token", "dWNvbnRhY3Q6YmVuY2g=");
    p.put("dialbridge.providers.uc.callerid", "5114115000");
    p.put("dialbridge.providers.uc.context", "agentes");
    p.put("dialbridge.providers.uc.outqueue", "manual->");
    p.put("dialbridge.providers.uc.webhook-token", UC_TOKEN);
    for (int a = 0; a < AGENTS; a++) p.put("dialbridge.agents.agent-" + a + ".extension", String.valueOf(6000 + a));
    return p;
  }

  /**
   * Inserts calls {@code 0..count-1} as Dialbridge records a call it placed and the provider
   * confirmed (a live call row and its leg), in batches, straight into the schema.
   */
  static void seed(BenchDb db, long count) throws SQLException {
    Instant now = Instant.now();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement call = c.prepareStatement("INSERT INTO dialbridge_call (id, provider, provider_call_id, "
          + "contact_id, agent, agent_extension, from_number, to_number, status, created_at, updated_at, live) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'DIALING', ?, ?, TRUE)");
           PreparedStatement leg = c.prepareStatement(
               "INSERT INTO dialbridge_call_leg (provider, provider_call_id, call_id) VALUES (?, ?, ?)")) {
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

  /** Hands out call numbers to the senders; past the seeded ones, calls Dialbridge never placed. */
  static final class Calls {
    private final AtomicLong next = new AtomicLong();
    private final long seeded;

    Calls(long seeded) {
      this.seeded = seeded;
    }

    long take() {
      return next.getAndIncrement();
    }

    long taken() {
      return next.get();
    }

    long unseededTaken() {
      return Math.max(0, next.get() - seeded);
    }
  }

  /** Counts over all senders of one target. */
  static final class Counts {
    final AtomicLong unique = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong outOfOrder = new AtomicLong();
    final AtomicLong uniqueFailed = new AtomicLong();
  }

  /** One sender's stream of deliveries; used by one thread only. */
  static final class Sender {
    private final String base;
    private final Calls calls;
    private final Counts counts;
    private final SplittableRandom random;
    private final List<List<Delivery>> active = new ArrayList<>();
    private final Delivery[] recent = new Delivery[64];
    private int recentCount;
    private Delivery current;
    private boolean currentUnique;

    Sender(String base, Calls calls, Counts counts, long seed) {
      this.base = base;
      this.calls = calls;
      this.counts = counts;
      this.random = new SplittableRandom(seed);
    }

    /** The next delivery to post. */
    Delivery next() {
      if (recentCount > 0 && random.nextDouble() < DUPLICATES) {
        current = recent[random.nextInt(Math.min(recentCount, recent.length))];
        currentUnique = false;
        return current;
      }
      while (active.size() < 4) active.add(new ArrayList<>(deliveries(PlannedCall.of(calls.take()))));
      int which = random.nextInt(active.size());
      List<Delivery> call = active.get(which);
      int index = 0;
      if (call.size() >= 2 && random.nextDouble() < OUT_OF_ORDER) {
        index = 1;
        counts.outOfOrder.incrementAndGet();
      }
      current = call.remove(index);
      if (call.isEmpty()) active.remove(which);
      currentUnique = true;
      return current;
    }

    /** Tells the sender how the last delivery was answered. */
    void answered(boolean stored) {
      if (currentUnique) {
        if (stored) {
          counts.unique.incrementAndGet();
          recent[recentCount++ % recent.length] = current;
        } else {
          counts.uniqueFailed.incrementAndGet();
        }
      } else {
        counts.duplicates.incrementAndGet();
      }
    }

    private List<Delivery> deliveries(PlannedCall p) {
      Instant t0 = EPOCH.plusMillis(p.n() * 10);
      List<Delivery> d = new ArrayList<>(4);
      switch (p.provider()) {
        case "c3" -> {
          URI uri = URI.create(base + "/dialbridge/webhooks/c3/" + C3_TOKEN);
          String id = p.providerCallId();
          d.add(json(uri, "{\"event\":\"dialing\",\"callId\":\"" + id + "\",\"time\":\"" + t0 + "\"}", Map.of()));
          d.add(json(uri, "{\"event\":\"ringing\",\"callId\":\"" + id + "\",\"time\":\"" + t0.plusMillis(2100) + "\"}", Map.of()));
          d.add(json(uri, "{\"event\":\"answered\",\"callId\":\"" + id + "\",\"time\":\"" + t0.plusMillis(8400) + "\"}", Map.of()));
          d.add(json(uri, "{\"event\":\"hangup\",\"callId\":\"" + id + "\",\"cause\":\"NORMAL_CLEARING\",\"time\":\""
              + t0.plusMillis(95_300) + "\"}", Map.of()));
        }
        case "bm" -> {
          URI uri = URI.create(base + "/dialbridge/webhooks/bm");
          String to = "0" + p.to().substring(3);
          d.add(new Delivery(uri, bytes("{\"event\":\"call.dialing\",\"clientId\":\"" + BM_CLIENT + "\",\"data\":{\"created\":"
              + t0.toEpochMilli() + ",\"from\":\"" + p.agentExtension() + "\",\"to\":\"" + to + "\",\"error\":null,\"callId\":\""
              + p.providerCallId() + "\",\"serverMessage\":\"Chamando o destino\",\"disposition\":null}}"), JSON, Map.of(), true));
          d.add(new Delivery(uri, bytes("{\"event\":\"call.hangup\",\"clientId\":\"" + BM_CLIENT + "\",\"data\":{\"created\":"
              + t0.plusMillis(95_300).toEpochMilli() + ",\"from\":\"" + p.agentExtension() + "\",\"to\":\"h\",\"error\":null,"
              + "\"callId\":\"" + p.providerCallId() + "\",\"serverMessage\":\"Liga\u00e7\u00e3o encerrada\",\"disposition\":\"ANSWERED\"}}"),
              JSON, Map.of(), true));
        }
        case "bw" -> {
          URI uri = URI.create(base + "/dialbridge/webhooks/bw");
          Map<String, String> auth = Map.of("Authorization", BW_AUTH);
          String agentLeg = p.providerCallId();
          String customerLeg = agentLeg + "-b";
          String calls = "https://api.catapult.inetwork.com/v1/users/" + FakeProviders.BANDWIDTH_USER + "/calls/";
          d.add(new Delivery(uri, bytes("{\"eventType\":\"answer\",\"from\":\"+13865245000\",\"to\":\"" + p.agentExtension()
              + "\",\"callId\":\"" + agentLeg + "\",\"callUri\":\"" + calls + agentLeg + "\",\"callState\":\"active\",\"time\":\""
              + t0.plusMillis(4200) + "\",\"tag\":\"" + p.id() + "\"}"), JSON_UTF8, auth, false));
          d.add(new Delivery(uri, bytes("{\"eventType\":\"answer\",\"from\":\"+13865245000\",\"to\":\"" + p.to()
              + "\",\"callId\":\"" + customerLeg + "\",\"callUri\":\"" + calls + customerLeg + "\",\"callState\":\"active\","
              + "\"time\":\"" + t0.plusMillis(11_800) + "\"}"), JSON_UTF8, auth, false));
          d.add(new Delivery(uri, bytes("{\"eventType\":\"hangup\",\"callId\":\"" + customerLeg + "\",\"callUri\":\"" + calls
              + customerLeg + "\",\"from\":\"+13865245000\",\"to\":\"" + p.to() + "\",\"cause\":\"NORMAL_CLEARING\",\"time\":\""
              + t0.plusMillis(97_000) + "\"}"), JSON_UTF8, auth, false));
          d.add(new Delivery(uri, bytes("{\"eventType\":\"hangup\",\"callId\":\"" + agentLeg + "\",\"callUri\":\"" + calls
              + agentLeg + "\",\"from\":\"+13865245000\",\"to\":\"" + p.agentExtension() + "\",\"cause\":\"NORMAL_CLEARING\","
              + "\"time\":\"" + t0.plusMillis(97_400) + "\",\"tag\":\"" + p.id() + "\"}"), JSON_UTF8, auth, false));
        }
        default -> {
          URI uri = URI.create(base + "/dialbridge/webhooks/uc");
          Map<String, String> token = Map.of("X-Dialbridge-Token", UC_TOKEN);
          d.add(json(uri, "{\"event\":\"FinishInteraction\",\"date\":\"" + UCONTACT_DATE.format(t0.plusSeconds(96))
              + "\",\"guid\":\"" + p.providerCallId() + "\",\"campaign\":\"manual->\",\"agent\":\"" + p.agent() + "\"}", token));
          d.add(json(uri, "{\"event\":\"InteractionDisposition\",\"date\":\"" + UCONTACT_DATE.format(t0.plusSeconds(131))
              + "\",\"guid\":\"" + p.providerCallId() + "\",\"campaign\":\"manual->\",\"agent\":\"" + p.agent()
              + "\",\"l1\":\"Contactado\",\"l2\":\"Venta\",\"comment\":\"\"}", token));
        }
      }
      return d;
    }

    private static Delivery json(URI uri, String body, Map<String, String> headers) {
      return new Delivery(uri, bytes(body), JSON, headers, false);
    }

    private static byte[] bytes(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
  }
}
