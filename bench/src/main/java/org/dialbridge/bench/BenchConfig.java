package org.dialbridge.bench;

import java.util.HashMap;
import java.util.Map;

/** The Dialbridge configuration every bench scenario starts from. */
final class BenchConfig {
  private BenchConfig() {}

  /** The Dialbridge configuration of the four providers (webhook authentication included). */
  static Map<String, String> providers(String fakeBase) {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.default-provider", "c3");
    p.put("dialbridge.default-region", "PE");
    p.put("dialbridge.dial.allowed-regions", "PE,BR,US");
    p.put("dialbridge.dial.rate-limit", "1000000/1m");
    // the fake providers never hang up, so each agent's next turn would find its last call live
    p.put("dialbridge.dial.one-live-call", "false");
    p.put("dialbridge.providers.c3.type", "c3");
    p.put("dialbridge.providers.c3.base-url", fakeBase);
    p.put("dialbridge.providers.c3.token", "c3-api-token");
    p.put("dialbridge.providers.c3.webhook-token", Webhooks.C3_TOKEN);
    p.put("dialbridge.providers.bm.type", "bemmelhor");
    p.put("dialbridge.providers.bm.base-url", fakeBase);
    p.put("dialbridge.providers.bm.client-id", Webhooks.BM_CLIENT);
    p.put("dialbridge.providers.bm.webhook-hmac-secret", Webhooks.BM_SECRET);
    p.put("dialbridge.providers.bw.type", "bandwidth");
    p.put("dialbridge.providers.bw.base-url", fakeBase + "/v1");
    p.put("dialbridge.providers.bw.user-id", FakeProviders.BANDWIDTH_USER);
    p.put("dialbridge.providers.bw.api-token", "bw-api-token");
    p.put("dialbridge.providers.bw.api-secret", "bw-api-secret");
    p.put("dialbridge.providers.bw.from-number", "+13865245000");
    p.put(
        "dialbridge.providers.bw.callback-url",
        "http://hook:hookpass@127.0.0.1/crm/dialbridge/webhooks/bw");
    p.put("dialbridge.providers.bw.webhook-basic-user", "hook");
    p.put("dialbridge.providers.bw.webhook-basic-password", "hookpass");
    p.put("dialbridge.providers.uc.type", "ucontact");
    p.put("dialbridge.providers.uc.base-url", fakeBase);
    p.put("dialbridge.providers.uc.token", "dWNvbnRhY3Q6YmVuY2g=");
    p.put("dialbridge.providers.uc.callerid", "5114115000");
    p.put("dialbridge.providers.uc.context", "agentes");
    p.put("dialbridge.providers.uc.outqueue", "manual->");
    p.put("dialbridge.providers.uc.webhook-token", Webhooks.UC_TOKEN);
    for (int a = 0; a < Webhooks.AGENTS; a++)
      p.put("dialbridge.agents.agent-" + a + ".extension", String.valueOf(6000 + a));
    return p;
  }
}
