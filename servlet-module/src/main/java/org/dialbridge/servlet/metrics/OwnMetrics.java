package org.dialbridge.servlet.metrics;

import org.dialbridge.core.Dialbridge;
import org.dialbridge.servlet.DialbridgeMount;

/**
 * Mounts a Dialbridge whose metrics go to a Prometheus registry of its own ({@link OwnPrometheus}),
 * read at {@code GET /admin/metrics}. Called only where {@link PrometheusAvailable#on} said so.
 */
public final class OwnMetrics {
  private OwnMetrics() {}

  public static DialbridgeMount mount(Dialbridge.Builder builder) {
    OwnPrometheus prometheus = OwnPrometheus.create();
    try {
      Dialbridge dialbridge = builder.metrics(prometheus.metrics()).build();
      return new DialbridgeMount(dialbridge, prometheus::scrape, prometheus::close);
    } catch (RuntimeException e) {
      prometheus.close();
      throw e;
    }
  }
}
