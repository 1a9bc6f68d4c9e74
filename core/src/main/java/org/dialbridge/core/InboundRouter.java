package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dialbridge.core.config.InboundSettings;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.ContactDirectory;
import org.dialbridge.core.spi.ContactMatch;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.store.InboundRouting;

/**
 * The CRM's side of a call Dialbridge did not place, decided as its first event is applied: for an
 * inbound call, whose phones ring (the event's agent, else {@code dialbridge.inbound.routes}) and
 * who is calling (the contact directory, then {@code several-matches}); for an outbound one the
 * contact its number matches. A failing directory is logged and reads as no answer: the call is
 * stored all the same.
 */
final class InboundRouter {
  private static final System.Logger LOG = System.getLogger(InboundRouter.class.getName());

  private final InboundSettings settings;
  private final AgentLookup agents;
  private final ContactDirectory contacts;
  private final PhoneNumbers phoneNumbers;

  InboundRouter(
      InboundSettings settings,
      AgentLookup agents,
      ContactDirectory contacts,
      PhoneNumbers phoneNumbers) {
    this.settings = settings;
    this.agents = agents;
    this.contacts = contacts;
    this.phoneNumbers = phoneNumbers;
  }

  InboundRouting route(String provider, ProviderEvent event) {
    Optional<Destination> caller = number(event.number(), true);
    Optional<Destination> dialled = number(event.dialled(), true);
    List<String> ringing = ringing(provider, event, dialled);
    String extension =
        event.agentExtension() == null && ringing.size() == 1
            ? agents.find(ringing.get(0)).map(Agent::extension).orElse(null)
            : null;
    Caller who = caller(caller, event.number());
    return new InboundRouting(
        who.number(),
        dialled.map(Destination::e164).orElse(event.dialled()),
        ringing,
        extension,
        who.matches(),
        who.contactId(),
        who.choose());
  }

  /**
   * The extensions whose phones an inbound call starting with {@code event} rings, as {@link
   * #route} decides who rings, without asking the contact directory: for a provider that must say
   * at once where the call goes (Bandwidth v2 answers {@code initiate} with BXML). The event's own
   * agent is rung as named; routed users without an extension are left out.
   */
  List<String> ringingExtensions(String provider, ProviderEvent event) {
    if (event.agentExtension() != null && !event.agentExtension().isBlank()) {
      return List.of(event.agentExtension());
    }
    return ringing(provider, event, number(event.dialled(), true)).stream()
        .map(user -> agents.find(user).map(Agent::extension).orElse(null))
        .filter(extension -> extension != null && !extension.isBlank())
        .distinct()
        .toList();
  }

  /**
   * The CRM users an inbound call rings: the event's agent, else the dialled number's route, else
   * the default route.
   */
  private List<String> ringing(
      String provider, ProviderEvent event, Optional<Destination> dialled) {
    List<String> ringing =
        agents.userFor(provider, event.agentExtension()).map(List::of).orElse(List.of());
    if (!ringing.isEmpty()) return ringing;
    return settings.route(dialled.map(Destination::e164Digits).orElse(digits(event.dialled())));
  }

  /**
   * Who is calling from {@code number}, as a provider gives it.
   *
   * @param number the caller's number as given (normalized here), or null when unknown
   * @param matches the contacts whose number it is
   * @param contactId the one the call is linked to, or null
   * @param choose true when an agent is to pick one of several
   */
  record Caller(String number, List<ContactMatch> matches, String contactId, boolean choose) {}

  /** {@link Caller} from a number found later (a provider's active-call look-up). */
  Caller caller(String number) {
    return caller(number(number, true), number);
  }

  private Caller caller(Optional<Destination> caller, String raw) {
    List<ContactMatch> matches = caller.map(this::matches).orElse(List.of());
    String contact = null;
    boolean choose = false;
    if (matches.size() == 1) {
      contact = matches.get(0).id();
    } else if (matches.size() > 1) {
      switch (settings.severalMatches()) {
        case ASK -> choose = true;
        case MOST_RECENT -> contact = mostRecent(matches).id();
        case NONE -> {}
      }
    }
    return new Caller(caller.map(Destination::e164).orElse(raw), matches, contact, choose);
  }

  /** The CRM contact of an event of an outbound call Dialbridge did not place, or null. */
  String contactForNewCall(ProviderEvent event) {
    if (contacts == ContactDirectory.NONE) return null;
    Optional<Destination> number = number(event.number(), false);
    if (number.isEmpty()) return null;
    try {
      List<String> ids = contacts.contactIds(number.get().e164());
      return ids.isEmpty() ? null : ids.get(0);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "contact directory failed for " + number.get().masked() + ": " + e);
      return null;
    }
  }

  String agentFor(String provider, String extension) {
    return agents.userFor(provider, extension).orElse(null);
  }

  private List<ContactMatch> matches(Destination caller) {
    if (contacts == ContactDirectory.NONE) return List.of();
    try {
      List<ContactMatch> found = contacts.matches(caller.e164());
      return found == null ? List.of() : found;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "contact directory failed for " + caller.masked() + ": " + e);
      return List.of();
    }
  }

  /** The match changed last; of equals (or none dated), the directory's first. */
  private static ContactMatch mostRecent(List<ContactMatch> matches) {
    return matches.stream()
        .max(
            Comparator.comparing(
                ContactMatch::updatedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder())))
        .filter(m -> m.updatedAt() != null)
        .orElse(matches.get(0));
  }

  /**
   * A number as a provider or PBX gives it: in international form, or (with {@code localFirst})
   * read in the default region before trying it as digits missing their {@code +}; null, an
   * extension or nonsense read as none.
   */
  private Optional<Destination> number(String raw, boolean localFirst) {
    if (raw == null || raw.isBlank()) return Optional.empty();
    String plus = raw.startsWith("+") || raw.strip().length() < 7 ? raw : "+" + raw.strip();
    Optional<Destination> read =
        localFirst
            ? phoneNumbers.tryParse(raw).or(() -> phoneNumbers.tryParse(plus))
            : phoneNumbers.tryParse(plus).or(() -> phoneNumbers.tryParse(raw));
    return read.filter(d -> !d.isExtension());
  }

  private static String digits(String number) {
    return number == null ? null : number.replaceAll("\\D", "");
  }
}
