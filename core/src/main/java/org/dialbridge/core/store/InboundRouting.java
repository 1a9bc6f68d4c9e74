package org.dialbridge.core.store;

import java.util.List;
import org.dialbridge.core.spi.ContactMatch;

/**
 * What the CRM side decided for an inbound call just in: the caller and dialled numbers as
 * normalized, whose phones ring, who may be calling and which contact the call is linked to.
 *
 * @param agentExtension the extension that rings when the event names none (the only routed
 *     agent's), or null
 * @param contactId the contact the call is linked to now, or null (none, or the agent chooses)
 * @param choose true when an agent is to pick one of {@code matches}
 */
public record InboundRouting(
    String caller,
    String dialled,
    List<String> ringing,
    String agentExtension,
    List<ContactMatch> matches,
    String contactId,
    boolean choose) {

  public InboundRouting {
    ringing = List.copyOf(ringing);
    matches = List.copyOf(matches);
  }
}
