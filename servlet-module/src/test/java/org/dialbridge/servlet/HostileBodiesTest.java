package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bodies made to hurt: 10 MB declared or streamed, and JSON nested a hundred thousand deep. */
class HostileBodiesTest {
  private static JettyHost host;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.default-region", "PE");
    p.put("dialbridge.store.jdbc-url", "jdbc:h2:mem:hostile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.put("dialbridge.providers.c3.type", "c3");
    p.put("dialbridge.providers.c3.base-url", "http://127.0.0.1:9/");
    p.put("dialbridge.providers.c3.token", "t");
    p.put("dialbridge.providers.c3.webhook-token", "w");
    host = JettyHost.start(p);
    port = host.http().uri("/").getPort();
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  /** Sends a request by hand and reads the status line, whatever happens to the rest of the body. */
  private static int statusOf(String headers, long bodyBytes) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(headers.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread writer = new Thread(() -> {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try {
          for (long sent = 0; sent < bodyBytes; sent += chunk.length) {
            if (headers.contains("chunked")) {
              out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
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
      String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
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
    statusOf("POST /crm/dialbridge/webhooks/c3/w HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + tenMb + "\r\n\r\n", tenMb);
    long before = usedHeapAfterGc();

    for (int i = 0; i < 10; i++) {
      assertThat(statusOf("POST /crm/dialbridge/webhooks/c3/w HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + tenMb + "\r\n\r\n", tenMb)).isEqualTo(413);
      assertThat(statusOf("POST /crm/dialbridge/webhooks/c3/w HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n", tenMb)).isEqualTo(413);
      assertThat(statusOf("POST /crm/dialbridge/api/calls HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Authorization: Basic YW5hOmFuYQ==\r\nX-Dialbridge-Request: 1\r\nContent-Length: " + tenMb + "\r\n\r\n", tenMb))
          .isEqualTo(413);
    }

    assertThat(usedHeapAfterGc() - before).as("heap growth after 300 MB of refused bodies").isLessThan(16L * 1024 * 1024);
  }

  @Test
  void deeplyNestedJsonIsUnparseableNotAStackOverflow() throws Exception {
    String deep = "{\"event\":" + "[".repeat(100_000) + "]".repeat(50_000);
    var response = host.http().post("dialbridge/webhooks/c3/w").json(deep.substring(0, 60_000)).send();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("webhook_unparseable");
    Dialbridge dialbridge = (Dialbridge) host.attribute(DialbridgeInitializer.ATTRIBUTE);
    assertThat(dialbridge.history("any", null, null, 1).calls()).isEmpty();
  }
}
