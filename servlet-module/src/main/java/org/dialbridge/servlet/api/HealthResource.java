package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.Health;
import org.dialbridge.core.ProviderDescription;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.store.InboxCounts;
import org.dialbridge.servlet.Problems;

/**
 * {@code /health}: whether the store answers and each provider's host accepts connections ({@link
 * Dialbridge#health()}). {@code 503} when the store is down or no provider is reachable. Shows no
 * secret and no URL.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
  private final Dialbridge dialbridge;

  HealthResource(Dialbridge dialbridge) {
    this.dialbridge = dialbridge;
  }

  @GET
  public Response health() {
    Health health = dialbridge.health();
    ObjectNode node = Problems.JSON.createObjectNode();
    node.put("store", status(health.storeUp()));
    ObjectNode providers = node.putObject("providers");
    for (ProviderDescription p : dialbridge.providers()) {
      providers
          .putObject(p.name())
          .put("type", p.type())
          .put("status", status(health.providersUp().get(p.name())));
    }
    if (health.storeUp()) {
      try {
        InboxCounts inbox = dialbridge.inboxCounts();
        node.putObject("inbox").put("pending", inbox.pending()).put("parked", inbox.parked());
      } catch (StoreUnavailableException e) {
        // the store went down since the ping: its status says so
      }
    }
    node.put("status", status(health.up()));
    return Response.status(health.up() ? 200 : 503).entity(node).build();
  }

  private static String status(boolean up) {
    return up ? "UP" : "DOWN";
  }
}
