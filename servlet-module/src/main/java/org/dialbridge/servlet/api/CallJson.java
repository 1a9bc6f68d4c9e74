package org.dialbridge.servlet.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.WrapUp;
import org.dialbridge.core.spi.ContactMatch;
import org.dialbridge.core.store.InboundCall;
import org.dialbridge.core.store.InboundDetails;
import org.dialbridge.servlet.Problems;

/**
 * The REST API's JSON of a call, the same wherever a call appears (a single call, history, the
 * event stream, an {@code agent_busy} problem): the call's fields plus the names people see, {@code
 * providerLabel} and {@code agentName}, and its {@code wrapUp} (null until the agent saved one);
 * and a call with its event timeline.
 */
final class CallJson {
  private final Dialbridge dialbridge;

  CallJson(Dialbridge dialbridge) {
    this.dialbridge = dialbridge;
  }

  ObjectNode call(Call call) {
    return call(call, wrapUpOf(call));
  }

  ObjectNode call(Call call, WrapUp wrapUp) {
    return call(call, wrapUp, inboundOf(call));
  }

  ObjectNode call(Call call, WrapUp wrapUp, InboundDetails inbound) {
    ObjectNode node = Problems.JSON.valueToTree(call);
    node.put("providerLabel", dialbridge.providerLabel(call.provider()));
    node.put("agentName", dialbridge.agentName(call.agent()));
    node.set("wrapUp", Problems.JSON.valueToTree(WrapUpView.of(wrapUp)));
    node.set("inbound", Problems.JSON.valueToTree(inboundView(call, inbound)));
    return node;
  }

  /**
   * An inbound call as an agent's stream tells of it: {@code {"call", "matches", "choose"}}
   * (docs/inbound.md).
   */
  ObjectNode incoming(InboundCall in) {
    ObjectNode node = Problems.JSON.createObjectNode();
    ObjectNode call = call(in.call(), wrapUpOf(in.call()), in.details());
    node.set("call", call);
    node.set("matches", call.get("inbound").get("matches"));
    node.put("choose", in.details().choose());
    return node;
  }

  /**
   * The same JSON as {@link #call(Call)}, written straight to the response: no tree is built (and
   * then walked) for each call of a page. Use where nothing is added to it.
   */
  View view(Call call) {
    return view(call, wrapUpOf(call), inboundOf(call));
  }

  View view(Call call, WrapUp wrapUp, InboundDetails inbound) {
    return new View(
        call,
        dialbridge.providerLabel(call.provider()),
        dialbridge.agentName(call.agent()),
        WrapUpView.of(wrapUp),
        inboundView(call, inbound));
  }

  /** What an inbound call rang for and matched; null for an outbound call. */
  private InboundDetails inboundOf(Call call) {
    return call.inbound() ? dialbridge.inboundDetails(List.of(call)).get(call.id()) : null;
  }

  private InboundView inboundView(Call call, InboundDetails d) {
    if (!call.inbound() || d == null) return null;
    String contactUrl = dialbridge.inboundSettings().contactUrl();
    List<MatchView> matches = new ArrayList<>(d.matches().size());
    for (ContactMatch m : d.matches()) {
      String url = m.url();
      if (url == null && contactUrl != null) {
        url = contactUrl.replace("{id}", URLEncoder.encode(m.id(), StandardCharsets.UTF_8));
      }
      matches.add(new MatchView(m.id(), m.name(), url));
    }
    return new InboundView(
        d.dialled(),
        d.ringing(),
        matches,
        d.choose() && call.contactId() == null,
        call.missed(),
        d.doneAt() != null,
        d.calledBackBy());
  }

  /** Only a call answered or ended can have a wrap-up: a call just placed is not looked up. */
  private WrapUp wrapUpOf(Call call) {
    if (call.answeredAt() == null && !call.status().isTerminal()) return null;
    return dialbridge.wrapUpOf(call.id()).orElse(null);
  }

  /** A call's JSON as {@link #call(Call)} writes it: its fields, then the names people see. */
  record View(
      @JsonUnwrapped Call call,
      String providerLabel,
      String agentName,
      WrapUpView wrapUp,
      InboundView inbound) {}

  /** An inbound call's own fields: docs/inbound.md. */
  record InboundView(
      String dialled,
      List<String> ringing,
      List<MatchView> matches,
      boolean choose,
      boolean missed,
      boolean done,
      String calledBackBy) {}

  /** A contact whose number is the caller's, as the agent sees it. */
  record MatchView(String id, String name, String url) {}

  /** A page of history: {@code {"calls": [...], "next": ...}}. */
  record Page(List<View> calls, String next) {}

  /** A wrap-up as answered: docs/wrap-up.md. */
  record WrapUpView(
      String disposition,
      String note,
      Instant callbackAt,
      Instant updatedAt,
      String updatedBy,
      int revision,
      String followedUpBy,
      ProviderView provider) {

    static WrapUpView of(WrapUp w) {
      if (w == null) return null;
      return new WrapUpView(
          w.disposition(),
          w.note(),
          w.callbackAt(),
          w.updatedAt(),
          w.updatedBy(),
          w.revision(),
          w.followedUpBy(),
          w.provider() == null
              ? null
              : new ProviderView(
                  w.provider().status().name().toLowerCase(Locale.ROOT), w.provider().message()));
    }
  }

  /** What the provider did with the wrap-up: {@code sent}, {@code refused}, {@code failed}. */
  record ProviderView(String status, String message) {}

  ObjectNode callWithEvents(Call call, List<CallEvent> events) {
    ObjectNode node = call(call);
    ArrayNode timeline = node.putArray("events");
    for (CallEvent e : events) {
      ObjectNode event = timeline.addObject();
      event.put("type", e.type().name());
      event.put("status", e.status() == null ? null : e.status().name());
      event.put("cause", e.cause() == null ? null : e.cause().name());
      event.put("rawCause", e.rawCause());
      event.set("occurredAt", Problems.JSON.valueToTree(e.occurredAt()));
      event.set("receivedAt", Problems.JSON.valueToTree(e.receivedAt()));
      if (e.type() == EventType.WRAP_UP) event.set("change", change(e));
    }
    return node;
  }

  /** A {@code WRAP_UP} event's change as stored: who, the revision, before and after. */
  private static JsonNode change(CallEvent e) {
    try {
      return Problems.JSON.readTree(e.payload());
    } catch (Exception unreadable) {
      return null; // written by Dialbridge itself: never expected
    }
  }
}
