package org.dialbridge.core.store;

import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;

/**
 * What storing one event did: whether it was new, the call it was linked to before and after.
 *
 * @param stored the event as stored, null for a duplicate
 * @param before the call before the event, null when the event is not linked to a call
 * @param after the call after the event, null when the event is not linked to a call
 */
public record Ingested(boolean duplicate, CallEvent stored, Call before, Call after) {

  static Ingested duplicateDelivery() {
    return new Ingested(true, null, null, null);
  }

  /** True when the event moved its call (status, times or outcome). */
  public boolean changedCall() {
    return after != null && !after.equals(before);
  }
}
