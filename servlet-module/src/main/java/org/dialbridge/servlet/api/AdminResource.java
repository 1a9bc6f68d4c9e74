package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Supplier;
import org.dialbridge.core.DeliveryLog;
import org.dialbridge.core.DetailedHealth;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.servlet.ErrorStatus;
import org.dialbridge.servlet.Problems;

/**
 * {@code /admin/deliveries}: for administrators, the last webhook deliveries of each provider with
 * how each was answered and why (docs/webhooks.md#the-delivery-log), so a refused provider shows
 * before agents miss its events.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {
  private final Dialbridge dialbridge;
  private final Supplier<String> scrape;

  AdminResource(Dialbridge dialbridge, Supplier<String> scrape) {
    this.dialbridge = dialbridge;
    this.scrape = scrape;
  }

  /**
   * Dialbridge's metrics in Prometheus's text format, where it keeps them in a registry of its own
   * (docs/operations.md); administrators only.
   */
  @GET
  @Path("metrics")
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  public String metrics(@Context SecurityContext sc) {
    if (!Requester.of(sc, dialbridge.config().security().adminRole()).admin()) {
      throw new DialbridgeException(
          ErrorCode.FORBIDDEN, "Only an administrator reads Dialbridge's metrics.");
    }
    if (scrape == null) {
      throw new DialbridgeException(
          ErrorCode.NOT_FOUND,
          "Dialbridge's metrics go to the application's own registry (in Spring Boot:"
              + " /actuator/metrics, or /actuator/prometheus); with no registry, add"
              + " io.micrometer:micrometer-registry-prometheus to the webapp to read them here.");
    }
    return scrape.get();
  }

  @GET
  @Path("deliveries")
  public ObjectNode deliveries(
      @QueryParam("provider") String provider,
      @QueryParam("outcome") String outcome,
      @QueryParam("limit") @DefaultValue("200") String limit,
      @Context SecurityContext sc) {
    int max;
    try {
      max = Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      max = 0;
    }
    if (max < 1 || max > 1_000) {
      throw new DialbridgeException(ErrorCode.INVALID_REQUEST, "limit must be 1 to 1000.");
    }
    ObjectNode node = Problems.JSON.createObjectNode();
    ArrayNode list = node.putArray("deliveries");
    for (DeliveryLog.Entry e :
        dialbridge.deliveries(
            Requester.of(sc, dialbridge.config().security().adminRole()),
            blankToNull(provider),
            blankToNull(outcome),
            max)) {
      ObjectNode entry = list.addObject();
      entry.set("at", Problems.JSON.valueToTree(e.at()));
      entry.put("provider", e.provider());
      entry.put("answer", answer(e));
      entry.put("reason", e.reason());
      entry.put("detail", e.detail());
      entry.put("field", e.field());
      entry.set("events", Problems.JSON.valueToTree(e.events()));
      entry.put("stored", e.stored());
      entry.put("duplicates", e.duplicates());
      entry.put("remoteAddress", e.remoteAddress());
    }
    return node;
  }

  /**
   * What is wrong, in detail ({@link Dialbridge#detailedHealth}): {@code 200} when up, {@code 503}
   * when the store is down or no provider is reachable, as {@code GET /health}.
   */
  @GET
  @Path("health")
  public Response health(@Context SecurityContext sc) {
    DetailedHealth h =
        dialbridge.detailedHealth(Requester.of(sc, dialbridge.config().security().adminRole()));
    ObjectNode node = Problems.JSON.createObjectNode();
    node.put("status", h.health().up() ? "UP" : "DOWN");
    node.put("store", h.health().storeUp() ? "UP" : "DOWN");
    ObjectNode providers = node.putObject("providers");
    h.providers()
        .forEach(
            (name, p) -> {
              ObjectNode entry = providers.putObject(name);
              entry.put("status", p.reachable() ? "UP" : "DOWN");
              entry.set("lastSuccess", Problems.JSON.valueToTree(p.lastSuccess()));
              entry.set("lastFailure", Problems.JSON.valueToTree(p.lastFailure()));
              entry.put("lastFailureCode", p.lastFailureCode());
              entry.set("lastWebhook", Problems.JSON.valueToTree(p.lastWebhook()));
              entry.put("lastWebhookReason", p.lastWebhookReason());
            });
    node.putObject("inbox")
        .put("pending", h.inboxPending())
        .put("parked", h.inboxParked())
        .put("lagSeconds", h.inboxLagSeconds());
    node.putObject("calls").put("live", h.liveCalls()).put("stuck", h.stuckCalls());
    return Response.status(h.health().up() ? 200 : 503).entity(node).build();
  }

  /** The status the delivery was answered with, as the webhook filter answers each reason. */
  private static int answer(DeliveryLog.Entry e) {
    if (e.accepted()) return 204;
    for (ErrorCode code : ErrorCode.values()) {
      if (code.wire().equals(e.reason())) {
        int status = ErrorStatus.of(code);
        return status >= 500 ? 503 : status;
      }
    }
    return 503;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
