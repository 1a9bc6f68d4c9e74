package org.dialbridge.servlet.metrics;

/**
 * Whether Micrometer's Prometheus registry is on a webapp's class path, asked without loading
 * {@link OwnPrometheus} (whose fields are Micrometer's types: a webapp without Micrometer would
 * fail to start as soon as that class is linked).
 */
public final class PrometheusAvailable {
  private PrometheusAvailable() {}

  public static boolean on(ClassLoader loader) {
    try {
      Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false, loader);
      Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
