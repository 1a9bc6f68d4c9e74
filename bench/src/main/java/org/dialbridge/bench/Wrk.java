package org.dialbridge.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The max-throughput rows driven by {@code wrk} (written in C, so the load generator is not the
 * limit, as it is for the Java client against a bare servlet). The requests are made in Java
 * beforehand, the same mix the Java senders post (unique events, 10% redeliveries, 5% out of order,
 * each provider's body and authentication, BemMelhor's HMAC signed at that moment), one file per
 * wrk thread; a Lua script written next to them sends each thread's requests in order and starts
 * over from its first one when it runs out (those repeats are counted). Its {@code done()} prints
 * one line the bench parses: wrk's own counts (responses, responses with a status over 399, socket
 * errors, latency percentiles) and the script's (unique events sent, redeliveries, repeats).
 */
final class Wrk {
  static final String MARK = "DIALBRIDGE-WRK";
  static final int THREADS = 2;

  private Wrk() {}

  static Path binary() {
    return Path.of(System.getProperty("bench.wrk", "/usr/bin/wrk"));
  }

  static boolean available() {
    return Files.isExecutable(binary());
  }

  /** What a wrk phase did, as its {@code done()} line says. Latencies in microseconds. */
  record Result(
      long responses,
      long non2xx,
      long connectErrors,
      long readErrors,
      long writeErrors,
      long timeouts,
      double seconds,
      long sent,
      long uniqueSent,
      long redeliveries,
      long repeats,
      long p50,
      long p99,
      long p999,
      long max) {
    /** Responses wrk did not count as errors (status below 400: the servers answer 204 or 4xx). */
    long ok() {
      return responses - non2xx;
    }

    long socketErrors() {
      return connectErrors + readErrors + writeErrors + timeouts;
    }

    double throughput() {
      return ok() / seconds;
    }

    /**
     * Requests sent that got no 2xx: the non-2xx answers, the socket errors and those still in
     * flight when wrk stopped (it does not wait for them).
     */
    long notOk() {
      return Math.max(0, sent - ok());
    }

    /** At least this many unique events were answered 2xx (at most {@link #uniqueSent}). */
    long uniqueAnsweredAtLeast() {
      return Math.max(0, uniqueSent - notOk());
    }
  }

