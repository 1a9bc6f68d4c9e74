package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.ProviderDescription;
import org.dialbridge.servlet.Problems;

/**
 * {@code /health}: whether the store answers and each provider's host accepts connections
 * (a TCP connect, no API call, no credentials; remembered for ten seconds). {@code 503} when the
 * store is down or no provider is reachable. Shows no secret and no URL.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
  private static final long REMEMBER_MILLIS = 10_000;

  private final Dialbridge dialbridge;
  private final Map<String, Reachability> reachability = new ConcurrentHashMap<>();

  private record Reachability(boolean up, Instant at) {}

  HealthResource(Dialbridge dialbridge) {
    this.dialbridge = dialbridge;
  }

  @GET
  public Response health() {
    ObjectNode node = Problems.JSON.createObjectNode();
    boolean storeUp = dialbridge.health().storeUp();
    node.put("store", storeUp ? "UP" : "DOWN");
    ObjectNode providers = node.putObject("providers");
    boolean anyUp = false;
    for (ProviderDescription p : dialbridge.providers()) {
      boolean up = reachable(p.name());
      anyUp |= up;
      providers.putObject(p.name()).put("type", p.type()).put("status", up ? "UP" : "DOWN");
    }
    boolean healthy = storeUp && anyUp;
    node.put("status", healthy ? "UP" : "DOWN");
    return Response.status(healthy ? 200 : 503).entity(node).build();
  }

  private boolean reachable(String provider) {
    Reachability known = reachability.get(provider);
    if (known != null && known.at().plusMillis(REMEMBER_MILLIS).isAfter(Instant.now())) return known.up();
    URI base = dialbridge.config().providers().get(provider).config().baseUri();
    int port = base.getPort() != -1 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
    boolean up;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), port), 1000);
      up = true;
    } catch (IOException | IllegalArgumentException e) {
      up = false;
    }
    reachability.put(provider, new Reachability(up, Instant.now()));
    return up;
  }
}
