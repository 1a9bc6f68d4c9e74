package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dialbridge.core.config.Durations;
import org.dialbridge.core.config.WrapUpSettings;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.WrapUp;
import org.dialbridge.core.model.WrapUp.ProviderReceipt;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.Disposition;
import org.dialbridge.core.spi.Disposition.Outcome;
import org.dialbridge.core.spi.DispositionCatalog;
import org.dialbridge.core.spi.DispositionRequest;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.CallWithWrapUp;
import org.dialbridge.core.store.WrapUpEdit;

/**
 * A call's wrap-up: checked against the catalog and the call (the agent's own, answered or ended,
 * within the editing window), saved under the call's lock, told to the CRM's listeners, and sent to
 * a provider that keeps dispositions — whose answer is recorded on the wrap-up, never lost.
 */
final class WrappingUp {
  private static final System.Logger LOG = System.getLogger(WrappingUp.class.getName());

  /** A callback time this far in the past still counts as now: the agent's clock may lag. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /** The furthest a callback may be set: beyond, it is a typo (or a year no database stores). */
  static final Duration CALLBACK_HORIZON = Duration.ofDays(366);

  /** The most open callbacks listed for one agent. */
  static final int MAX_CALLBACKS = 200;

  private final DispositionCatalog catalog;
  private final WrapUpSettings settings;
  private final CallStore store;
  private final ConfiguredProviders providers;
  private final AgentLookup agents;
  private final CallRecorder recorder;
  private final Clock clock;

  WrappingUp(
      DispositionCatalog catalog,
      WrapUpSettings settings,
      CallStore store,
      ConfiguredProviders providers,
      AgentLookup agents,
      CallRecorder recorder,
      Clock clock) {
    this.catalog = catalog;
    this.settings = settings;
    this.store = store;
    this.providers = providers;
    this.agents = agents;
    this.recorder = recorder;
    this.clock = clock;
  }

  WrapUpSettings settings() {
    return settings;
  }

  /** The catalog, each code once (a CRM's list with a code twice keeps the first). */
  List<Disposition> dispositions() {
    Map<String, Disposition> byCode = new LinkedHashMap<>();
    List<Disposition> listed = catalog.dispositions();
    for (Disposition d : listed == null ? List.<Disposition>of() : listed) {
      if (d != null && byCode.putIfAbsent(d.code(), d) != null) {
        LOG.log(Level.WARNING, "disposition catalog lists " + d.code() + " twice; first kept");
      }
    }
    return List.copyOf(byCode.values());
  }

  WrapUp save(Actor actor, String callId, String code, String note, Instant callbackAt) {
    try (LogContext log = LogContext.of(null, callId)) {
      return saveLogged(actor, callId, code, note, callbackAt);
    }
  }

  private WrapUp saveLogged(
      Actor actor, String callId, String code, String note, Instant callbackAt) {
    String text = plainText(note);
    if (text != null && text.length() > settings.noteMaxLength()) {
      throw new DialbridgeException(
          ErrorCode.NOTE_TOO_LONG,
          "The note is longer than " + settings.noteMaxLength() + " characters.");
    }
    Disposition disposition = code == null ? null : find(code);
    Instant now = clock.instant();
    if (callbackAt != null && callbackAt.isAfter(now.plus(CALLBACK_HORIZON))) {
      throw new DialbridgeException(
          ErrorCode.INVALID_REQUEST, "The time to call back must be within a year from now.");
    }
    CallWithWrapUp saved =
        store
            .saveWrapUp(
                callId,
                new WrapUpEdit(code, text, callbackAt),
                actor.user(),
                (call, current) -> check(actor, call, disposition, callbackAt, now))
            .orElseThrow(
                () -> new DialbridgeException(ErrorCode.CALL_NOT_FOUND, "No call " + callId + "."));
    Call call = saved.call();
    WrapUp told = sendToProvider(call, saved.wrapUp());
    recorder.wrappedUp(call, told);
    return told;
  }

  private Disposition find(String code) {
    return dispositions().stream()
        .filter(d -> d.code().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new DialbridgeException(
                    ErrorCode.UNKNOWN_DISPOSITION,
                    "No disposition has the code '" + shown(code) + "'."));
  }

