package org.dialbridge.demo;

import java.io.PrintStream;
import java.util.Map;

/**
 * The demo's command line: {@code --port}, {@code --emulator-port}, {@code --host}, {@code --help}.
 */
final class DemoCli {
  /** {@code --help} was asked for. */
  static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super(null, null, false, false);
    }
  }

  private DemoCli() {}

  /**
   * The options {@code args} and the environment ask for; flags win over {@code PORT} and {@code
   * EMULATOR_PORT}. @throws IllegalArgumentException naming the bad flag or variable
   */
  static DemoOptions parse(String[] args, Map<String, String> env) {
    DemoOptions options = DemoOptions.defaults();
    if (env.get("PORT") != null && !env.get("PORT").isBlank()) {
      options = options.withPort(port("PORT", env.get("PORT")));
    }
    if (env.get("EMULATOR_PORT") != null && !env.get("EMULATOR_PORT").isBlank()) {
      options = options.withEmulatorPort(port("EMULATOR_PORT", env.get("EMULATOR_PORT")));
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "-h", "--help" -> throw new HelpRequested();
        case "--port", "--emulator-port", "--host" -> {
          if (value == null) {
            if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value");
            value = args[++i];
          }
          options =
              switch (name) {
                case "--port" -> options.withPort(port(name, value));
                case "--emulator-port" -> options.withEmulatorPort(port(name, value));
                default -> options.withHost(host(value));
              };
        }
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return options;
  }

  static void usage(PrintStream out) {
    out.println(
        """
        Usage: java -jar dialbridge-demo.jar [--port N] [--emulator-port N] [--host ADDRESS]

          --port N           the CRM's port (env PORT; default 8080; 0 = any free port)
          --emulator-port N  the provider emulator's port (env EMULATOR_PORT; default any free port)
          --host ADDRESS     the address to listen on (default 127.0.0.1; 0.0.0.0 = every interface)

        Dialbridge reads the built-in dialbridge.properties, or -Ddialbridge.config=FILE instead.
        Call history is kept in ./data (H2). Signed in, "Ring me" on the contacts page (or POST
        /emulator/ring on the emulator, see docs/demo.md) makes your phone ring.\
        """);
  }

  private static int port(String name, String value) {
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a port number from 0 to 65535, not '" + value + "'");
  }

  private static String host(String value) {
    if (value.isBlank() || value.contains("/")) {
      throw new IllegalArgumentException(
          "--host must be an address such as 127.0.0.1 or 0.0.0.0, not '" + value + "'");
    }
    return value.strip();
  }
}
