package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.dialbridge.core.Actor;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.PlaceCall;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.WrapUp;

/**
 * {@code /calls}: place a call, hang it up, read it, follow it live, wrap it up. Parse, call the
 * facade, answer JSON.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class CallsResource {
  private final Dialbridge dialbridge;
  private final String adminRole;

  /** A contact id as stored: the size is checked here, not by the database. */
  private static final int CONTACT_ID_MAX = 128;

  private final CallStreams streams;
  private final CallJson json;

  CallsResource(Dialbridge dialbridge, CallStreams streams, CallJson json) {
    this.dialbridge = dialbridge;
    this.adminRole = dialbridge.config().security().adminRole();
    this.streams = streams;
    this.json = json;
  }

  @POST
  public Response place(PlaceCallBody body, @Context SecurityContext sc) {
    Actor who = Requester.of(sc, adminRole);
    if (body == null) {
      throw new DialbridgeException(
          ErrorCode.INVALID_REQUEST, "Send {\"contactId\": …, \"number\": …}.");
    }
    if (body.number() == null || body.number().isBlank()) {
      throw new DialbridgeException(ErrorCode.INVALID_REQUEST, "The number to call is missing.");
    }
    Call call =
        dialbridge.placeCall(
            who, new PlaceCall(body.contactId(), body.number(), body.provider(), body.followsUp()));
    // relative: Jersey resolves it against the API's base URI, with no UriInfo built per call
    return Response.created(URI.create("calls/" + call.id())).entity(json.view(call)).build();
  }

  @POST
  @Path("{id}/hangup")
  public ObjectNode hangUp(@PathParam("id") String id, @Context SecurityContext sc) {
    return json.call(dialbridge.hangUp(Requester.of(sc, adminRole), id));
  }

  /** Saves the call's wrap-up: docs/wrap-up.md. */
  @PUT
  @Path("{id}/wrap-up")
  public ObjectNode wrapUp(
      @PathParam("id") String id, WrapUpBody body, @Context SecurityContext sc) {
    Actor who = Requester.of(sc, adminRole);
    if (body == null) {
      throw new DialbridgeException(
          ErrorCode.INVALID_REQUEST,
          "Send {\"disposition\": …, \"note\": …, \"callbackAt\": …} (each may be null).");
    }
    WrapUp saved =
        dialbridge.wrapUp(who, id, blankToNull(body.disposition()), body.note(), time(body));
    return json.call(dialbridge.call(id), saved);
  }

  /** Links an inbound call to the match the agent chose: docs/inbound.md. */
  @PUT
  @Path("{id}/contact")
  public ObjectNode chooseContact(
      @PathParam("id") String id, ContactChoiceBody body, @Context SecurityContext sc) {
    String contactId = body == null ? null : blankToNull(body.contactId());
    if (contactId == null || contactId.length() > CONTACT_ID_MAX) {
      throw new DialbridgeException(
          ErrorCode.INVALID_REQUEST,
          "Send {\"contactId\": \"…\"}: one of the call's matches, at most "
              + CONTACT_ID_MAX
              + " characters.");
    }
    return json.call(dialbridge.chooseContact(Requester.of(sc, adminRole), id, contactId));
  }

  private static Instant time(WrapUpBody body) {
    String text = blankToNull(body.callbackAt());
    if (text == null) return null;
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new DialbridgeException(
          ErrorCode.INVALID_REQUEST,
          "callbackAt must be a time with its offset, like 2026-12-02T15:00:00Z or"
              + " 2026-12-02T10:00:00-05:00.");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  @GET
  @Path("{id}")
  public ObjectNode call(@PathParam("id") String id, @Context SecurityContext sc) {
    Call call = dialbridge.call(Requester.of(sc, adminRole), id);
    return json.callWithEvents(call, dialbridge.events(id));
  }

  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void follow(
      @PathParam("id") String id,
      @Context SecurityContext sc,
      @Context SseEventSink sink,
      @Context Sse sse) {
    dialbridge.call(Requester.of(sc, adminRole), id);
    streams.open(id, sink, sse, json::call);
  }
}
