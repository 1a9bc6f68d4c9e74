package org.dialbridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.dialbridge.bench.Webhooks.Delivery;
import org.dialbridge.bench.Webhooks.PlannedCall;

/**
 * What an agent waits for: the time from a webhook's {@code 204} reaching its sender to the call's
 * live stream ({@code GET /calls/{id}/events}, signed in as the agent who owns the call) showing
 * the status that webhook brings. Runs beside a paced phase, one sampled call at a time: a C3 call
 * of the workload's own (taken from the same numbering, so no sender posts its events), its stream
 * opened and its first event (the status now) read, then its {@code ringing}, {@code answered} and
 * {@code hangup} posted one after the other, each waited for on the stream. A status the stream
 * showed before the {@code 204} arrived (the synchronous path moves the call before it answers)
 * counts as 0 and is counted apart; one not shown within {@value #TIMEOUT_MS} ms counts as that
 * long and is counted apart too.
 */
final class SseProbe implements AutoCloseable {
  static final long TIMEOUT_MS = 5_000;
  private static final Map<String, String> STATUS_OF =
      Map.of("ringing", "RINGING", "answered", "ANSWERED", "hangup", "COMPLETED");

  private final String base;
  private final Webhooks.Calls calls;
  private final Webhooks.Counts counts;
  private final LoadClient client = new LoadClient(2);
  private final HttpClient sse =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
  private final AtomicLong beforeThe204 = new AtomicLong();
  private final AtomicLong notShown = new AtomicLong();
  private final AtomicLong calls0 = new AtomicLong();
  private volatile boolean stop;
  private volatile String firstFailure;
  private Thread thread;

  /**
   * @param counts where the probe's own events are counted, with the senders', so that the stored
   *     rows still add up
   */
  SseProbe(String base, Webhooks.Calls calls, Webhooks.Counts counts) {
    this.base = base;
    this.calls = calls;
    this.counts = counts;
  }

  void start() {
    thread = new Thread(this::loop, "bench-sse-probe");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Forgets what was sampled so far, and goes on: started before the light load that settles the
   * JIT ahead of the paced phase, the stream's code is compiled by then (an agent's stream is open
   * all day; begun with the phase, its first classes deoptimized Jetty's hot paths in the middle of
   * the measurement).
   */
  void reset() {
    synchronized (latency) {
      latency.reset();
    }
    beforeThe204.set(0);
    notShown.set(0);
    calls0.set(0);
  }

  /** Stops sampling (the call under way finishes) and answers the results. */
  Histogram stop() throws InterruptedException {
    stop = true;
    if (thread != null) thread.join(TimeUnit.SECONDS.toMillis(30));
    return latency;
  }

  private void loop() {
    while (!stop) {
      long n;
      do n = calls.take();
      while (n % 4 != 0);
      try {
        sample(PlannedCall.of(n));
        calls0.incrementAndGet();
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        if (firstFailure == null) firstFailure = e.toString();
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  private void sample(PlannedCall call) throws Exception {
    Map<String, Long> seen = new ConcurrentHashMap<>();
    HttpRequest get =
        HttpRequest.newBuilder(URI.create(base + "/dialbridge/api/calls/" + call.id() + "/events"))
            .header("Authorization", SignInFilter.basic(call.agent()))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(30))
            .build();
    HttpResponse<InputStream> r = sse.send(get, HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      r.body().close();
      throw new IOException("the call's stream answered " + r.statusCode());
    }
    try (InputStream body = r.body()) {
      Thread reader = new Thread(() -> read(body, seen), "bench-sse-reader");
      reader.setDaemon(true);
      reader.start();
      waitFor(seen, null);
      List<Delivery> deliveries = ProviderDeliveries.of(base, call);
      for (Delivery d : deliveries.subList(1, deliveries.size())) {
        String event = new String(d.body(), StandardCharsets.UTF_8);
        String status = STATUS_OF.get(event.substring(10, event.indexOf('"', 10)));
        int code = client.post(d.uri(), d.body(), d.type(), d.headersNow());
        long answered = System.nanoTime();
        if (code != 204) {
          counts.uniqueFailed.incrementAndGet();
          throw new IOException("a sampled webhook was answered " + code);
        }
        counts.unique.incrementAndGet();
        Long at = waitFor(seen, status);
        long micros;
        if (at == null) {
          notShown.incrementAndGet();
          micros = TimeUnit.MILLISECONDS.toMicros(TIMEOUT_MS);
        } else if (at <= answered) {
          beforeThe204.incrementAndGet();
          micros = 0;
        } else {
          micros = (at - answered) / 1000;
        }
        synchronized (latency) {
          latency.recordValue(Math.min(latency.getHighestTrackableValue(), micros));
        }
      }
    }
  }

  /** Waits until the stream showed {@code status} (or any event when null); its time or null. */
  private static Long waitFor(Map<String, Long> seen, String status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      Long at = status == null ? seen.values().stream().findFirst().orElse(null) : seen.get(status);
      if (at != null) return at;
      Thread.sleep(0, 200_000);
    }
    return null;
  }

  /** Reads the stream: each {@code call} event's id is the call's status. */
  static void read(InputStream body, Map<String, Long> seen) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      String id = null;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.isEmpty() && id != null) {
          seen.putIfAbsent(id, System.nanoTime());
          id = null;
        }
      }
    } catch (IOException closed) {
      // the call ended or the sample gave up waiting
    }
  }

  /** The report's line. */
  String describe(Histogram h, String phase) {
    return String.format(
        Locale.ROOT,
        "webhook 204 → status on the call's event stream, at %s: p50 %.2f ms, p99 %.2f ms, max %.2f"
            + " ms over %,d status changes of %,d sampled calls (%,d already shown when the 204"
            + " arrived, counted as 0; %,d not shown within %d ms)%s",
        phase,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0,
        h.getTotalCount(),
        calls0.get(),
        beforeThe204.get(),
        notShown.get(),
        TIMEOUT_MS,
        firstFailure == null ? "" : "; first failure: " + firstFailure);
  }

  @Override
  public void close() throws IOException {
    stop = true;
    client.close();
  }
}
