package org.dialbridge.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link Metrics} in a Micrometer registry: the host's (Spring Boot's, bound by the starter), or
 * one of Dialbridge's own for its Prometheus endpoint. Names follow Micrometer's conventions
 * (dotted, lower case; the registry renders them, {@code dialbridge_webhooks_total} in Prometheus).
 */
public final class MicrometerMetrics implements Metrics {
  private final MeterRegistry registry;

  public MicrometerMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry == null");
  }

  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public void webhook(String provider, boolean accepted, String reason) {
    Counter.builder("dialbridge.webhooks")
        .description("Webhook deliveries answered, by provider and reason")
        .tag("provider", provider)
        .tag("outcome", accepted ? "accepted" : "refused")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  @Override
  public void webhookIngested(String provider, Duration took) {
    Timer.builder("dialbridge.webhook.ingest")
        .description("From a webhook's arrival to its events being durable in the inbox")
        .tag("provider", provider)
        .register(registry)
        .record(took);
  }

  @Override
  public void call(String provider, String code) {
    Counter.builder("dialbridge.calls")
        .description("Click-to-calls placed, failed or refused, by provider and code")
        .tag("provider", provider)
        .tag("outcome", code.equals("placed") ? "placed" : "not_placed")
        .tag("code", code)
        .register(registry)
        .increment();
  }

  @Override
  public void providerRequest(String provider, String operation, String outcome, Duration took) {
    Timer.builder("dialbridge.provider.requests")
        .description("Requests to providers, by provider, operation and outcome")
        .tag("provider", provider)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
  }

  @Override
  public void reconciled(String provider) {
    Counter.builder("dialbridge.calls.reconciled")
        .description("Stuck calls the reconciler closed")
        .tag("provider", provider)
        .register(registry)
        .increment();
  }

  @Override
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).strongReference(true).register(registry);
  }
}
