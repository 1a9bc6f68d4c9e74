package org.dialbridge.core.spi;

import java.util.Optional;
import java.util.Set;
import org.dialbridge.core.error.ProviderUnsupportedException;
import org.dialbridge.core.model.Call;

/**
 * One configured telephony provider: places and hangs up agent calls over the provider's HTTP API
 * and reads its webhooks. Operations a provider lacks answer {@link ProviderUnsupportedException};
 * {@link #capabilities()} says which those are. Implementations are thread-safe.
 *
 * <p>Errors are {@link org.dialbridge.core.error.ProviderException}s: rejected (with the provider's
 * message), timeout, unavailable, unsupported, authentication failed. A call origination is sent at
 * most once unless the connection was refused (the request provably never left).
 */
public interface TelephonyProvider extends AutoCloseable {

  /** The configured name. */
  String name();

  /** The provider type, e.g. {@code bandwidth}. */
  String type();

  Capabilities capabilities();

  /** Asks the provider to ring the agent and connect them to the destination. */
  PlacedCall placeCall(CallRequest request);

  /** Hangs the call up at the provider. */
  default void hangUp(HangupRequest request) {
    throw new ProviderUnsupportedException(name(), "hangUp");
  }

  /** The provider's view of a call; empty when the provider does not know it. */
  default Optional<ProviderCallStatus> status(String providerCallId) {
    throw new ProviderUnsupportedException(name(), "status");
  }

  /**
   * Records a call's disposition at the provider, for providers whose {@link
   * Capabilities#dispositions()} is true.
   *
   * @throws org.dialbridge.core.error.ProviderRejectedException when the provider refuses it
   */
  default void sendDisposition(DispositionRequest request) {
    throw new ProviderUnsupportedException(name(), "sendDisposition");
  }

  /** The call in progress on an extension; empty when there is none. */
  default Optional<ActiveCall> activeCall(String extension) {
    throw new ProviderUnsupportedException(name(), "activeCall");
  }

  /**
   * The digits this provider's PBX reads as "outside line" before a number (BemMelhor's {@code 0}),
   * so the dial policy can see what a short number really dials; empty when there are none.
   */
  default Optional<String> outsideLinePrefix() {
    return Optional.empty();
  }

  /**
   * The parser of this provider's own webhook format; the core reads the generic event format
   * first.
   */
  WebhookParser webhookParser();

  /**
   * Re-reads one of this provider's events in the light of the call it belongs to, before it moves
   * the call. Pure. Bandwidth uses it: the agent's leg answering means the customer is now being
   * dialled, not that the customer answered.
   */
  default ProviderEvent interpret(ProviderEvent event, Call call) {
    return event;
  }

  /**
   * Acts on one of this provider's events after it was stored for the first time (never for a
   * duplicate delivery), e.g. Bandwidth transfers the agent's answered leg to the customer.
   *
   * @return provider call ids of new legs that belong to the same call, so their events find it
   */
  default Set<String> react(ProviderEvent event, Call call) {
    return Set.of();
  }

  /**
   * The body to answer the delivery of {@code event} with, for a provider that reads instructions
   * from the answer (Bandwidth v2's BXML); empty (the default) answers {@code 204}. Called once the
   * event is durably stored, in the thread answering the webhook, and again for a duplicate
   * delivery: so it must be quick and a pure function of the event, the configuration and {@code
   * context}, giving a duplicate the same answer. It never sees the call: the event is applied
   * later.
   */
  default Optional<WebhookAnswer> webhookAnswer(ProviderEvent event, AnswerContext context) {
    return Optional.empty();
  }

  /** Releases the connection pool. */
  @Override
  default void close() {}
}
