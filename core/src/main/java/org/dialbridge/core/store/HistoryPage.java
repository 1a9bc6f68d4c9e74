package org.dialbridge.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.WrapUp;

/**
 * One page of a contact's call history, newest first, with the wrap-ups of the calls that have one;
 * {@code next} is the cursor of the following (older) page, null on the last page.
 */
public record HistoryPage(List<Call> calls, Map<String, WrapUp> wrapUps, String next) {

  public HistoryPage {
    calls = List.copyOf(calls);
    wrapUps = Map.copyOf(wrapUps);
  }

  /** A page without wrap-ups. */
  public HistoryPage(List<Call> calls, String next) {
    this(calls, Map.of(), next);
  }

  static HistoryPage of(List<CallWithWrapUp> entries, String next) {
    List<Call> calls = new ArrayList<>(entries.size());
    Map<String, WrapUp> wrapUps = new HashMap<>();
    for (CallWithWrapUp e : entries) {
      calls.add(e.call());
      if (e.wrapUp() != null) wrapUps.put(e.call().id(), e.wrapUp());
    }
    return new HistoryPage(calls, wrapUps, next);
  }

  /** The wrap-up of one of the page's calls, or null. */
  public WrapUp wrapUp(String callId) {
    return wrapUps.get(callId);
  }
}
