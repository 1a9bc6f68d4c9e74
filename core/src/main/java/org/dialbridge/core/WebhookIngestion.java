package org.dialbridge.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.provider.support.GenericEvents;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.store.Inbound;

/**
 * Accepts one webhook delivery, already authenticated: parses it (the generic event format first,
 * on every provider, then the provider's own), refuses values too long to store, and appends its
 * events to the inbox, returning once they are durable. The {@link InboxApplier} moves the calls.
 */
final class WebhookIngestion {
  private final ConfiguredProviders providers;
  private final InboxWriter inbox;
  private final DeliveryLog deliveries;
  private final Clock clock;

  WebhookIngestion(
      ConfiguredProviders providers, InboxWriter inbox, DeliveryLog deliveries, Clock clock) {
    this.providers = providers;
    this.inbox = inbox;
    this.deliveries = deliveries;
    this.clock = clock;
  }

  /**
   * @param remoteAddress the sender's address, for the delivery log; null when unknown
   */
  Delivery ingest(String provider, WebhookRequest request, String remoteAddress) {
    TelephonyProvider telephony = providers.require(provider);
    List<ProviderEvent> events;
    int stored = 0;
    try {
      events = parse(telephony, request);
      InputSizes.checkEvents(events);
      Instant received = clock.instant();
      List<Inbound> inbound = new ArrayList<>(events.size());
      for (ProviderEvent event : events)
        inbound.add(new Inbound(telephony.name(), event, received));
      for (boolean appended : inbox.append(inbound)) if (appended) stored++;
    } catch (DialbridgeException e) {
      String field = e instanceof WebhookParseException parse ? parse.field() : null;
      deliveries.refused(provider, e.errorCode(), e.getMessage(), field, remoteAddress);
      throw e;
    } catch (RuntimeException e) {
      deliveries.refused(
          provider, ErrorCode.INTERNAL_ERROR, "it could not be processed", null, remoteAddress);
      throw e;
    }
    deliveries.accepted(provider, events, stored, remoteAddress);
    return new Delivery(stored, events.size() - stored);
  }

  /**
   * The generic event when the body is one (by its {@code event}), else what the provider's parser
   * reads.
   */
  static List<ProviderEvent> parse(TelephonyProvider telephony, WebhookRequest request) {
    return GenericEvents.withGeneric((r, root, payload) -> telephony.webhookParser().parse(r))
        .parse(request);
  }
}
