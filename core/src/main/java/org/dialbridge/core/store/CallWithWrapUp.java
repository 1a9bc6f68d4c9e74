package org.dialbridge.core.store;

import java.util.Objects;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.WrapUp;

/** A call and its wrap-up, read together; {@code wrapUp} is null until the agent saved one. */
public record CallWithWrapUp(Call call, WrapUp wrapUp) {

  public CallWithWrapUp {
    Objects.requireNonNull(call, "call == null");
  }
}
