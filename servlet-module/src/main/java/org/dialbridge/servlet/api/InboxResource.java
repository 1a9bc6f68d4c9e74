package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.store.InboxCounts;
import org.dialbridge.core.store.ParkedEvent;
import org.dialbridge.servlet.Problems;

/**
 * {@code /inbox}, for administrators: how many accepted webhook events wait to be applied, and the
 * events parked because they failed to apply, each with its error; {@code POST
 * /inbox/parked/{id}/retry} puts one back in line once its cause is fixed.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class InboxResource {
  private static final int MAX_LIMIT = 500;

  private final Dialbridge dialbridge;
  private final String adminRole;

  InboxResource(Dialbridge dialbridge) {
    this.dialbridge = dialbridge;
    this.adminRole = dialbridge.config().security().adminRole();
  }

  @GET
  public ObjectNode inbox(
      @QueryParam("limit") @DefaultValue("50") String limit, @Context SecurityContext sc) {
    int n = limit(limit);
    ArrayNode parked = Problems.JSON.createArrayNode();
    for (ParkedEvent p : dialbridge.parkedEvents(Requester.of(sc, adminRole), n)) {
      parked
          .addObject()
          .put("id", p.id())
          .put("provider", p.provider())
          .put("eventKey", p.eventKey())
          .put("type", p.type())
          .put("providerCallId", p.providerCallId())
          .put("receivedAt", p.receivedAt().toString())
          .put("parkedAt", p.parkedAt().toString())
          .put("error", p.error());
    }
    InboxCounts counts = dialbridge.inboxCounts();
    ObjectNode node = Problems.JSON.createObjectNode();
    node.put("pending", counts.pending());
    node.put("parked", counts.parked());
    node.set("parkedEvents", parked);
    return node;
  }

  @POST
  @Path("parked/{id}/retry")
  public Response retry(@PathParam("id") String id, @Context SecurityContext sc) {
    long parkedId;
    try {
      parkedId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new DialbridgeException(ErrorCode.NOT_FOUND, "No parked event has the id " + id + ".");
    }
    dialbridge.retryParked(Requester.of(sc, adminRole), parkedId);
    return Response.noContent().build();
  }

  private static int limit(String limit) {
    try {
      int n = Integer.parseInt(limit);
      if (n >= 1 && n <= MAX_LIMIT) return n;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new DialbridgeException(
        ErrorCode.INVALID_REQUEST, "The limit must be a number from 1 to " + MAX_LIMIT + ".");
  }
}
