package org.dialbridge.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Dialbridge's own parts are doing, for a host's health check.
 *
 * @param storeUp true when the call store answered a ping just now
 * @param providersUp for each configured provider (in the configuration's order), whether its host
 *     accepted a connection (a TCP connect, no API call, no credentials; remembered ten seconds)
 */
public record Health(boolean storeUp, Map<String, Boolean> providersUp) {

  public Health {
    providersUp = Collections.unmodifiableMap(new LinkedHashMap<>(providersUp));
  }

  /** Healthy: the store answers and at least one provider is reachable. */
  public boolean up() {
    return storeUp && providersUp.containsValue(true);
  }
}