  /** Refuses the save, under the call's lock, when the call or the values do not allow it. */
  private void check(
      Actor actor, Call call, Disposition disposition, Instant callbackAt, Instant now) {
    if (!actor.owns(call.agent())) {
      throw new DialbridgeException(ErrorCode.FORBIDDEN, "This call belongs to another agent.");
    }
    Outcome outcome = Outcome.of(call);
    if (outcome == null) {
      throw new DialbridgeException(
          ErrorCode.WRAP_UP_NOT_OPEN, "A call can be wrapped up once it is answered or has ended.");
    }
    if (call.endedAt() != null && call.endedAt().plus(settings.editableFor()).isBefore(now)) {
      throw new DialbridgeException(
          ErrorCode.WRAP_UP_CLOSED,
          "This call ended more than "
              + Durations.format(settings.editableFor())
              + " ago; its wrap-up can no longer be changed.");
    }
    if (disposition != null && !disposition.offeredFor(outcome)) {
      throw new DialbridgeException(
          ErrorCode.DISPOSITION_NOT_OFFERED,
          "'"
              + disposition.label("en")
              + "' is not offered for a call that was "
              + words(outcome)
              + ".");
    }
    if (disposition != null && disposition.callback() && callbackAt == null) {
      throw new DialbridgeException(
          ErrorCode.CALLBACK_TIME_REQUIRED,
          "'" + disposition.label("en") + "' needs the time to call back.");
    }
    if (callbackAt != null && callbackAt.isBefore(now.minus(CLOCK_SKEW))) {
      throw new DialbridgeException(
          ErrorCode.CALLBACK_TIME_IN_PAST, "The time to call back has passed; pick a later one.");
    }
  }

  /**
   * Sends a save with a disposition to a provider that keeps dispositions, and records what it
   * said. A refusal or a failure is recorded on the wrap-up (and shown), never thrown: the wrap-up
   * is saved in Dialbridge either way.
   */
  private WrapUp sendToProvider(Call call, WrapUp saved) {
    if (saved.disposition() == null || call.providerCallId() == null) return saved;
    TelephonyProvider telephony;
    try {
      telephony = providers.require(call.provider());
    } catch (DialbridgeException gone) {
      return saved; // the provider is no longer configured: Dialbridge keeps the wrap-up
    }
    if (!telephony.capabilities().dispositions()) return saved;
    Agent agent =
        agents
            .find(call.agent())
            .orElseGet(() -> new Agent(call.agent(), call.agentExtension(), call.provider(), null));
    ProviderReceipt receipt;
    try {
      telephony.sendDisposition(
          new DispositionRequest(
              call.id(),
              call.providerCallId(),
              agent,
              call.to(),
              saved.disposition(),
              saved.note(),
              saved.callbackAt()));
      receipt = new ProviderReceipt(ProviderReceipt.Status.SENT, null);
    } catch (ProviderRejectedException e) {
      receipt =
          new ProviderReceipt(
              ProviderReceipt.Status.REFUSED, e.providerMessage().orElse(e.getMessage()));
    } catch (ProviderException e) {
      receipt = new ProviderReceipt(ProviderReceipt.Status.FAILED, e.getMessage());
    }
    if (receipt.status() != ProviderReceipt.Status.SENT) {
      LOG.log(
          Level.WARNING,
          "disposition of call "
              + call.id()
              + " not recorded by "
              + call.provider()
              + ": "
              + receipt.message());
    }
    try {
      store.recordWrapUpReceipt(call.id(), saved.revision(), receipt);
    } catch (DialbridgeException storeDown) {
      LOG.log(
          Level.WARNING,
          "could not record the provider's answer for the wrap-up of call "
              + call.id()
              + ": "
              + storeDown.getMessage());
    }
    return saved.withProvider(receipt);
  }

  /** The agent's call awaiting its wrap-up, if any (with required wrap-up: answered calls only). */
  Optional<CallWithWrapUp> awaiting(Actor actor) {
    return store.awaitingWrapUp(
        actor.user(), settings.required(), clock.instant().minus(settings.editableFor()));
  }

  /** The agent's open callbacks, soonest first. */
  List<Callback> callbacks(Actor actor) {
    Instant now = clock.instant();
    List<Callback> callbacks = new ArrayList<>();
    for (CallWithWrapUp c : store.openCallbacks(actor.user(), MAX_CALLBACKS)) {
      callbacks.add(new Callback(c.call(), c.wrapUp(), !c.wrapUp().callbackAt().isAfter(now)));
    }
    return callbacks;
  }

  /** A note as stored: stripped, control characters but line breaks and tabs removed. */
  static String plainText(String note) {
    if (note == null) return null;
    String text = note.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
    return text.isEmpty() ? null : text;
  }

  private static String shown(String code) {
    return code.length() > 64 ? code.substring(0, 64) + "…" : code;
  }

  private static String words(Outcome outcome) {
    return switch (outcome) {
      case ANSWERED -> "answered";
      case BUSY -> "busy";
      case NO_ANSWER -> "not answered";
      case CANCELED -> "canceled";
      case REJECTED -> "rejected";
      case FAILED -> "failed";
    };
  }
}
