package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dialbridge.core.Actor;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bodies made to hurt: 10 MB declared or streamed, and JSON nested a hundred thousand deep. */
class HostileBodiesTest {
  private static JettyHost host;
  private static int port;
  private static String jdbcUrl;

  @BeforeAll
  static void start() throws Exception {
    jdbcUrl = TestConfig.h2Url("hostile");
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .store(jdbcUrl)
                .defaultProvider("c3")
                .provider("bm", "bemmelhor", "http://127.0.0.1:9/")
                .webhookToken("bm", "w")
                .provider("uc", "ucontact", "http://127.0.0.1:9/")
                .token("uc", "dDp1")
                .webhookToken("uc", "w")
                .providerKey("uc", "callerid", "5114115000")
                .providerKey("uc", "context", "agentes")
                .providerKey("uc", "outqueue", "manual->")
                .provider("bw", "bandwidth", "http://127.0.0.1:9/v1")
                .webhookToken("bw", "w")
                .providerKey("bw", "user-id", "u-1")
                .providerKey("bw", "api-token", "t")
                .providerKey("bw", "api-secret", "s")
                .providerKey("bw", "from-number", "+15753222083")
                .providerKey(
                    "bw", "callback-url", "http://hook:pw@127.0.0.1/crm/dialbridge/webhooks/bw")
                .provider("c3", "c3", "http://127.0.0.1:9/")
                .token("c3", "t")
                .webhookToken("c3", "w")
                .properties());
    port = host.http().uri("/").getPort();
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  /**
   * Sends a request by hand and reads the status line, whatever happens to the rest of the body.
   */
  private static int statusOf(String headers, long bodyBytes) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(headers.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread writer =
          new Thread(
              () -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                try {
                  for (long sent = 0; sent < bodyBytes; sent += chunk.length) {
                    if (headers.contains("chunked")) {
                      out.write(
                          (Integer.toHexString(chunk.length) + "\r\n")
                              .getBytes(StandardCharsets.US_ASCII));
                      out.write(chunk);
                      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                      out.write(chunk);
                    }
                  }
                } catch (Exception serverClosed) {
                  // the server answered and closed: it did not read the rest, which is the point
                }
              });
      writer.start();
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      writer.interrupt();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  @Test
  void tenMegabyteBodiesAreRefusedWithoutMemoryGrowth() throws Exception {
    long tenMb = 10L * 1024 * 1024;
    statusOf(
        "POST /crm/dialbridge/webhooks/c3/w HTTP/1.1\r\n"
            + "Host: x\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + tenMb
            + "\r\n\r\n",
        tenMb);
    long before = usedHeapAfterGc();

    for (int i = 0; i < 10; i++) {
      assertThat(
              statusOf(
                  "POST /crm/dialbridge/webhooks/c3/w HTTP/1.1\r\n"
                      + "Host: x\r\n"
                      + "Content-Type: application/json\r\n"
                      + "Content-Length: "
                      + tenMb
                      + "\r\n\r\n",
                  tenMb))
          .isEqualTo(413);
      assertThat(
              statusOf(
                  "POST /crm/dialbridge/webhooks/c3/w HTTP/1.1\r\n"
                      + "Host: x\r\n"
                      + "Content-Type: application/json\r\n"
                      + "Transfer-Encoding: chunked\r\n\r\n",
                  tenMb))
          .isEqualTo(413);
      assertThat(
              statusOf(
                  "POST /crm/dialbridge/api/calls HTTP/1.1\r\n"
                      + "Host: x\r\n"
                      + "Content-Type: application/json\r\n"
                      + "Authorization: Basic YW5hOmFuYQ==\r\n"
                      + "X-Dialbridge-Request: 1\r\n"
                      + "Content-Length: "
                      + tenMb
                      + "\r\n\r\n",
                  tenMb))
          .isEqualTo(413);
    }

    assertThat(usedHeapAfterGc() - before)
        .as("heap growth after 300 MB of refused bodies")
        .isLessThan(16L * 1024 * 1024);
  }

