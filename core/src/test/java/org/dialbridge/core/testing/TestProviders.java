package org.dialbridge.core.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.TelephonyProvider;

/**
 * Each built-in provider type with the least configuration it starts with, pointed at a loopback
 * port nothing listens on: for tests that exercise a provider's webhook path, not its API.
 */
public final class TestProviders {
  /** The built-in types. */
  public static final List<String> TYPES =
      List.of("c3", "bemmelhor", "bandwidth", "bandwidth-v2", "ucontact");

  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
  private static final Map<String, Map<String, String>> REQUIRED_KEYS =
      Map.of(
          "c3", Map.of("token", "t"),
          "bemmelhor", Map.of("client-id", "e57575aa-8995-43b6-8942-31e6e9135a25"),
          "bandwidth",
              Map.of(
                  "user-id", "u-1",
                  "api-token", "t",
                  "api-secret", "s",
                  "from-number", "+15753222083",
                  "callback-url", "https://hook:pw@crm.example.com/dialbridge/webhooks/bw"),
          "bandwidth-v2",
              Map.of(
                  "account-id", "9900000",
                  "application-id", "04e88489-df02-4e34-a0ee-27a91849555f",
                  "username", "api-user",
                  "password", "api-pw",
                  "from-number", "+15753222083",
                  "callback-base-url", "https://crm.example.com/dialbridge/webhooks/bandwidth-v2",
                  "webhook-basic-user", "hook",
                  "webhook-basic-password", "w3bh00k-pw"),
          "ucontact",
              Map.of(
                  "token", "dDp1",
                  "callerid", "5114115000",
                  "context", "agentes",
                  "outqueue", "manual->"));

  private TestProviders() {}

  /** A provider of {@code type}, named after its type; the caller closes it. */
  public static TelephonyProvider create(String type, ProviderContext context) {
    return ProviderFactories.discover(TestProviders.class.getClassLoader())
        .find(type)
        .orElseThrow()
        .create(ProviderConfig.of(type, type, NOWHERE, REQUIRED_KEYS.get(type)), context);
  }
}
