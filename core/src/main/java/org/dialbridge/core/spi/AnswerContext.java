package org.dialbridge.core.spi;

import java.util.List;

/**
 * What Dialbridge tells a provider computing a {@linkplain TelephonyProvider#webhookAnswer webhook
 * answer}: configuration only, never the call store, so the answer is quick, cannot fail on a busy
 * database, and is the same for a duplicate delivery.
 */
public interface AnswerContext {

  /**
   * The extensions of the agents whose phones ring for an inbound call that {@code event} starts,
   * as the inbound routing decides it (docs/inbound.md, "Who is ringing"): the event's agent, else
   * {@code dialbridge.inbound.routes.<dialled number>}, else the default route; agents without an
   * extension are left out. Empty when nobody is routed.
   */
  List<String> ringingExtensions(ProviderEvent event);

  /** A context that routes nobody (tests, and providers that ring no agent). */
  AnswerContext NONE = event -> List.of();
}
