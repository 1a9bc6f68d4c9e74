package org.dialbridge.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's executable jar started as its team starts it, {@code java -jar app.jar}, on a free
 * loopback port; its output kept in a file for the assertions and for whoever reads a failure.
 * Closing kills the process, always.
 */
final class HostProcess implements AutoCloseable {
  private static final Pattern PORT =
      Pattern.compile("started on port[s]?\\D*(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final Path output;

  private HostProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /**
   * Starts the jar named by the system property {@code dialbridge.host.jar} with {@code env} and
   * {@code args}.
   */
  static HostProcess start(String name, Map<String, String> env, String... args)
      throws IOException {
    Path jar = Path.of(System.getProperty("dialbridge.host.jar", "target/app.jar"));
    Path output = jar.resolveSibling("it-" + name + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBin(),
                "-jar",
                jar.toString(),
                "--server.port=0",
                "--server.address=127.0.0.1"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(env);
    return new HostProcess(builder.start(), output);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Waits until the application has started and answers its port. */
  int awaitStarted() throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String log = log();
      Matcher port = PORT.matcher(log);
      if (log.contains("Started CrmApplication") && port.find())
        return Integer.parseInt(port.group(1));
      if (!process.isAlive())
        throw new AssertionError("the host exited with " + process.exitValue() + ":\n" + log);
      Thread.sleep(100);
    }
    throw new AssertionError("the host did not start within " + START_TIMEOUT + ":\n" + log());
  }

  /** Waits for the process to end (a start-up that must fail) and answers its exit code. */
  int awaitExit() throws Exception {
    if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the host did not stop within " + START_TIMEOUT + ":\n" + log());
    }
    return process.exitValue();
  }

  String log() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
