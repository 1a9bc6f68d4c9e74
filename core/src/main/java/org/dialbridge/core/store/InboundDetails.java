package org.dialbridge.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.dialbridge.core.spi.ContactMatch;

/**
 * What Dialbridge keeps of an inbound call besides the call: who it rang for, who may be calling,
 * and whether its miss was dealt with (docs/inbound.md).
 *
 * @param dialled the number the caller dialled, when the provider gave it
 * @param ringing the CRM users whose phones rang; empty when nobody was mapped (unrouted)
 * @param matches the contacts whose number is the caller's, as the directory answered
 * @param choose true while an agent is to pick one of several matches
 * @param doneAt when an agent marked the missed call done, or null
 * @param calledBackBy the id of the call that called the caller back, or null
 */
public record InboundDetails(
    String dialled,
    List<String> ringing,
    List<ContactMatch> matches,
    boolean choose,
    Instant doneAt,
    String doneBy,
    String calledBackBy) {

  public InboundDetails {
    ringing = List.copyOf(ringing);
    matches = List.copyOf(matches);
  }

  /** A call just in: nothing dealt with yet. */
  static InboundDetails arriving(
      String dialled, List<String> ringing, List<ContactMatch> matches, boolean choose) {
    return new InboundDetails(dialled, ringing, matches, choose, null, null, null);
  }

  /** True when the call rang for {@code user}. */
  public boolean rangFor(String user) {
    return user != null && ringing.contains(user);
  }

  /** True when nobody was mapped to the call. */
  public boolean unrouted() {
    return ringing.isEmpty();
  }

  /** True once the missed call was called back or marked done. */
  public boolean dealtWith() {
    return doneAt != null || calledBackBy != null;
  }

  /** The match of this contact id, if it is one. */
  public boolean matches(String contactId) {
    return matches.stream().anyMatch(m -> Objects.equals(m.id(), contactId));
  }
}