  /** Reads the {@value #MARK} line of wrk's output. */
  static Result parse(String output) {
    for (String line : output.split("\\R")) {
      if (!line.startsWith(MARK + " ")) continue;
      Map<String, Long> v = new HashMap<>();
      for (String pair : line.substring(MARK.length() + 1).strip().split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq > 0) v.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
      }
      for (String k :
          List.of(
              "responses",
              "duration_us",
              "non2xx",
              "connect",
              "read",
              "write",
              "timeout",
              "sent",
              "unique_sent",
              "redeliveries",
              "repeats",
              "p50_us",
              "p99_us",
              "p999_us",
              "max_us")) {
        if (!v.containsKey(k)) throw new IllegalArgumentException("wrk's line has no " + k);
      }
      return new Result(
          v.get("responses"),
          v.get("non2xx"),
          v.get("connect"),
          v.get("read"),
          v.get("write"),
          v.get("timeout"),
          v.get("duration_us") / 1e6,
          v.get("sent"),
          v.get("unique_sent"),
          v.get("redeliveries"),
          v.get("repeats"),
          v.get("p50_us"),
          v.get("p99_us"),
          v.get("p999_us"),
          v.get("max_us"));
    }
    throw new IllegalArgumentException("no " + MARK + " line in wrk's output:\n" + output);
  }

  /**
   * One request as wrk sends it: the raw HTTP/1.1 bytes (headers and body) and whether it is the
   * first delivery of its event.
   */
  static byte[] raw(Webhooks.Delivery d, String hostPort) {
    StringBuilder h = new StringBuilder();
    String query = d.uri().getRawQuery();
    h.append("POST ")
        .append(d.uri().getRawPath())
        .append(query == null ? "" : "?" + query)
        .append(" HTTP/1.1\r\n");
    h.append("Host: ").append(hostPort).append("\r\n");
    h.append("Content-Type: ").append(d.type().toString()).append("\r\n");
    h.append("Content-Length: ").append(d.body().length).append("\r\n");
    d.headersNow().forEach((k, val) -> h.append(k).append(": ").append(val).append("\r\n"));
    h.append("\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + d.body().length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(d.body(), 0, all, head.length, d.body().length);
    return all;
  }

  /**
   * Writes {@code perThread} requests for each wrk thread into {@code dir}: {@code requests-<i>}
   * holds entries {@code "<u|d> <length>\n<raw request>"} (u: a unique event, d: a redelivery).
   */
  static void writeRequests(
      Path dir, String base, Webhooks.Calls calls, int threads, int perThread, long seed)
      throws IOException {
    Files.createDirectories(dir);
    String hostPort = java.net.URI.create(base).getAuthority();
    for (int t = 0; t < threads; t++) {
      Webhooks.Sender sender =
          new Webhooks.Sender(base, calls, new Webhooks.Counts(), seed * 31 + t);
      try (OutputStream out =
          new BufferedOutputStream(Files.newOutputStream(dir.resolve("requests-" + t)), 1 << 16)) {
        for (int i = 0; i < perThread; i++) {
          Webhooks.Delivery d = sender.next();
          boolean unique = sender.currentIsUnique();
          byte[] r = raw(d, hostPort);
          out.write(((unique ? "u " : "d ") + r.length + "\n").getBytes(StandardCharsets.US_ASCII));
          out.write(r);
          sender.answered(true);
        }
      }
    }
  }

  static final String LUA =
      """
      -- written by dialbridge-bench: each thread sends the requests of its own file in order
      local counter = 0
      local threads = {}

      function setup(thread)
        thread:set("id", counter)
        table.insert(threads, thread)
        counter = counter + 1
      end

      function init(args)
        local f = assert(io.open(args[1] .. "/requests-" .. id, "rb"))
        local data = f:read("*a")
        f:close()
        reqs = {}
        uniq = {}
        local pos = 1
        while pos <= #data do
          local nl = data:find("\\n", pos, true)
          local kind, len = data:sub(pos, nl - 1):match("^(%a) (%d+)$")
          len = tonumber(len)
          reqs[#reqs + 1] = data:sub(nl + 1, nl + len)
          uniq[#uniq + 1] = (kind == "u")
          pos = nl + 1 + len
        end
        n = 0
        unique_sent = 0
        redeliveries = 0
        repeats = 0
      end

      function request()
        n = n + 1
        local k = ((n - 1) % #reqs) + 1
        if n > #reqs then
          repeats = repeats + 1
        elseif uniq[k] then
          unique_sent = unique_sent + 1
        else
          redeliveries = redeliveries + 1
        end
        return reqs[k]
      end

      function done(summary, latency, requests)
        local sent, u, r, rep = 0, 0, 0, 0
        for _, t in ipairs(threads) do
          sent = sent + t:get("n")
          u = u + t:get("unique_sent")
          r = r + t:get("redeliveries")
          rep = rep + t:get("repeats")
        end
        local e = summary.errors
        io.write(string.format(
          "DIALBRIDGE-WRK responses=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d"
            .. " timeout=%d sent=%d unique_sent=%d redeliveries=%d repeats=%d"
            .. " p50_us=%d p99_us=%d p999_us=%d max_us=%d\\n",
          summary.requests, summary.duration, e.status, e.connect, e.read, e.write,
          e.timeout, sent, u, r, rep,
          latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
          latency.max))
      end
      """;

  /**
   * Runs wrk against {@code url} with the request files in {@code dir} (see {@link #writeRequests})
   * for {@code duration}.
   */
  static Result run(Path dir, String url, int connections, Duration duration)
      throws IOException, InterruptedException {
    Path script = dir.resolve("dialbridge-webhooks.lua");
    Files.writeString(script, LUA, StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.add("-t" + THREADS);
    command.add("-c" + connections);
    command.add("-d" + Math.max(1, duration.toSeconds()) + "s");
    command.add("--timeout");
    command.add("60s");
    command.add("-s");
    command.add(script.toString());
    command.add(url);
    command.add("--");
    command.add(dir.toAbsolutePath().toString());
    Path out = dir.resolve("wrk.out");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("wrk did not finish; see " + out);
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) throw new IOException("wrk exited " + p.exitValue() + ":\n" + text);
    return parse(text);
  }

  static String describe(int connections) {
    return String.format(Locale.ROOT, "wrk max (%d threads, %d conns)", THREADS, connections);
  }
}
