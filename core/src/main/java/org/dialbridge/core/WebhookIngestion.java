package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.provider.support.GenericEvents;
import org.dialbridge.core.spi.ContactDirectory;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.Ingested;

/**
 * Stores one webhook delivery, already authenticated: parses it (the generic event format first, on
 * every provider, then the provider's own), stores each event exactly once, lets the provider react
 * to each new one, and tells of every change. A call the delivery is the first news of is linked to
 * the contact the host's directory knows its number by.
 */
final class WebhookIngestion {
  private static final System.Logger LOG = System.getLogger(WebhookIngestion.class.getName());

  private final ConfiguredProviders providers;
  private final CallStore store;
  private final CallRecorder recorder;
  private final ContactDirectory contacts;
  private final PhoneNumbers phoneNumbers;
  private final Clock clock;

  WebhookIngestion(
      ConfiguredProviders providers,
      CallStore store,
      CallRecorder recorder,
      ContactDirectory contacts,
      PhoneNumbers phoneNumbers,
      Clock clock) {
    this.providers = providers;
    this.store = store;
    this.recorder = recorder;
    this.contacts = contacts;
    this.phoneNumbers = phoneNumbers;
    this.clock = clock;
  }

  Delivery ingest(String provider, WebhookRequest request) {
    TelephonyProvider telephony = providers.require(provider);
    List<ProviderEvent> events = parse(telephony, request);
    InputSizes.checkEvents(events);
    Instant received = clock.instant();
    int stored = 0;
    int duplicates = 0;
    for (ProviderEvent event : events) {
      String contact = contactFor(telephony.name(), event);
      Ingested result =
          store.ingest(
              telephony.name(),
              event,
              received,
              telephony::interpret,
              contact,
              CallRecorder.CORRELATION_WINDOW);
      if (result.duplicate()) {
        duplicates++;
        continue;
      }
      stored++;
      recorder.announce(List.of(result));
      if (result.after() != null) react(telephony, event, result.after());
    }
    return new Delivery(stored, duplicates);
  }

  /**
   * The generic event when the body is one (by its {@code event}), else what the provider's parser
   * reads.
   */
  static List<ProviderEvent> parse(TelephonyProvider telephony, WebhookRequest request) {
    return GenericEvents.withGeneric((r, root, payload) -> telephony.webhookParser().parse(r))
        .parse(request);
  }

  private String contactFor(String provider, ProviderEvent event) {
    if (contacts == ContactDirectory.NONE
        || event.number() == null
        || event.providerCallId() == null) return null;
    if (store.resolveCallId(provider, event, CallRecorder.CORRELATION_WINDOW).isPresent())
      return null;
    Optional<Destination> number =
        phoneNumbers
            .tryParse(
                event.number().startsWith("+") || event.number().length() < 7
                    ? event.number()
                    : "+" + event.number())
            .or(() -> phoneNumbers.tryParse(event.number()));
    if (number.isEmpty() || number.get().isExtension()) return null;
    try {
      List<String> ids = contacts.contactIds(number.get().e164());
      return ids.isEmpty() ? null : ids.get(0);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "contact directory failed for " + number.get().masked() + ": " + e);
      return null;
    }
  }

  private void react(TelephonyProvider telephony, ProviderEvent event, Call call) {
    Set<String> legs;
    try {
      legs = telephony.react(event, call);
    } catch (ProviderException e) {
      LOG.log(
          Level.WARNING,
          "call "
              + call.id()
              + ": "
              + telephony.name()
              + " could not act on its event: "
              + e.getMessage());
      recorder.record(
          telephony.name(),
          OwnEvent.of(
              call.id(),
              "reaction-failed",
              EventType.HANGUP,
              CallStatus.FAILED,
              HangupCause.PROVIDER_ERROR,
              e.code() + ": " + e.getMessage(),
              clock.instant()));
      return;
    }
    for (String leg : legs) {
      recorder.announce(
          store.linkLeg(call.id(), telephony.name(), leg, false, telephony::interpret));
    }
  }
}
