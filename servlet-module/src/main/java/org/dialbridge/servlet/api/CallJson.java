package org.dialbridge.servlet.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.servlet.Problems;

/**
 * The REST API's JSON of a call, the same wherever a call appears (a single call, history, the
 * event stream, an {@code agent_busy} problem): the call's fields plus the names people see, {@code
 * providerLabel} and {@code agentName}; and a call with its event timeline.
 */
final class CallJson {
  private final Dialbridge dialbridge;

  CallJson(Dialbridge dialbridge) {
    this.dialbridge = dialbridge;
  }

  ObjectNode call(Call call) {
    ObjectNode node = Problems.JSON.valueToTree(call);
    node.put("providerLabel", dialbridge.providerLabel(call.provider()));
    node.put("agentName", dialbridge.agentName(call.agent()));
    return node;
  }

  /**
   * The same JSON as {@link #call(Call)}, written straight to the response: no tree is built (and
   * then walked) for each call of a page. Use where nothing is added to it.
   */
  View view(Call call) {
    return new View(
        call, dialbridge.providerLabel(call.provider()), dialbridge.agentName(call.agent()));
  }

  /** A call's JSON as {@link #call(Call)} writes it: its fields, then the names people see. */
  record View(@JsonUnwrapped Call call, String providerLabel, String agentName) {}

  /** A page of history: {@code {"calls": [...], "next": ...}}. */
  record Page(List<View> calls, String next) {}

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
    }
    return node;
  }
}
