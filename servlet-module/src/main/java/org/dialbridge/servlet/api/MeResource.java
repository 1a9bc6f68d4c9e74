package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.Capabilities;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.servlet.Problems;

/**
 * {@code /me}: the signed-in agent as Dialbridge sees them: their extension, their own provider
 * and what it can do, and every configured provider with its capabilities (a call may go through
 * any of them).
 */
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {
  private final Dialbridge dialbridge;

  MeResource(Dialbridge dialbridge) {
    this.dialbridge = dialbridge;
  }

  @GET
  public ObjectNode me(@Context SecurityContext sc) {
    Requester who = Requester.of(sc, dialbridge.config().security().adminRole());
    Optional<Agent> agent = dialbridge.agent(who.user());
    ObjectNode node = Problems.JSON.createObjectNode();
    node.put("user", who.user());
    node.put("admin", who.admin());
    node.put("mapped", agent.isPresent());
    node.put("extension", agent.map(Agent::extension).orElse(null));
    node.put("provider", agent.map(Agent::provider).orElse(null));
    capabilities(node.putObject("capabilities"), agent.map(a -> dialbridge.provider(a.provider()).capabilities()).orElse(null));
    ObjectNode providers = node.putObject("providers");
    for (TelephonyProvider p : dialbridge.providers().values()) {
      ObjectNode entry = providers.putObject(p.name());
      entry.put("type", p.type());
      capabilities(entry.putObject("capabilities"), agent.isPresent() ? p.capabilities() : null);
    }
    return node;
  }

  private static void capabilities(ObjectNode node, Capabilities c) {
    node.put("placeCall", c != null && c.placeCall());
    node.put("hangUp", c != null && c.hangUp());
    node.put("status", c != null && c.status());
    node.put("activeCall", c != null && c.activeCall());
  }
}
