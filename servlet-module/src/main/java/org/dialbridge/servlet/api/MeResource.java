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
import org.dialbridge.servlet.Problems;

/** {@code /me}: the signed-in agent as Dialbridge sees them, and what their provider can do. */
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
    ObjectNode capabilities = node.putObject("capabilities");
    Capabilities c = agent.map(a -> dialbridge.provider(a.provider()).capabilities()).orElse(null);
    capabilities.put("placeCall", c != null && c.placeCall());
    capabilities.put("hangUp", c != null && c.hangUp());
    capabilities.put("status", c != null && c.status());
    capabilities.put("activeCall", c != null && c.activeCall());
    return node;
  }
}
