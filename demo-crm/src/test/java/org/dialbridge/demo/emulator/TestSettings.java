package org.dialbridge.demo.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Settings for tests: every provider posting to a {@link WebhookReceiver}, fast timing. */
final class TestSettings {
  static final String C3_TOKEN = "c3-api-token";
  static final String CLIENT_ID = "e57575aa-8995-43b6-8942-31e6e9135a25";
  static final String BW_USER = "u-7d2c41";
  static final String BW_TOKEN = "t-api-token";
  static final String BW_SECRET = "api-secret";
  static final String BW2_ACCOUNT = "9900000";
  static final String BW2_USER = "api-user";
  static final String BW2_PASSWORD = "api-password";
  static final String BW2_HOOK_USER = "bw2-hook";
  static final String BW2_HOOK_PASSWORD = "s3cr@t-v2";
  static final String UC_TOKEN = "ZGVtbzo4ZDNmMmE2Yy0xYjJjLTRkNWUtOWYwYS0xMjM0NTY3ODlhYmM=";
  static final String UC_USER = "integra";
  static final String UC_PASSWORD = "integra-password";

  private TestSettings() {}

  static EmulatorSettings forReceiver(WebhookReceiver receiver) {
    return new EmulatorSettings(
        "127.0.0.1",
        0,
        EmulatorSettings.Timing.fast(),
        Clock.systemUTC(),
        List.of(
            new ProviderSettings.C3(
                "c3", receiver.url("/dialbridge/webhooks/c3"), "wh-c3", C3_TOKEN),
            new ProviderSettings.BemMelhor(
                "bm", receiver.url("/dialbridge/webhooks/bm"), "wh-bm", CLIENT_ID),
            new ProviderSettings.Bandwidth(
                "bw", BW_USER, BW_TOKEN, BW_SECRET, incomingCallUrl(receiver)),
            new ProviderSettings.BandwidthV2(
                "bw2",
                BW2_ACCOUNT,
                BW2_USER,
                BW2_PASSWORD,
                receiver.url("/dialbridge/webhooks/bw2"),
                BW2_HOOK_USER,
                BW2_HOOK_PASSWORD),
            new ProviderSettings.UContact(
                "uc",
                receiver.url("/dialbridge/webhooks/uc"),
                "wh-uc",
                UC_TOKEN,
                UC_USER,
                UC_PASSWORD)));
  }

  /**
   * The Bandwidth application's {@code incomingCallUrl}: the receiver's Bandwidth path, with the
   * Basic credentials {@code bw-hook:s3cr@t}.
   */
  static URI incomingCallUrl(WebhookReceiver receiver) {
    URI url = receiver.url("/dialbridge/webhooks/bw");
    return URI.create("http://bw-hook:s3cr%40t@" + url.getAuthority() + url.getPath());
  }

  /** Fast timing whose answered calls stay up (30 s) until a test hangs them up. */
  static EmulatorSettings.Timing longTalk() {
    return EmulatorSettings.Timing.fast()
        .withTalkTime(Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  /** Fast timing whose unanswered calls ring for 30 s, so that a test can cancel them. */
  static EmulatorSettings.Timing longRinging() {
    EmulatorSettings.Timing fast = EmulatorSettings.Timing.fast();
    return new EmulatorSettings.Timing(
        fast.dialingAfter(),
        fast.ringingAfter(),
        fast.answeredAfter(),
        fast.agentAnswerAfter(),
        Duration.ofSeconds(30),
        fast.talkMin(),
        fast.talkMax(),
        fast.retryBackoff(),
        1.0);
  }
}
