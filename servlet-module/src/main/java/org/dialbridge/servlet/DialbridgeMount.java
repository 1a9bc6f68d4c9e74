package org.dialbridge.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.config.ProviderSettings;
import org.dialbridge.servlet.api.ApiApplication;
import org.dialbridge.servlet.api.CallStreams;
import org.dialbridge.servlet.security.ApiSecurityFilter;
import org.dialbridge.servlet.webhook.WebhookFilter;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The parts Dialbridge adds to a webapp, built once from a {@link Dialbridge}: the REST API's
 * Jersey servlet, the API's security filter, the webhook filter, the API's event streams, and their
 * start and stop. A host registers these parts with its container under the names and mappings
 * given here: {@link DialbridgeInitializer} through the Servlet API, the Spring Boot starter
 * through registration beans, so every kind of host runs the same wiring.
 */
public final class DialbridgeMount implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DialbridgeMount.class.getName());

  /**
   * The context attribute holding the running {@link Dialbridge}; set while Dialbridge is mounted.
   */
  public static final String ATTRIBUTE = "org.dialbridge.core.Dialbridge";

  public static final String API_SERVLET = "dialbridge-api";
  public static final String API_FILTER = "dialbridge-api-security";
  public static final String WEBHOOK_FILTER = "dialbridge-webhooks";
  public static final String WIDGET_PATH = "/dialbridge/click-to-call.js";

  private final Dialbridge dialbridge;
  private final CallStreams streams;
  private final Servlet apiServlet;
  private final Filter apiSecurityFilter;
  private final Filter webhookFilter;
  private final Runnable closeMetrics;

  public DialbridgeMount(Dialbridge dialbridge) {
    this(dialbridge, null, () -> {});
  }

  /**
   * @param scrape the metrics in Prometheus's text format for {@code GET /admin/metrics}, or null
   *     where they go to a registry of the host's
   * @param closeMetrics stops that registry
   */
  public DialbridgeMount(Dialbridge dialbridge, Supplier<String> scrape, Runnable closeMetrics) {
    this.dialbridge = dialbridge;
    this.closeMetrics = closeMetrics;
    DialbridgeConfig config = dialbridge.config();
    this.streams = new CallStreams(dialbridge, config.store().stuckAfter());
    dialbridge
        .metrics()
        .gauge(
            "dialbridge.streams.open", "Event streams open: calls and agents", streams::openCount);
    this.apiServlet = new ServletContainer(ApiApplication.create(dialbridge, streams, scrape));
    this.apiSecurityFilter = new ApiSecurityFilter(config.security().allowedOrigins());
    this.webhookFilter = new WebhookFilter(dialbridge);
  }

  public Dialbridge dialbridge() {
    return dialbridge;
  }

  /** The REST API, to be mapped at {@link #apiMapping()}, async-supported (event streams). */
  public Servlet apiServlet() {
    return apiServlet;
  }

  /** Guards the API; to be mapped at {@link #apiMapping()} after the host's own sign-in. */
  public Filter apiSecurityFilter() {
    return apiSecurityFilter;
  }

  /**
   * Answers provider webhooks; to be mapped at {@link #webhookMapping()} before the host's filters.
   */
  public Filter webhookFilter() {
    return webhookFilter;
  }

  public String apiPath() {
    return dialbridge.config().apiPath();
  }

  public String apiMapping() {
    return apiPath() + "/*";
  }

  public String webhookMapping() {
    return dialbridge.config().webhookPath() + "/*";
  }

  /** Starts the background work (the reconciler) once the webapp serves. */
  public void start() {
    dialbridge.startReconciler();
  }

  /** Ends the event streams and stops every thread Dialbridge started. */
  @Override
  public void close() {
    streams.close();
    closeMetrics.run();
    dialbridge.close();
  }

  /** Warns, one line each, of providers whose webhooks will be refused. */
  public void warnOfUnauthenticatedWebhooks() {
    for (ProviderSettings p : dialbridge.config().providers().values()) {
      if (!p.webhookAuth().isConfigured()) {
        LOG.log(
            Level.WARNING,
            "Dialbridge: provider "
                + p.name()
                + " has no webhook authentication configured, so its "
                + "webhooks are refused; set dialbridge.providers."
                + p.name()
                + ".webhook-token (or -basic-user/-password, -hmac-secret)");
      }
    }
  }

  /**
   * The start-up line: what is mounted where, the providers, the store and the configuration's
   * source.
   */
  public String mountedLine(String where, String store, String configSource) {
    DialbridgeConfig config = dialbridge.config();
    List<String> parts = new ArrayList<>();
    parts.add("API at " + config.apiPath());
    parts.add(
        "webhooks at "
            + config.webhookPath()
            + "/{"
            + String.join(",", config.providers().keySet())
            + "}");
    parts.add("widget at " + WIDGET_PATH);
    return "Dialbridge mounted in "
        + where
        + ": "
        + String.join(", ", parts)
        + "; providers "
        + config.providers().keySet()
        + "; store "
        + store
        + "; configuration from "
        + configSource;
  }
}
