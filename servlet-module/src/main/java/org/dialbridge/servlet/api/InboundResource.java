package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.store.InboundCall;
import org.dialbridge.servlet.Problems;

/**
 * {@code /inbound/unrouted}: for administrators, the inbound calls of the last 7 days nobody was
 * mapped to (docs/inbound.md), so a number missing from {@code dialbridge.inbound.routes} shows.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class InboundResource {
  private final Dialbridge dialbridge;
  private final CallJson json;

  InboundResource(Dialbridge dialbridge, CallJson json) {
    this.dialbridge = dialbridge;
    this.json = json;
  }

  @GET
  @Path("unrouted")
  public ObjectNode unrouted(@Context SecurityContext sc) {
    ObjectNode node = Problems.JSON.createObjectNode();
    ArrayNode list = node.putArray("unrouted");
    for (InboundCall in :
        dialbridge.unroutedCalls(Requester.of(sc, dialbridge.config().security().adminRole()))) {
      list.add(json.call(in.call(), null, in.details()));
    }
    return node;
  }
}
