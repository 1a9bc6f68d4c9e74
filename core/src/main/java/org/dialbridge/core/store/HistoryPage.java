package org.dialbridge.core.store;

import java.util.List;
import org.dialbridge.core.model.Call;

/**
 * One page of a contact's call history, newest first; {@code next} is the cursor of the following
 * (older) page, null on the last page.
 */
public record HistoryPage(List<Call> calls, String next) {

  public HistoryPage {
    calls = List.copyOf(calls);
  }
}
