package org.dialbridge.servlet.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.dialbridge.core.metrics.Metrics;
import org.dialbridge.core.metrics.MicrometerMetrics;

/**
 * A Prometheus registry of Dialbridge's own, for a webapp that has {@code
 * micrometer-registry-prometheus} but no registry of its own to hand Dialbridge: its text is what
 * {@code GET /admin/metrics} answers. Loaded only when that library is on the class path.
 */
public final class OwnPrometheus {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerMetrics metrics = new MicrometerMetrics(registry);

  private OwnPrometheus() {}

  /** Only where {@link PrometheusAvailable#on} said so: touching this class loads Micrometer. */
  public static OwnPrometheus create() {
    return new OwnPrometheus();
  }

  /** As the core's interface: a caller never names Micrometer's types. */
  public Metrics metrics() {
    return metrics;
  }

  /** The metrics in Prometheus's text format. */
  public String scrape() {
    return registry.scrape();
  }

  public void close() {
    registry.close();
  }
}
