package org.dialbridge.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 *
 * <ul>
 *   <li>{@code c3}: Dialbridge's generic events (C3 documents no webhook) dialing, ringing,
 *       answered, hangup; token as the last path segment;
 *   <li>{@code bm} (BemMelhor): {@code call.dialing}, {@code call.hangup}; HMAC signature;
 *   <li>{@code bw} (Bandwidth v1): answer of the agent leg (Dialbridge then transfers it to the
 *       customer through the fake provider), answer and hangup of the customer leg, hangup of the
 *       agent leg; HTTP Basic from the callback URL;
 *   <li>{@code uc} (uContact): FinishInteraction, InteractionDisposition; token header.
 * </ul>
 *
 * Calls are seeded in the database beforehand as Dialbridge would have placed them (call row and
 * leg), so every event goes the whole way: leg look-up, call lock, status move, insert. Each sender
 * keeps four calls going and interleaves their events; {@value #DUPLICATES} of deliveries are a
 * redelivery of one already answered and {@value #OUT_OF_ORDER} of events overtake the event before
 * them.
 */
final class Webhooks {
  static final double DUPLICATES = 0.10;
  static final double OUT_OF_ORDER = 0.05;
  static final String[] PROVIDERS = {"c3", "bm", "bw", "uc"};
  static final String C3_TOKEN = "c3-hook-token";
  static final String BM_SECRET = "bm-hook-secret";
  static final String BM_CLIENT = "e57575aa-8995-43b6-8942-31e6e9135a25";
  static final String UC_TOKEN = "uc-hook-token";
  static final String BW_AUTH =
      "Basic "
          + Base64.getEncoder().encodeToString("hook:hookpass".getBytes(StandardCharsets.UTF_8));
  static final int AGENTS = 1000;
  static final int CONTACTS = 100_000;

  /** One call of the workload, a pure function of its number. */
  record PlannedCall(
      long n,
      String provider,
      String id,
      String providerCallId,
      String contactId,
      String agent,
      String agentExtension,
      String to) {
    static PlannedCall of(long n) {
      String provider = PROVIDERS[(int) (n % 4)];
      String id = new UUID(0x6469616c62726467L, n).toString();
      String agent = "agent-" + (n % AGENTS);
      String contact = "c" + ((n * 7919) % CONTACTS);
      String digits = String.format("%07d", (n * 104729) % 10_000_000);
      return switch (provider) {
        case "c3" ->
            new PlannedCall(
                n,
                provider,
                id,
                "api_b" + n,
                contact,
                agent,
                "6" + (n % AGENTS),
                "+5115" + digits.substring(1));
        case "bm" ->
            new PlannedCall(
                n,
                provider,
                id,
                String.format("%016x", 0x1b0000000000000L + n),
                contact,
                agent,
                "7" + (n % AGENTS),
                "+55119" + digits + "1");
        case "bw" ->
            new PlannedCall(
                n,
                provider,
                id,
                "c-b" + n,
                contact,
                agent,
                "sip:" + agent + "@agents.example.com",
                "+1919" + digits);
        default ->
            new PlannedCall(
                n,
                provider,
                id,
                new UUID(0x75636f6e74616374L, n).toString(),
                contact,
                agent,
                "8" + (n % AGENTS),
                "+5114" + digits.substring(1));
      };
    }
  }

  /** One POST: where, what, and whether its body must be signed at send time. */
  record Delivery(
      URI uri, byte[] body, ContentType type, Map<String, String> headers, boolean sign) {
    Map<String, String> headersNow() {
      if (!sign) return headers;
      Map<String, String> h = new HashMap<>(headers);
      h.put(WebhookSignatures.HEADER, WebhookSignatures.sign(BM_SECRET, Instant.now(), body));
      return h;
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
      while (active.size() < 4)
        active.add(new ArrayList<>(ProviderDeliveries.of(base, PlannedCall.of(calls.take()))));
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

    /** Whether the last delivery {@link #next} handed out is the first of its event. */
    boolean currentIsUnique() {
      return currentUnique;
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
  }
}
