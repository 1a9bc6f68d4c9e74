package org.dialbridge.core.store;

import java.util.Objects;
import org.dialbridge.core.model.Call;

/** An inbound call with what Dialbridge keeps of it besides the call, read together. */
public record InboundCall(Call call, InboundDetails details) {
  public InboundCall {
    Objects.requireNonNull(call, "call == null");
    Objects.requireNonNull(details, "details == null");
  }
}