  private static int storedEvents() throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl);
        java.sql.ResultSet rs =
            c.createStatement().executeQuery("SELECT COUNT(*) FROM dialbridge_event")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void mutatedWebhooksOverHttpAreStoredOrRefusedWith400NeverA500AndARefusalStoresNothing()
      throws Exception {
    Map<String, java.util.List<String>> fixtures =
        Map.of(
            "c3",
                java.util.List.of(
                    "{\"event\":\"hangup\",\"callId\":\"api_1\",\"cause\":\"USER_BUSY\",\"time\":\""
                        + "2026-11-23T12:00:05Z\"}"),
            "bm",
                java.util.List.of(
                    org.dialbridge.core.testing.Fixtures.fixture(
                        "bemmelhor/webhook-call-dialing.json"),
                    org.dialbridge.core.testing.Fixtures.fixture(
                        "bemmelhor/webhook-call-hangup.json")),
            "uc",
                java.util.List.of(
                    org.dialbridge.core.testing.Fixtures.fixture(
                        "ucontact/webhook-finish-interaction.json"),
                    org.dialbridge.core.testing.Fixtures.fixture(
                        "ucontact/webhook-agent-ring-no-answer.json")),
            "bw",
                java.util.List.of(
                    org.dialbridge.core.testing.Fixtures.fixture("bandwidth/event-answer.json"),
                    org.dialbridge.core.testing.Fixtures.fixture("bandwidth/event-reject.json")));
    java.util.Random random = new java.util.Random(20261123L);
    java.util.List<String> providers = java.util.List.copyOf(fixtures.keySet());
    int refused = 0;
    for (int i = 0; i < 400; i++) {
      String provider = providers.get(random.nextInt(providers.size()));
      java.util.List<String> seeds = fixtures.get(provider);
      String body = seeds.get(random.nextInt(seeds.size()));
      for (int m = 0; m <= random.nextInt(3); m++) {
        int at = random.nextInt(body.length());
        body =
            switch (random.nextInt(4)) {
              case 0 ->
                  body.substring(0, at)
                      + body.substring(Math.min(body.length(), at + 1 + random.nextInt(6)));
              case 1 ->
                  body.substring(0, at)
                      + "\"{}[]:,0n".charAt(random.nextInt(9))
                      + body.substring(at);
              case 2 ->
                  body.replaceFirst(
                      "\"[^\"]*\"(?=\\s*[,}])",
                      java.util.List.of("null", "[]", "{}", "1e999", "\"\"")
                          .get(random.nextInt(5)));
              default -> body;
            };
      }
      host.awaitInboxApplied();
      int before = storedEvents();
      var response = host.http().post("dialbridge/webhooks/" + provider + "/w").json(body).send();
      assertThat(response.statusCode()).as(provider + " " + body).isIn(204, 400);
      if (response.statusCode() == 400) {
        refused++;
        assertThat(response.body()).contains("webhook_unparseable");
        host.awaitInboxApplied();
        assertThat(storedEvents())
            .as("rows after a refused " + provider + " payload")
            .isEqualTo(before);
      }
    }
    assertThat(refused).as("refused payloads among 400 mutations").isBetween(20, 380);
  }

  @Test
  void deeplyNestedJsonIsUnparseableNotAStackOverflow() throws Exception {
    String deep = "{\"event\":" + "[".repeat(100_000) + "]".repeat(50_000);
    var response =
        host.http().post("dialbridge/webhooks/c3/w").json(deep.substring(0, 60_000)).send();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("webhook_unparseable");
    Dialbridge dialbridge = (Dialbridge) host.attribute(DialbridgeInitializer.ATTRIBUTE);
    assertThat(dialbridge.history(Actor.admin("admin"), "any", null, 1).calls()).isEmpty();
  }
}
