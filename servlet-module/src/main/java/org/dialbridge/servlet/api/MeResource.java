package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dialbridge.core.Actor;
import org.dialbridge.core.Callback;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.ProviderDescription;
import org.dialbridge.core.config.InboundSettings;
import org.dialbridge.core.config.WrapUpSettings;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.Capabilities;
import org.dialbridge.core.store.CallWithWrapUp;
import org.dialbridge.core.store.InboundCall;
import org.dialbridge.servlet.Problems;

/**
 * {@code /me}: the signed-in agent as Dialbridge sees them: their extension, their own provider and
 * what it can do, and every configured provider with its capabilities (a call may go through any of
 * them). {@code /me/call}: the agent's live call, so a CRM can show it on any page; {@code
 * /me/wrap-up} the call awaiting its wrap-up, {@code /me/callbacks} the agent's open callbacks.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {
  private final Dialbridge dialbridge;
  private final CallStreams streams;
  private final CallJson json;

  MeResource(Dialbridge dialbridge, CallStreams streams, CallJson json) {
    this.dialbridge = dialbridge;
    this.streams = streams;
    this.json = json;
  }

  /**
   * The agent's stream of inbound calls (server-sent events): {@code incoming} for each call that
   * rings for them and on (re)connect for those still open, then {@code call} for their changes.
   */
  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(@Context SecurityContext sc, @Context SseEventSink sink, @Context Sse sse) {
    streams.openInbound(
        Requester.of(sc, dialbridge.config().security().adminRole()), sink, sse, json);
  }

  /**
   * The agent's missed calls, newest first: {@code {"missed": [{"call", "matches"}]}}, until called
   * back or marked done.
   */
  @GET
  @Path("missed")
  public ObjectNode missed(@Context SecurityContext sc) {
    List<InboundCall> missed =
        dialbridge.missedCalls(Requester.of(sc, dialbridge.config().security().adminRole()));
    ObjectNode node = Problems.JSON.createObjectNode();
    ArrayNode list = node.putArray("missed");
    for (InboundCall in : missed) {
      ObjectNode entry = json.incoming(in);
      entry.remove("choose");
      list.add(entry);
    }
    return node;
  }

  /** Marks a missed call done, for every agent it rang for: {@code 204}. */
  @DELETE
  @Path("missed/{id}")
  public Response missedDone(@PathParam("id") String id, @Context SecurityContext sc) {
    dialbridge.markMissedDone(Requester.of(sc, dialbridge.config().security().adminRole()), id);
    return Response.noContent().build();
  }

  /**
   * {@code 200} with the live call as {@code GET /calls/{id}} shows it, or {@code 204} when there
   * is none.
   */
  @GET
  @Path("call")
  public Response liveCall(@Context SecurityContext sc) {
    Optional<Call> live =
        dialbridge.liveCall(Requester.of(sc, dialbridge.config().security().adminRole()));
    if (live.isEmpty()) return Response.noContent().build();
    return Response.ok(json.callWithEvents(live.get(), dialbridge.events(live.get().id()))).build();
  }

  /**
   * {@code 200} with the agent's call awaiting its wrap-up (as {@code GET /calls/{id}} shows it,
   * without events), or {@code 204} when there is none: the widget reopens its form after a reload.
   */
  @GET
  @Path("wrap-up")
  public Response awaitingWrapUp(@Context SecurityContext sc) {
    Optional<CallWithWrapUp> awaiting =
        dialbridge.awaitingWrapUp(Requester.of(sc, dialbridge.config().security().adminRole()));
    if (awaiting.isEmpty()) return Response.noContent().build();
    return Response.ok(json.call(awaiting.get().call(), awaiting.get().wrapUp())).build();
  }

  /** The agent's open callbacks, soonest first: {@code {"callbacks": [{"due", "call"}]}}. */
  @GET
  @Path("callbacks")
  public ObjectNode callbacks(@Context SecurityContext sc) {
    List<Callback> callbacks =
        dialbridge.callbacks(Requester.of(sc, dialbridge.config().security().adminRole()));
    ObjectNode node = Problems.JSON.createObjectNode();
    ArrayNode list = node.putArray("callbacks");
    for (Callback c : callbacks) {
      ObjectNode entry = list.addObject();
      entry.put("due", c.due());
      entry.set("call", json.call(c.call(), c.wrapUp()));
    }
    return node;
  }

  @GET
  public ObjectNode me(@Context SecurityContext sc) {
    Actor who = Requester.of(sc, dialbridge.config().security().adminRole());
    Optional<Agent> agent = dialbridge.agent(who.user());
    ObjectNode node = Problems.JSON.createObjectNode();
    node.put("user", who.user());
    node.put("admin", who.admin());
    node.put("mapped", agent.isPresent());
    node.put("extension", agent.map(Agent::extension).orElse(null));
    node.put("provider", agent.map(Agent::provider).orElse(null));
    capabilities(
        node.putObject("capabilities"),
        agent.map(a -> dialbridge.provider(a.provider()).capabilities()).orElse(null));
    WrapUpSettings wrapUp = dialbridge.config().wrapUp();
    ObjectNode wrapUpNode = node.putObject("wrapUp");
    wrapUpNode.put("required", wrapUp.required());
    wrapUpNode.put("editableFor", wrapUp.editableFor().toString());
    wrapUpNode.put("noteMaxLength", wrapUp.noteMaxLength());
    InboundSettings inbound = dialbridge.inboundSettings();
    ObjectNode inboundNode = node.putObject("inbound");
    inboundNode.put("pop", inbound.pop().name().toLowerCase(Locale.ROOT));
    inboundNode.put("createContactUrl", inbound.createContactUrl());
    inboundNode.put("contactUrl", inbound.contactUrl());
    ObjectNode providers = node.putObject("providers");
    for (ProviderDescription p : dialbridge.providers()) {
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
    node.put("dispositions", c != null && c.dispositions());
    node.put("inbound", c != null && c.inbound());
  }
}
