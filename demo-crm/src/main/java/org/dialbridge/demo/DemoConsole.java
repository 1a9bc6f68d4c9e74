package org.dialbridge.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.logging.LogManager;

/** What the demo tells the person who started it: logging set-up, the banner, where things are. */
final class DemoConsole {
  private DemoConsole() {}

  static void banner(DemoCrm demo, DemoOptions options, PrintStream out) {
    String host =
        HostNames.isWildcard(options.host()) || options.host().equals("127.0.0.1")
            ? "localhost"
            : HostNames.bracketed(options.host());
    String url = "http://" + host + ":" + demo.port() + "/";
    out.println();
    out.println("  Dialbridge demo CRM is running at " + url);
    out.println();
    out.println("  Sign in as:");
    for (DemoUsers.User u : DemoUsers.ALL) {
      out.println(
          "    "
              + u.name()
              + " / "
              + u.password()
              + "   ("
              + u.fullName()
              + (u.extension().isEmpty()
                  ? ", administrator: webhook deliveries"
                  : ", extension " + u.extension())
              + ")");
    }
    out.println();
    out.println(
        "  Provider emulator: "
            + demo.emulator().baseUri()
            + " (C3, BemMelhor, Bandwidth, uContact)");
    out.println(
        "  Numbers ending in 0002 are busy, 0003 not answered, 0004 fail, 0005 rejected; others"
            + " answer.");
    out.println(
        "  Ring an agent: \"Ring me\" on the contacts page, or curl -d"
            + " '{\"provider\":\"bandwidth\",\"from\":\"+51 1 555 1234\",\"to\":\"+19195551212\"}' "
            + demo.emulator().baseUri()
            + "/emulator/ring");
    out.println("  Configuration: " + demo.configSource());
    out.println("  Call history:  " + describeStore(demo));
    out.println("  Try the API:   curl -u ana:ana " + url + "dialbridge/api/me");
    out.println();
    out.println("  Press Ctrl-C to stop.");
    out.println();
  }

  private static String describeStore(DemoCrm demo) {
    String url = demo.dialbridge().config().store().jdbcUrl();
    if (url == null) return "the configured JNDI data source";
    if (url.startsWith("jdbc:h2:file:")) {
      String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
      return Path.of(file).toAbsolutePath().normalize() + ".mv.db (H2)";
    }
    return url.startsWith("jdbc:h2:mem:") ? "in memory (H2)" : "the configured database";
  }

  /** Console logging in one line per message, unless the user configured java.util.logging. */
  static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    try (InputStream in = DemoCrm.class.getResourceAsStream("demo-logging.properties")) {
      if (in != null) LogManager.getLogManager().readConfiguration(in);
    } catch (IOException e) {
      System.err.println("demo-logging.properties: " + e.getMessage());
    }
  }

  static String describeConfigSource() {
    String file = System.getProperty("dialbridge.config");
    if (file != null && !file.isBlank())
      return Path.of(file.strip()).toAbsolutePath() + " (-Ddialbridge.config)";
    file = System.getenv("DIALBRIDGE_CONFIG");
    if (file != null && !file.isBlank())
      return Path.of(file.strip()).toAbsolutePath() + " (DIALBRIDGE_CONFIG)";
    return "the built-in dialbridge.properties (replace it with -Ddialbridge.config=FILE)";
  }
}
