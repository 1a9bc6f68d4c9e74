package org.dialbridge.bench;

import java.util.List;

/**
 * {@code java -jar dialbridge-bench.jar <scenario> [--seconds N]}: runs one scenario and prints its
 * table (Markdown): median, p99, throughput and peak heap of each target, the ratio to the
 * baselines measured in the same run, and the targets met or missed. Exits 0 when every
 * target was met, 1 when one was missed, 2 on a usage error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("## dialbridge-bench " + options.scenario());
    System.out.println();
    System.out.println("- machine: " + Report.machine());
    System.out.println(
        "- command: java -jar bench/target/dialbridge-bench.jar "
            + String.join(" ", List.of(args)));
    System.out.println();
    System.out.flush();
    int missed =
        switch (options.scenario()) {
          case "ingest" -> new IngestScenario(options).run();
          case "place" -> new PlaceScenario(options).run();
          case "history" -> new HistoryScenario(options).run();
          case "widget" -> new WidgetScenario(options).run();
          case "soak" -> new SoakScenario(options).run();
          case "crash" -> new CrashScenario(options).run();
          default -> {
            System.err.println("unknown scenario " + options.scenario() + "\n" + Options.USAGE);
            yield -1;
          }
        };
    System.exit(missed < 0 ? 2 : missed == 0 ? 0 : 1);
  }
}
