package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One Bandwidth v2 call leg: the agent's (created by the API) or the customer's (rung by the BXML
 * {@code <Transfer>} the agent leg's {@code answer} was answered with); or, for an inbound call,
 * the caller's (posting {@code initiate}) and the agent's (rung by its transfer). It posts its own
 * callbacks, acts on the BXML they are answered with, and ends its bridged leg with it.
 */
final class BandwidthV2Leg implements EmulatedCall.Listener {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Where one leg's callbacks go, and the Basic credentials they carry. */
  record Callbacks(URI answerUrl, URI disconnectUrl, String user, String password) {}

  final String id = "c-" + Ids.hex(8) + "-" + Ids.hex(8) + "-" + Ids.hex(4) + "-" + Ids.hex(12);
  final URI base;
  final String accountId;
  final URI uri;
  final String applicationId;
  final String from;
  final String to;
  final String tag;
  final boolean inbound;
  final Callbacks callbacks;
  final WebhookSender.Channel channel;
  final BandwidthV2Leg parent;
  final EmulatedCall call;
  private final String providerName;
  private final EmulatorContext context;
  private final Duration transferAnswerAfter;
  private final Outcome transferOutcome;

  /** The leg a transfer rang from this one, and where its end is told (the A leg's side). */
  volatile BandwidthV2Leg transferredTo;

  private volatile URI transferCompleteUrl;
  private volatile String transferUser;
  private volatile String transferPassword;

  /**
   * @param outcome how this leg ends
   * @param transferOutcome how a leg this one's BXML transfers to ends (null: its number decides)
   */
  BandwidthV2Leg(
      URI base,
      String accountId,
      String applicationId,
      String from,
      String to,
      String tag,
      boolean inbound,
      Callbacks callbacks,
      int callTimeout,
      WebhookSender.Channel channel,
      Duration answerAfter,
      Duration transferAnswerAfter,
      BandwidthV2Leg parent,
      String providerName,
      EmulatorContext context,
      Outcome outcome,
      Outcome transferOutcome) {
    this.base = base;
    this.accountId = accountId;
    this.uri = URI.create(base + "/accounts/" + accountId + "/calls/" + id);
    this.applicationId = applicationId;
    this.from = from;
    this.to = to;
    this.tag = tag;
    this.inbound = inbound;
    this.callbacks = callbacks;
    this.channel = channel;
    this.parent = parent;
    this.providerName = providerName;
    this.context = context;
    this.transferAnswerAfter = transferAnswerAfter;
    this.transferOutcome = transferOutcome;
    Duration noAnswer = context.timing().noAnswerAfter();
    Duration timeout = Duration.ofSeconds(callTimeout);
    this.call =
        new EmulatedCall(
            id,
            to,
            outcome,
            answerAfter,
            noAnswer.compareTo(timeout) < 0 ? noAnswer : timeout,
            context,
            this);
  }

  /** An inbound caller's leg, already answered: {@code initiate}, and the BXML acted on. */
  void initiate(URI initiateUrl) {
    ObjectNode event = event("initiate");
    event.remove("tag");
    post(initiateUrl, callbacks.user(), callbacks.password(), event, this::act);
  }

  @Override
  public void answered(EmulatedCall c) {
    if (parent != null) {
      ObjectNode event = event("transferAnswer");
      post(callbacks.answerUrl(), callbacks.user(), callbacks.password(), event, null);
      return;
    }
    post(callbacks.answerUrl(), callbacks.user(), callbacks.password(), event("answer"), this::act);
  }

  @Override
  public void ended(EmulatedCall c, EmulatedCall.End end) {
    ObjectNode event = event(parent != null ? "transferDisconnect" : "disconnect");
    event.put("cause", cause(end)).put("endTime", TIME.format(context.now()));
    if (end == EmulatedCall.End.FAILED) event.put("sipResponseCode", "404");
    URI url = callbacks.disconnectUrl();
    if (parent != null) {
      post(url, callbacks.user(), callbacks.password(), event, null);
      parent.transferEnded(this, end);
    } else {
      post(url, callbacks.user(), callbacks.password(), event, null);
      BandwidthV2Leg other = transferredTo;
      if (other != null) context.execute(other.call::hangUp);
    }
  }

  /**
   * The leg this one transferred to ended: {@code transferComplete} to this leg while it is up,
   * then, the BXML over, this leg hangs up.
   */
  private void transferEnded(BandwidthV2Leg leg, EmulatedCall.End end) {
    if (!call.isLive()) return;
    if (transferCompleteUrl != null) {
      ObjectNode event = event("transferComplete");
      event.put("cause", cause(end)).put("transferTo", leg.to);
      post(transferCompleteUrl, transferUser, transferPassword, event, null);
    }
    context.execute(call::hangUp);
  }

  /** Acts on the BXML a callback was answered with: a transfer, else the call hangs up. */
  private void act(String bxml) {
    Optional<Element> transfer = transfer(bxml);
    if (transfer.isEmpty() || !call.isLive()) {
      context.execute(call::hangUp);
      return;
    }
    Element verb = transfer.get();
    Element target = firstTarget(verb);
    // the leg stays up while the transfer rings and talks: the transferred leg decides
    if (target == null || !call.holdOpen()) {
      context.execute(call::hangUp);
      return;
    }
    transferCompleteUrl = uri(verb.getAttribute("transferCompleteUrl"));
    transferUser = attribute(verb, "username");
    transferPassword = attribute(verb, "password");
    String callerId = attribute(verb, "transferCallerId");
    int timeout = number(verb.getAttribute("callTimeout"), 30);
    String legTag = attribute(target, "tag");
    URI answerUrl = uri(target.getAttribute("transferAnswerUrl"));
    URI disconnectUrl = uri(target.getAttribute("transferDisconnectUrl"));
    String number = target.getTextContent().strip();
    BandwidthV2Leg leg =
        new BandwidthV2Leg(
            base,
            accountId,
            applicationId,
            callerId != null ? callerId : from,
            number,
            legTag != null ? legTag : tag,
            false,
            new Callbacks(
                answerUrl,
                disconnectUrl,
                attribute(target, "username"),
                attribute(target, "password")),
            timeout,
            channel,
            transferAnswerAfter,
            context.timing().answeredAfter(),
            this,
            providerName,
            context,
            transferOutcome != null ? transferOutcome : Outcome.forNumber(number),
            null);
    transferredTo = leg;
    leg.call.start();
  }

  private static Optional<Element> transfer(String bxml) {
    if (bxml == null || bxml.isBlank()) return Optional.empty();
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(bxml.getBytes(StandardCharsets.UTF_8)));
      Element response = doc.getDocumentElement();
      if (!response.getTagName().equals("Response")) return Optional.empty();
      for (Node n = response.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          return e.getTagName().equals("Transfer") ? Optional.of(e) : Optional.empty();
        }
      }
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The first {@code <PhoneNumber>} or {@code <SipUri>}: the emulator rings one target. */
  private static Element firstTarget(Element transfer) {
    for (Node n = transfer.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && (e.getTagName().equals("PhoneNumber") || e.getTagName().equals("SipUri"))) {
        return e;
      }
    }
    return null;
  }

  private static String attribute(Element e, String name) {
    return e.hasAttribute(name) ? e.getAttribute(name) : null;
  }

  private static URI uri(String value) {
    try {
      return value == null || value.isBlank() ? null : URI.create(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int number(String value, int otherwise) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** Bandwidth v2's {@code cause} for how a leg ended. */
  static String cause(EmulatedCall.End end) {
    return switch (end) {
      case COMPLETED -> "hangup";
      case CANCELED -> "cancel";
      case BUSY -> "busy";
      case NO_ANSWER -> "timeout";
      case FAILED -> "error";
      case REJECTED -> "rejected";
    };
  }

  private ObjectNode event(String type) {
    ObjectNode event =
        Json.object()
            .put("eventType", type)
            .put("eventTime", TIME.format(context.now()))
            .put("accountId", accountId)
            .put("applicationId", applicationId)
            .put("from", from)
            .put("to", to)
            .put("direction", inbound ? "inbound" : "outbound")
            .put("callId", id)
            .put("callUrl", uri.toString())
            .put("startTime", TIME.format(call.created()));
    if (parent != null) event.put("parentCallId", parent.id);
    Instant answered = call.answeredAt();
    if (answered != null) event.put("answerTime", TIME.format(answered));
    if (tag != null) event.put("tag", tag);
    return event;
  }

  private void post(
      URI url, String user, String password, ObjectNode event, Consumer<String> then) {
    if (url == null) {
      // like Bandwidth: no URL, no callback (and no BXML: a leg asking for some hangs up)
      if (then != null) context.execute(() -> then.accept(""));
      return;
    }
    channel.post(
        WebhookSender.Webhook.basic(
            providerName, event.get("eventType").asText(), url, user, password, Json.write(event)),
        then);
  }

  /** {@code queued}, {@code initiated}, {@code answered}, {@code disconnected}. */
  String state() {
    return switch (call.state()) {
      case CREATED -> "queued";
      case DIALING, RINGING -> "initiated";
      case ANSWERED -> "answered";
      case ENDED -> "disconnected";
    };
  }

  /** The documented call state ({@code GET …/calls/{callId}}). */
  ObjectNode resource() {
    ObjectNode json =
        Json.object()
            .put("applicationId", applicationId)
            .put("accountId", accountId)
            .put("callId", id)
            .put("to", to)
            .put("from", from)
            .put("direction", inbound ? "inbound" : "outbound")
            .put("state", state())
            .put("enqueuedTime", TIME.format(call.created()));
    if (parent != null) json.put("parentCallId", parent.id);
    Instant answered = call.answeredAt();
    Instant ended = call.endedAt();
    if (answered != null) json.put("answerTime", TIME.format(answered));
    if (ended != null) {
      json.put("endTime", TIME.format(ended)).put("disconnectCause", cause(call.end()));
    }
    json.put("lastUpdate", TIME.format(context.now()));
    if (tag != null) json.put("tag", tag);
    return json;
  }
}
