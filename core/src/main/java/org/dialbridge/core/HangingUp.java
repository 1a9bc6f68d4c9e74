package org.dialbridge.core;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.ProviderUnsupportedException;
import org.dialbridge.core.metrics.Metrics;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.spi.HangupRequest;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.store.CallStore;

/**
 * Hangs up a live call at its provider, every leg of it, and records that it was asked to: the
 * status itself changes when the provider's hang-up event arrives.
 */
final class HangingUp {
  private final CallReading reading;
  private final AccessRules access;
  private final ConfiguredProviders providers;
  private final CallStore store;
  private final CallRecorder recorder;
  private final Metrics metrics;
  private final Clock clock;

  HangingUp(
      CallReading reading,
      AccessRules access,
      ConfiguredProviders providers,
      CallStore store,
      CallRecorder recorder,
      Metrics metrics,
      Clock clock) {
    this.reading = reading;
    this.access = access;
    this.providers = providers;
    this.store = store;
    this.recorder = recorder;
    this.metrics = metrics;
    this.clock = clock;
  }

  Call hangUp(Actor actor, String callId) {
    try (LogContext log = LogContext.of(null, callId)) {
      return hangUp(actor, reading.call(callId), log);
    }
  }

  private Call hangUp(Actor actor, Call call, LogContext log) {
    String callId = call.id();
    log.provider(call.provider());
    access.checkMayHangUp(actor, call);
    if (call.status().isTerminal()) {
      throw new DialbridgeException(ErrorCode.CALL_ALREADY_ENDED, "The call has already ended.");
    }
    TelephonyProvider telephony = providers.require(call.provider());
    if (!telephony.capabilities().hangUp())
      throw new ProviderUnsupportedException(telephony.name(), "hangUp");
    if (call.providerCallId() == null) {
      throw new DialbridgeException(
          ErrorCode.CALL_NOT_CONNECTED,
          "The provider has not confirmed the call yet; try again in a moment.");
    }
    List<String> otherLegs =
        store.legs(call.id()).stream().filter(l -> !l.equals(call.providerCallId())).toList();
    metrics.timed(
        telephony.name(),
        "hang_up",
        () -> {
          telephony.hangUp(
              new HangupRequest(call.providerCallId(), otherLegs, call.agentExtension()));
          return null;
        });
    Instant now = clock.instant();
    recorder.record(
        call.provider(),
        OwnEvent.of(
                call.id(),
                "hangup-requested",
                EventType.HANGUP_REQUESTED,
                null,
                null,
                "requested by " + actor.user(),
                now)
            .withKeySuffix(now.toEpochMilli()));
    return reading.call(callId);
  }
}
