package org.dialbridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServerMain} in its own JVM: started with the same class path as this one, told its
 * configuration through a properties file, asked for its heap over HTTP, and stopped by closing its
 * standard input (so Dialbridge shuts down and closes its database cleanly).
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final String label;
  private final HttpClient admin =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServerProcess(Process process, int port, String label) {
    this.process = process;
    this.port = port;
    this.label = label;
  }

  /**
   * Starts a server and waits until it serves.
   *
   * @param kind {@code stack} or {@code bare}
   * @param config Dialbridge's context-params (ignored by {@code bare})
   * @param log where the server's output goes
   */
  static ServerProcess start(
      String kind, Map<String, String> config, List<String> jvmArgs, Path log, String label)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    Path props = Files.createTempFile("dialbridge-bench-", ".properties");
    Properties p = new Properties();
    p.putAll(config);
    try (Writer w = Files.newBufferedWriter(props, StandardCharsets.UTF_8)) {
      p.store(w, "dialbridge bench server " + label);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServerMain.class.getName());
    command.add(kind);
    command.add(props.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith("READY ") || line.startsWith("FAILED")) return line;
                }
                return "FAILED the server exited";
              } catch (IOException e) {
                return "FAILED " + e;
              }
            });
    String line;
    try {
      line = ready.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException(
          "the " + label + " server did not start within 2 minutes; see " + log, e);
    }
    if (!line.startsWith("READY ")) {
      process.destroyForcibly();
      throw new IOException("the " + label + " server did not start (" + line + "); see " + log);
    }
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // the server prints nothing more on standard output; its log goes to the file
                }
              } catch (IOException ignored) {
                // the server is gone
              }
            },
            "bench-server-stdout");
    drain.setDaemon(true);
    drain.start();
    Files.deleteIfExists(props);
    return new ServerProcess(process, Integer.parseInt(line.substring(6).strip()), label);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /**
   * The CPU time the server's JVM has used so far, in nanoseconds (all its threads, user and
   * system).
   */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** {@code http://127.0.0.1:<port>/crm} */
  String base() {
    return "http://127.0.0.1:" + port + "/crm";
  }

  /** The peak used heap since the last reset, in bytes; with {@code reset} the peak starts over. */
  long peakHeap(boolean reset) {
    return number("/bench/heap" + (reset ? "?reset" : ""));
  }

  /** The live heap after a full collection, in bytes. */
  long liveHeap() {
    return number("/bench/gc");
  }

  String label() {
    return label;
  }

  /** The server JVM's uptime and total JIT compilation time so far. */
  JitSettle.Sample jit() {
    String[] f = text("/bench/jit").split("\\s+");
    long jitTicks = 0;
    for (ThreadCpu.Stat t : ThreadCpu.snapshot(pid()).values())
      if (ThreadCpu.group(t.comm()).equals("JIT")) jitTicks += t.ticks();
    return new JitSettle.Sample(
        Long.parseLong(f[0]), Long.parseLong(f[1]), jitTicks * 1000 / ThreadCpu.TICKS_PER_SECOND);
  }

  /**
   * The inbox rows not yet applied and those parked, {@code {unparked, parked}}; {@code null} when
   * the store has no inbox table (today's synchronous webhook path).
   */
  long[] inbox() {
    String t = text("/bench/inbox");
    if (t.equals("none")) return null;
    String[] f = t.split("\\s+");
    return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
  }

  /** The webhook rows in {@code dialbridge_event} now (Dialbridge's own events not counted). */
  long events() {
    return number("/bench/events");
  }

  /**
   * Waits until the inbox holds no row still to apply (at once when there is no inbox) and answers
   * how long that took, in seconds; -1 when it did not empty within {@code max}.
   */
  double drainInbox(Duration max) throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      String waiting = text("/bench/inbox?waiting");
      if (!waiting.equals("1")) return (System.nanoTime() - start) / 1e9;
      if (System.nanoTime() - start > max.toNanos()) return -1;
      Thread.sleep(20);
    }
  }

  /**
   * Kills the server JVM with SIGKILL (no shutdown hook, no clean close of the store: a crash) and
   * waits for it to go. Answers its exit status, 137 (128 + 9) when SIGKILL killed it.
   */
  int kill() throws IOException, InterruptedException {
    // Process.destroyForcibly is SIGKILL on Linux; kill(1) says so explicitly where it exists
    Path kill = Path.of("/bin/kill");
    if (Files.isExecutable(kill)) {
      new ProcessBuilder(kill.toString(), "-KILL", String.valueOf(process.pid()))
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    return process.exitValue();
  }

  private long number(String path) {
    return Long.parseLong(text(path));
  }

  private String text(String path) {
    try {
      HttpResponse<String> r =
          admin.send(
              HttpRequest.newBuilder(URI.create(base() + path))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200)
        throw new IOException("status " + r.statusCode() + ": " + r.body().strip());
      return r.body().strip();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "the " + label + " server did not answer " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server the clean way (Dialbridge closes its store), forcibly after a minute. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (!process.isAlive()) return;
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
