package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.dialbridge.core.config.DialPolicy;
import org.dialbridge.core.config.WrapUpSettings;
import org.dialbridge.core.error.AgentBusyException;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.NumberNotAllowedException;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.RateLimitedException;
import org.dialbridge.core.error.WrapUpPendingException;
import org.dialbridge.core.metrics.Metrics;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.PlacedLink;
import org.dialbridge.core.store.Placement;
import org.dialbridge.core.store.PlacementRules;

/**
 * Places a call: the agent, the provider, the number and the dial policy are checked first; the
 * call is recorded with Dialbridge's id (where the one-live-call rule and the rate limit are
 * enforced, atomically) before the provider is asked, so a webhook that beats the provider's answer
 * still finds it. A call whose outcome is unknown (the provider may have placed it) is left live
 * for the reconciler; one the provider refused ends {@code FAILED}.
 */
final class CallPlacing {
  private static final System.Logger LOG = System.getLogger(CallPlacing.class.getName());

  private final AgentLookup agents;
  private final ConfiguredProviders providers;
  private final PhoneNumbers phoneNumbers;
  private final DialRules dialRules;
  private final DialPolicy policy;
  private final CallStore store;
  private final CallRecorder recorder;
  private final CallReading reading;
  private final WrapUpSettings wrapUp;
  private final Metrics metrics;
  private final Clock clock;

  CallPlacing(
      AgentLookup agents,
      ConfiguredProviders providers,
      PhoneNumbers phoneNumbers,
      DialRules dialRules,
      DialPolicy policy,
      CallStore store,
      CallRecorder recorder,
      CallReading reading,
      WrapUpSettings wrapUp,
      Metrics metrics,
      Clock clock) {
    this.agents = agents;
    this.providers = providers;
    this.phoneNumbers = phoneNumbers;
    this.dialRules = dialRules;
    this.policy = policy;
    this.store = store;
    this.recorder = recorder;
    this.reading = reading;
    this.wrapUp = wrapUp;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Places the call, and tells the metrics whether it was placed and what refused it. */
  Call place(Actor actor, PlaceCall request) {
    String crmUser = actor.user();
    Agent agent = agents.require(crmUser);
    TelephonyProvider telephony =
        providers.requireToDialThrough(
            request.provider() == null ? agent.provider() : request.provider());
    try (LogContext log = LogContext.of(telephony.name(), null)) {
      Call placed = place(actor, request, agent, telephony, log);
      metrics.call(telephony.name(), "placed");
      return placed;
    } catch (DialbridgeException e) {
      metrics.call(telephony.name(), e.errorCode().wire());
      throw e;
    }
  }

  private Call place(
      Actor actor, PlaceCall request, Agent agent, TelephonyProvider telephony, LogContext log) {
    String crmUser = actor.user();
    InputSizes.checkContactId(request.contactId());
    Destination destination = phoneNumbers.parse(request.number());
    checkPolicy(crmUser, destination, telephony);
    // a callback must be one the agent may see: 404 or 403 before anything is recorded
    if (request.followsUp() != null) reading.call(actor, request.followsUp());

    Call call =
        record(crmUser, agent, telephony, request.contactId(), destination, request.followsUp());
    log.call(call.id());
    String providerCallId;
    try {
      providerCallId =
          metrics
              .timed(
                  telephony.name(),
                  "place_call",
                  () -> telephony.placeCall(new CallRequest(call.id(), agent, destination)))
              .providerCallId();
    } catch (ProviderException e) {
      recordFailedOrigination(call, e);
      throw e;
    }
    LOG.log(
        Level.INFO,
        () ->
            "call "
                + call.id()
                + " placed by "
                + crmUser
                + " to "
                + destination.masked()
                + " via "
                + telephony.name());
    PlacedLink link =
        store.linkPlacedLeg(call.id(), telephony.name(), providerCallId, telephony::interpret);
    recorder.announce(link.linked());
    return link.call();
  }

  private void checkPolicy(String crmUser, Destination destination, TelephonyProvider telephony) {
    Optional<String> refusal = dialRules.refusal(destination, telephony.outsideLinePrefix());
    if (refusal.isPresent()) {
      LOG.log(
          Level.WARNING,
          "dial policy refused " + destination.masked() + " for " + crmUser + ": " + refusal.get());
      throw new NumberNotAllowedException(refusal.get());
    }
  }

  /** Records the call as placed, unless the agent is busy or over the rate limit. */
  private Call record(
      String crmUser,
      Agent agent,
      TelephonyProvider telephony,
      String contactId,
      Destination destination,
      String followsUp) {
    Instant now = clock.instant();
    Call call =
        Call.placed(
            UUID.randomUUID().toString(),
            telephony.name(),
            contactId,
            crmUser,
            agent.extension(),
            agent.extension(),
            destination.e164(),
            now);
    CallEvent placed =
        new CallEvent(
            call.id(),
            EventType.PLACED,
            CallStatus.DIALING,
            null,
            null,
            now,
            now,
            "dialbridge|placed|" + call.id(),
            followsUp == null
                ? "{}"
                : Payloads.JSON.createObjectNode().put("followsUp", followsUp).toString());
    PlacementRules rules =
        new PlacementRules(
            policy.rateLimit(),
            policy.oneLiveCall(),
            wrapUp.required() ? wrapUp.editableFor() : null);
    refuseUnlessPlaced(crmUser, store.insertPlaced(call, placed, rules, followsUp), now);
    recorder.created(call);
    return call;
  }

  private void refuseUnlessPlaced(String crmUser, Placement placement, Instant now) {
    switch (placement.outcome()) {
      case PLACED -> {}
      case AGENT_BUSY -> {
        LOG.log(
            Level.INFO,
            "call refused for " + crmUser + ": on live call " + placement.inTheWay().id());
        throw new AgentBusyException(placement.inTheWay());
      }
      case WRAP_UP_PENDING -> {
        LOG.log(
            Level.INFO,
            "call refused for "
                + crmUser
                + ": call "
                + placement.inTheWay().id()
                + " awaits its wrap-up");
        throw new WrapUpPendingException(placement.inTheWay());
      }
      case RATE_LIMITED -> {
        Instant resets = store.rateLimitResetsAt(crmUser, policy.rateLimit());
        LOG.log(Level.INFO, "call refused for " + crmUser + ": rate limit " + policy.rateLimit());
        throw new RateLimitedException(crmUser, Duration.between(now, resets));
      }
    }
  }

  private void recordFailedOrigination(Call call, ProviderException e) {
    Instant now = clock.instant();
    String raw =
        e.code() + (e.providerMessage().isPresent() ? ": " + e.providerMessage().get() : "");
    OwnEvent event =
        e.outcomeUnknown()
            ? OwnEvent.of(
                call.id(),
                "outcome-unknown",
                EventType.OTHER,
                null,
                null,
                "origination_outcome_unknown: " + raw,
                now)
            : OwnEvent.of(
                call.id(),
                "origination-failed",
                EventType.HANGUP,
                CallStatus.FAILED,
                HangupCause.PROVIDER_ERROR,
                raw,
                now);
    LOG.log(Level.WARNING, "call " + call.id() + " via " + call.provider() + ": " + e.getMessage());
    try {
      recorder.record(call.provider(), event);
    } catch (DialbridgeException storeDown) {
      LOG.log(
          Level.WARNING,
          "could not record the failed origination of call "
              + call.id()
              + ": "
              + storeDown.getMessage());
    }
  }
}
