package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.servlet.Problems;

/** The REST API's JSON shapes (SPEC §2): a call, and a call with its event timeline. */
final class Json {
  private Json() {}

  static ObjectNode call(Call call) {
    return Problems.JSON.valueToTree(call);
  }

  static ObjectNode callWithEvents(Call call, List<CallEvent> events) {
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
