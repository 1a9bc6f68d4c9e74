package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.dialbridge.core.Actor;
import org.dialbridge.core.CallSubscription;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.InboundListener;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.store.InboundCall;

/**
 * The live streams of {@code GET /calls/{id}/events}: one server-sent event named {@code call}
 * (data: the call's JSON) now and on every change, read through the facade's {@code watch}, so a
 * change stored by another CRM node arrives too; the stream ends after a terminal status. And the
 * agents' streams of {@code GET /me/events} (docs/inbound.md): {@code incoming} for each inbound
 * call that rings for the agent, then {@code call} for its changes, until the agent leaves. A
 * comment every 15 s keeps proxies from cutting the stream and finds clients that left. Closing
 * stops its thread.
 */
public final class CallStreams implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CallStreams.class.getName());
  private static final long HEARTBEAT_SECONDS = 15;

  private final Dialbridge dialbridge;
  private final Duration maxAge;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "dialbridge-sse-heartbeat");
            t.setDaemon(true);
            return t;
          });

  public CallStreams(Dialbridge dialbridge, Duration maxAge) {
    this.dialbridge = dialbridge;
    this.maxAge = maxAge;
    heartbeat.scheduleWithFixedDelay(
        this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  /** Streams the call {@code callId}, each change written as {@code json} makes it. */
  void open(String callId, SseEventSink sink, Sse sse, Function<Call, ObjectNode> json) {
    Stream stream = new Stream(sink, sse, json, Instant.now());
    open.add(stream);
    stream.subscription = dialbridge.watch(callId, stream::send);
    if (stream.closed) stream.subscription.close();
  }

  /** Streams the inbound calls that ring for {@code agent}. */
  void openInbound(Actor agent, SseEventSink sink, Sse sse, CallJson json) {
    Stream stream = new Stream(sink, sse, json::call, Instant.now());
    open.add(stream);
    stream.subscription =
        dialbridge.watchInbound(
            agent,
            new InboundListener() {
              @Override
              public void incoming(InboundCall call) {
                stream.send("incoming", null, json.incoming(call).toString(), false);
              }

              @Override
              public void changed(Call call) {
                stream.send("call", null, json.call(call).toString(), false);
              }
            });
    if (stream.closed) stream.subscription.close();
  }

  /** How many streams are open now. */
  public int openCount() {
    return open.size();
  }

  private void beat() {
    Instant cutoff = Instant.now().minus(maxAge);
    for (Stream s : open) {
      if (s.since.isBefore(cutoff)) s.close();
      else s.comment("keepalive");
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    open.forEach(Stream::close);
  }

  private final class Stream {
    private final SseEventSink sink;
    private final Sse sse;
    private final Function<Call, ObjectNode> json;
    private final Instant since;
    private volatile CallSubscription subscription;
    private volatile boolean closed;

    Stream(SseEventSink sink, Sse sse, Function<Call, ObjectNode> json, Instant since) {
      this.sink = sink;
      this.sse = sse;
      this.json = json;
      this.since = since;
    }

    void send(Call call) {
      send("call", call.status().name(), json.apply(call).toString(), call.status().isTerminal());
    }

    /**
     * Sends one event of JSON {@code data}, with {@code id} when not null; with {@code last}, then
     * ends the stream.
     */
    synchronized void send(String name, String id, String data, boolean last) {
      if (closed) return;
      OutboundSseEvent.Builder event =
          sse.newEventBuilder()
              .name(name)
              .mediaType(MediaType.APPLICATION_JSON_TYPE)
              .data(String.class, data);
      if (id != null) event.id(id);
      deliver(event.build());
      if (last) close();
    }

    synchronized void comment(String text) {
      if (!closed) deliver(sse.newEventBuilder().comment(text).build());
    }

    private void deliver(OutboundSseEvent event) {
      if (sink.isClosed()) {
        close();
        return;
      }
      sink.send(event)
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) close();
              });
    }

    void close() {
      if (closed) return;
      closed = true;
      open.remove(this);
      CallSubscription s = subscription;
      if (s != null) s.close();
      try {
        sink.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing an event stream: " + e);
      }
    }
  }
}
