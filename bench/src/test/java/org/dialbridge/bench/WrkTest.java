package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the bench reads from wrk, and what it gives wrk to send. */
class WrkTest {
  private static final String OUTPUT =
      """
      Running 10s test @ http://127.0.0.1:40123/crm/
        2 threads and 64 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     3.10ms    2.01ms  41.20ms   88.00%
          Req/Sec    10.51k     1.02k   12.80k    71.00%
        209012 requests in 10.00s, 18.94MB read
        Non-2xx or 3xx responses: 12
      Requests/sec:  20898.77
      Transfer/sec:      1.89MB
      DIALBRIDGE-WRK responses=209012 duration_us=10001234 non2xx=12 connect=0 read=3 write=1\
       timeout=2 sent=209090 unique_sent=188100 redeliveries=20990 repeats=0 p50_us=2810\
       p99_us=11020 p999_us=30500 max_us=41200
      """;

  @Test
  void theDoneLineIsReadAndTheCountsFollowFromIt() {
    Wrk.Result r = Wrk.parse(OUTPUT);

    assertThat(r.responses()).isEqualTo(209_012);
    assertThat(r.non2xx()).isEqualTo(12);
    assertThat(r.ok()).isEqualTo(209_000);
    assertThat(r.socketErrors()).isEqualTo(6);
    assertThat(r.seconds()).isEqualTo(10.001234);
    assertThat(r.throughput())
        .isCloseTo(209_000 / 10.001234, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.p50()).isEqualTo(2810);
    assertThat(r.p99()).isEqualTo(11_020);
    assertThat(r.p999()).isEqualTo(30_500);
    assertThat(r.max()).isEqualTo(41_200);
    // 90 requests sent got no 2xx (12 refused, the rest errors or in flight): at most 90 of the
    // unique events are among them
    assertThat(r.notOk()).isEqualTo(90);
    assertThat(r.uniqueAnsweredAtLeast()).isEqualTo(188_100 - 90);
  }

  @Test
  void outputWithoutTheLineOrWithAFieldMissingIsAnError() {
    assertThatThrownBy(() -> Wrk.parse("Running 10s test\nRequests/sec: 1.0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Wrk.MARK);
    assertThatThrownBy(() -> Wrk.parse("DIALBRIDGE-WRK responses=1 non2xx=0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration_us");
  }

  @Test
  void theRequestFilesHoldTheSameMixAsTheJavaSendersAsRawHttp(@TempDir Path dir) throws Exception {
    Wrk.writeRequests(dir, "http://127.0.0.1:4321/crm", new Webhooks.Calls(1_000_000), 2, 2_000, 5);

    for (int t = 0; t < 2; t++) {
      byte[] data = Files.readAllBytes(dir.resolve("requests-" + t));
      List<String> requests = new ArrayList<>();
      int unique = 0;
      int pos = 0;
      while (pos < data.length) {
        int nl = pos;
        while (data[nl] != '\n') nl++;
        String[] head = new String(data, pos, nl - pos, StandardCharsets.US_ASCII).split(" ");
        int len = Integer.parseInt(head[1]);
        if (head[0].equals("u")) unique++;
        else assertThat(head[0]).isEqualTo("d");
        requests.add(new String(data, nl + 1, len, StandardCharsets.UTF_8));
        pos = nl + 1 + len;
      }
      assertThat(requests).hasSize(2_000);
      assertThat(2_000 - unique).isBetween(140, 260);
      for (String r : requests) {
        assertThat(r).startsWith("POST /crm/dialbridge/webhooks/");
        assertThat(r).contains(" HTTP/1.1\r\nHost: 127.0.0.1:4321\r\n");
        String[] parts = r.split("\r\n\r\n", 2);
        int length = Integer.parseInt(parts[0].replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        assertThat(parts[1].getBytes(StandardCharsets.UTF_8)).hasSize(length);
        if (r.startsWith("POST /crm/dialbridge/webhooks/bm "))
          assertThat(parts[0]).containsPattern("X-Dialbridge-Signature: t=\\d+,v1=[0-9a-f]{64}");
        if (r.startsWith("POST /crm/dialbridge/webhooks/bw "))
          assertThat(parts[0]).contains("Authorization: " + Webhooks.BW_AUTH);
        if (r.startsWith("POST /crm/dialbridge/webhooks/uc "))
          assertThat(parts[0]).contains("X-Dialbridge-Token: " + Webhooks.UC_TOKEN);
      }
    }
  }

  @Test
  void theScriptPrintsEveryFieldTheParserNeeds() {
    for (String field :
        List.of(
            "responses=",
            "duration_us=",
            "non2xx=",
            "connect=",
            "read=",
            "write=",
            "timeout=",
            "sent=",
            "unique_sent=",
            "redeliveries=",
            "repeats=",
            "p50_us=",
            "p99_us=",
            "p999_us=",
            "max_us=")) assertThat(Wrk.LUA).contains(field);
  }
}
