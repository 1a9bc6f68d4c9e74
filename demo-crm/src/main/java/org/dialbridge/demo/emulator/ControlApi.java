package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The emulator's own controls, mounted under {@code /emulator}: what a person or a test asks the
 * pretend telephone network to do.
 *
 * <ul>
 *   <li>{@code POST /emulator/ring} {@code {"provider","from","to","agent","outcome"}} → 201 {@code
 *       {"provider","callId","from","to","agent","outcome"}}: a customer calls {@code to} from
 *       {@code from} and the agent's phone rings, told to Dialbridge as {@code provider} tells of
 *       inbound calls (Bandwidth: {@code incomingcall}; C3 and BemMelhor: the generic format).
 *       {@code agent} (an extension) and {@code outcome} ({@code answered}, {@code no-answer},
 *       {@code busy}, {@code rejected}, {@code caller-hangs-up}; by default as the caller's number
 *       says, {@link RingOutcome#forCaller}) are optional. A bad field → 400, an unknown provider →
 *       404, a provider that reports no inbound calls (uContact) → 422; each {@code {"error"}}.
 * </ul>
 */
final class ControlApi implements ProviderApi {
  private static final System.Logger LOG = System.getLogger(ControlApi.class.getName());

  private final Map<String, ProviderApi> apisByName;
  private final Function<String, URI> baseByName;

  /**
   * @param apisByName every provider family's API by the configured provider name
   * @param baseByName a provider's base URL by its name
   */
  ControlApi(Map<String, ProviderApi> apisByName, Function<String, URI> baseByName) {
    this.apisByName = Map.copyOf(apisByName);
    this.baseByName = baseByName;
  }

  @Override
  public Reply handle(ApiRequest request) {
    if (!request.path().equals("/ring")) return Reply.notFound();
    if (!request.method().equals("POST")) return Reply.methodNotAllowed();
    Optional<ObjectNode> body = Json.parseObject(request.body());
    if (body.isEmpty()) return error(400, "the body must be a JSON object");
    Optional<String> provider = Json.text(body.get(), "provider");
    if (provider.isEmpty()) return error(400, "provider is required, e.g. bandwidth");
    Ring ring;
    try {
      String outcomeName = Json.text(body.get(), "outcome").orElse(null);
      RingOutcome outcome = null;
      if (outcomeName != null) {
        outcome =
            RingOutcome.named(outcomeName)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "outcome must be answered, no-answer, busy, rejected or"
                                + " caller-hangs-up"));
      }
      ring =
          Ring.of(
              Json.text(body.get(), "from").orElse(null),
              Json.text(body.get(), "to").orElse(null),
              Json.text(body.get(), "agent").orElse(null),
              outcome);
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
    String callId;
    try {
      callId = ring(provider.get(), ring);
    } catch (IllegalArgumentException e) {
      return error(404, e.getMessage());
    } catch (IllegalStateException e) {
      return error(422, e.getMessage());
    }
    ObjectNode answer =
        Json.object()
            .put("provider", provider.get())
            .put("callId", callId)
            .put("from", ring.from())
            .put("to", ring.to());
    if (ring.agent() != null) answer.put("agent", ring.agent());
    answer.put("outcome", ring.outcome().wireName());
    return Reply.json(201, answer);
  }

  /**
   * Rings as {@code provider} does.
   *
   * @return the provider's id of the caller's call
   * @throws IllegalArgumentException when no provider is configured under that name
   * @throws IllegalStateException when it reports no inbound calls
   */
  String ring(String provider, Ring ring) {
    ProviderApi api = apisByName.get(provider);
    if (api == null) throw new IllegalArgumentException("no provider named " + provider);
    String callId =
        api.ring(ring, baseByName.apply(provider))
            .orElseThrow(
                () -> new IllegalStateException(provider + " reports no inbound calls to ring"));
    LOG.log(
        Level.INFO,
        () ->
            "Ringing "
                + (ring.agent() == null ? "the agents of " + Numbers.mask(ring.to()) : ring.agent())
                + " from "
                + Numbers.mask(ring.from())
                + " through "
                + provider
                + " ("
                + ring.outcome().wireName()
                + ")");
    return callId;
  }

  private static Reply error(int status, String message) {
    return Reply.json(status, Json.object().put("error", message));
  }

  @Override
  public void forgetCallsEndedBefore(Instant cutoff) {
    // keeps no calls of its own
  }
}
