package org.dialbridge.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.metrics.Metrics;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * The last webhook deliveries of each configured provider, answered or refused, for administrators
 * to see why a provider's events do not arrive (docs/webhooks.md): in memory, on this node, at most
 * {@value #PER_PROVIDER} per provider. Never a body, a header or a secret; numbers masked.
 */
public final class DeliveryLog {
  static final int PER_PROVIDER = 1_000;

  /** Why a delivery was answered as it was: {@code stored}, {@code duplicate} or an error code. */
  public static final String STORED = "stored";

  public static final String DUPLICATE = "duplicate";

  /**
   * One delivery as answered.
   *
   * @param reason {@link #STORED}, {@link #DUPLICATE} (every event was stored before), or the error
   *     code it was refused with ({@code webhook_unauthenticated}, {@code webhook_unparseable}, …)
   * @param detail why, in words (the field at fault for an unparseable body), or null
   * @param events what it became: each event's type, provider call id and masked number
   */
  public record Entry(
      Instant at,
      String provider,
      String reason,
      String detail,
      String field,
      List<String> events,
      int stored,
      int duplicates,
      String remoteAddress) {

    /** True when its events were stored, now or before. */
    public boolean accepted() {
      return reason.equals(STORED) || reason.equals(DUPLICATE);
    }
  }

  private final Clock clock;
  private final Set<String> providers;
  private final Map<String, Deque<Entry>> byProvider = new ConcurrentHashMap<>();

  private final Metrics metrics;

  DeliveryLog(Clock clock, Set<String> providers, Metrics metrics) {
    this.clock = clock;
    this.providers = Set.copyOf(providers);
    this.metrics = metrics;
  }

  void accepted(String provider, List<ProviderEvent> events, int stored, String remoteAddress) {
    List<String> summaries = new ArrayList<>(events.size());
    for (ProviderEvent e : events) {
      summaries.add(
          e.type()
              + (e.status() == null ? "" : " " + e.status())
              + (e.providerCallId() == null ? "" : " call " + e.providerCallId())
              + (e.number() == null ? "" : " " + PhoneNumbers.mask(e.number())));
    }
    add(
        new Entry(
            clock.instant(),
            provider,
            stored > 0 ? STORED : DUPLICATE,
            null,
            null,
            List.copyOf(summaries),
            stored,
            events.size() - stored,
            remoteAddress));
  }

  void refused(String provider, ErrorCode code, String detail, String field, String remoteAddress) {
    add(
        new Entry(
            clock.instant(), provider, code.wire(), detail, field, List.of(), 0, 0, remoteAddress));
  }

  /** An unknown provider's deliveries are not kept: anyone can make up names. */
  private void add(Entry entry) {
    if (!providers.contains(entry.provider())) return;
    metrics.webhook(entry.provider(), entry.accepted(), entry.reason());
    Deque<Entry> entries = byProvider.computeIfAbsent(entry.provider(), p -> new ArrayDeque<>());
    synchronized (entries) {
      entries.addFirst(entry);
      if (entries.size() > PER_PROVIDER) entries.removeLast();
    }
  }

  /**
   * The deliveries kept, newest first.
   *
   * @param provider only this provider's, or null for every provider's
   * @param outcome {@code accepted}, {@code refused}, a reason ({@code stored}, an error code), or
   *     null for all
   */
  public List<Entry> recent(String provider, String outcome, int limit) {
    List<Entry> found = new ArrayList<>();
    for (Map.Entry<String, Deque<Entry>> e : byProvider.entrySet()) {
      if (provider != null && !provider.equals(e.getKey())) continue;
      synchronized (e.getValue()) {
        for (Iterator<Entry> it = e.getValue().iterator(); it.hasNext(); ) {
          Entry entry = it.next();
          if (matches(entry, outcome)) found.add(entry);
        }
      }
    }
    found.sort((a, b) -> b.at().compareTo(a.at()));
    return found.size() > limit ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
  }

  private static boolean matches(Entry entry, String outcome) {
    if (outcome == null) return true;
    return switch (outcome) {
      case "accepted" -> entry.accepted();
      case "refused" -> !entry.accepted();
      default -> entry.reason().equals(outcome);
    };
  }
}
