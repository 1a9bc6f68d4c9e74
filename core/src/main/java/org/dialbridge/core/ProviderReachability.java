package org.dialbridge.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.config.ProviderSettings;

/**
 * Whether each provider's host accepts connections: a TCP connect to its base URL (no API call, no
 * credentials), remembered for ten seconds so a busy health check does not hammer providers.
 */
final class ProviderReachability {
  private static final Duration REMEMBER = Duration.ofSeconds(10);
  private static final int CONNECT_TIMEOUT_MILLIS = 1000;

  private final Map<String, URI> baseUris = new LinkedHashMap<>();
  private final Map<String, Reachability> known = new ConcurrentHashMap<>();
  private final Clock clock;

  private record Reachability(boolean up, Instant at) {}

  ProviderReachability(DialbridgeConfig config, Clock clock) {
    for (ProviderSettings p : config.providers().values())
      baseUris.put(p.name(), p.config().baseUri());
    this.clock = clock;
  }

  /** Each provider's reachability, in the configuration's order. */
  Map<String, Boolean> check() {
    Map<String, Boolean> up = new LinkedHashMap<>();
    baseUris.keySet().forEach(name -> up.put(name, reachable(name)));
    return up;
  }

  private boolean reachable(String provider) {
    Reachability last = known.get(provider);
    Instant now = clock.instant();
    if (last != null && last.at().plus(REMEMBER).isAfter(now)) return last.up();
    boolean up = connects(baseUris.get(provider));
    known.put(provider, new Reachability(up, now));
    return up;
  }

  private static boolean connects(URI base) {
    int port =
        base.getPort() != -1
            ? base.getPort()
            : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
