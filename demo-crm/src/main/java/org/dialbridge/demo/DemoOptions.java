package org.dialbridge.demo;

import java.nio.file.Path;
import java.util.Objects;
import org.dialbridge.demo.emulator.EmulatorSettings;

/**
 * How to run the demo CRM.
 *
 * @param host the address to listen on; {@code 127.0.0.1} by default, {@code 0.0.0.0} for every
 *     interface
 * @param port the CRM's port, {@code 0} for any free one
 * @param emulatorPort the provider emulator's port, {@code 0} for any free one
 * @param timing how fast emulated calls progress
 * @param jdbcUrl Dialbridge's database instead of the configuration's ({@code ./data/dialbridge}),
 *     or null
 * @param config a {@code dialbridge.properties} to use instead of the built-in one, or null for the
 *     built-in one (or the file {@code -Ddialbridge.config} / {@code DIALBRIDGE_CONFIG} names)
 */
public record DemoOptions(
    String host,
    int port,
    int emulatorPort,
    EmulatorSettings.Timing timing,
    String jdbcUrl,
    Path config) {
  /** The port the demo listens on unless told otherwise. */
  public static final int DEFAULT_PORT = 8080;

  public DemoOptions {
    Objects.requireNonNull(host, "host == null");
    if (host.isBlank()) throw new IllegalArgumentException("host is blank");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    if (emulatorPort < 0 || emulatorPort > 65535)
      throw new IllegalArgumentException("emulatorPort out of range: " + emulatorPort);
    Objects.requireNonNull(timing, "timing == null");
  }

  /**
   * Port 8080 on 127.0.0.1, the emulator on any free port, realistic timing, the built-in
   * configuration.
   */
  public static DemoOptions defaults() {
    return new DemoOptions(
        "127.0.0.1", DEFAULT_PORT, 0, EmulatorSettings.Timing.realistic(), null, null);
  }

  public DemoOptions withHost(String host) {
    return new DemoOptions(host, port, emulatorPort, timing, jdbcUrl, config);
  }

  public DemoOptions withPort(int port) {
    return new DemoOptions(host, port, emulatorPort, timing, jdbcUrl, config);
  }

  public DemoOptions withEmulatorPort(int emulatorPort) {
    return new DemoOptions(host, port, emulatorPort, timing, jdbcUrl, config);
  }

  public DemoOptions withTiming(EmulatorSettings.Timing timing) {
    return new DemoOptions(host, port, emulatorPort, timing, jdbcUrl, config);
  }

  public DemoOptions withJdbcUrl(String jdbcUrl) {
    return new DemoOptions(host, port, emulatorPort, timing, jdbcUrl, config);
  }

  public DemoOptions withConfig(Path config) {
    return new DemoOptions(host, port, emulatorPort, timing, jdbcUrl, config);
  }
}
