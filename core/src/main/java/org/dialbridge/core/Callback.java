package org.dialbridge.core;

import java.util.Objects;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.WrapUp;

/**
 * An agent's open callback: the call whose wrap-up set a time to call back, and whether that time
 * has come ({@code due}).
 */
public record Callback(Call call, WrapUp wrapUp, boolean due) {

  public Callback {
    Objects.requireNonNull(call, "call == null");
    Objects.requireNonNull(wrapUp, "wrapUp == null");
  }
}
