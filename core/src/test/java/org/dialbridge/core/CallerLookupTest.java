package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dialbridge.core.DialbridgeTest.MutableClock;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.spi.ContactMatch;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.testing.Databases;
import org.dialbridge.core.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PBX event that names only the agent's extension: BemMelhor's active-call look-up (over real
 * HTTP on loopback, its documented answer) fills in who calls, once per extension per cool-down.
 */
class CallerLookupTest {
  private static final String CALLER = "+5511987654321";

  private final MockWebServer bemmelhor = new MockWebServer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
  private DataSource dataSource;
  private Dialbridge dialbridge;
  private int events;

  @BeforeEach
  void start() throws Exception {
    bemmelhor.start();
    dataSource = Databases.freshH2();
    dialbridge =
        Dialbridge.builder(
                TestConfig.region("BR")
                    .provider("bm", "bemmelhor", bemmelhor.url("/").toString())
                    .providerKey("bm", "webhook-token", "wh")
                    .agent("ana", "6001", "bm")
                    .parse())
            .clock(clock)
            .dataSource(dataSource)
            .contactDirectory(e164 -> e164.equals(CALLER) ? List.of("c-1") : List.of())
            .build();
  }

  @AfterEach
  void stop() {
    dialbridge.close();
    bemmelhor.close();
  }

  /** BemMelhor's documented answer for an extension's call, its caller id {@code number}. */
  private void activeCallOf(String number) {
    bemmelhor.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(
                "{\"apiStatus\":\"SUCCESS\",\"data\":{\"id\":\"1609957242.2\","
                    + "\"name\":\"SIP/6001-00000002\",\"callerId\":{\"name\":\"\",\"number\":\""
                    + number
                    + "\"},\"state\":\"RINGING\",\"dateOfCreation\":\"2026-12-02T12:00:00.000+0000\","
                    + "\"linkedChannel\":\"SIP/trunk-00000003\"}}")
            .build());
  }

  private void ringOnlyTheExtension(String pbxId) {
    dialbridge.ingestWithoutVerification(
        "bm",
        WebhookRequest.json(
            "{\"event\":\"ringing\",\"direction\":\"inbound\",\"callId\":\""
                + pbxId
                + "\",\"agent\":\"6001\",\"eventId\":\"e"
                + ++events
                + "\"}"));
    assertThat(dialbridge.awaitInboxApplied(Duration.ofSeconds(10))).isTrue();
  }

  private Call callOf(String pbxId) throws Exception {
    try (var c = dataSource.getConnection();
        var p = c.prepareStatement("SELECT id FROM dialbridge_call WHERE provider_call_id = ?")) {
      p.setString(1, pbxId);
      try (var rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return dialbridge.call(rs.getString(1));
      }
    }
  }

  private Call awaitCaller(String pbxId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Call call = callOf(pbxId);
    while (call.from() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
      call = callOf(pbxId);
    }
    return call;
  }

  @Test
  void theExtensionsActiveCallNamesTheCallerAndTheirContact() throws Exception {
    activeCallOf(CALLER);
    ringOnlyTheExtension("bm-1");

    Call call = awaitCaller("bm-1");
    assertThat(call.from()).isEqualTo(CALLER);
    assertThat(call.contactId()).isEqualTo("c-1");
    assertThat(call.agent()).isEqualTo("ana");
    RecordedRequest asked = bemmelhor.takeRequest();
    assertThat(asked.getUrl().encodedPath()).isEqualTo("/api/active/6001");
    assertThat(dialbridge.inboundDetails(List.of(call)).get(call.id()).matches())
        .containsExactly(ContactMatch.of("c-1"));
  }

  @Test
  void anExtensionIsAskedAtMostOncePerCoolDown() throws Exception {
    activeCallOf("6001"); // the agent's own caller id: the caller is not bridged yet
    ringOnlyTheExtension("bm-2");
    ringOnlyTheExtension("bm-3");
    Thread.sleep(300);
    assertThat(bemmelhor.getRequestCount()).isEqualTo(1);
    assertThat(callOf("bm-2").from()).as("the extension itself names nobody").isNull();

    clock.advance(CallerLookup.COOL_DOWN);
    activeCallOf(CALLER);
    ringOnlyTheExtension("bm-4");
    assertThat(awaitCaller("bm-4").from()).isEqualTo(CALLER);
    assertThat(bemmelhor.getRequestCount()).isEqualTo(2);
  }
}
