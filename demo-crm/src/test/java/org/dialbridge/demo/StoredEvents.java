package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.demo.emulator.SentWebhook;

/**
 * Compares what Dialbridge stored with what the emulator sent. A test takes a {@link #mark} before
 * it places calls and checks the webhooks sent since; every test that places calls waits for its
 * webhooks to be stored, so none of them spills into the next test's window.
 */
final class StoredEvents {
  private static final Duration QUIET = Duration.ofMillis(400);

  private StoredEvents() {}

  /** How many webhooks the emulator has finished so far: the start of a test's window. */
  static int mark(DemoCrm demo) {
    return demo.emulator().sentWebhooks().size();
  }

  /**
   * The events of these calls that came from the provider (not the ones Dialbridge records itself).
   */
  static List<CallEvent> fromProvider(DemoCrm demo, Collection<String> callIds) {
    return callIds.stream()
        .flatMap(id -> demo.dialbridge().events(id).stream())
        .filter(e -> !e.providerEventKey().startsWith("dialbridge|"))
        .toList();
  }

  /** Each call's events, for a failure message. */
  static String describe(DemoCrm demo, Collection<String> callIds) {
    StringBuilder out = new StringBuilder("events:");
    for (String id : callIds) {
      out.append("\n  call ")
          .append(id)
          .append(" (")
          .append(demo.dialbridge().call(id).to())
          .append("):");
      for (CallEvent e : demo.dialbridge().events(id)) {
        out.append("\n    ")
            .append(e.type())
            .append(' ')
            .append(e.status())
            .append(' ')
            .append(e.rawCause())
            .append(" received ")
            .append(e.receivedAt())
            .append(" key ")
            .append(e.providerEventKey());
      }
    }
    return out.toString();
  }

  static List<SentWebhook> sentSince(DemoCrm demo, int mark) {
    List<SentWebhook> all = demo.emulator().sentWebhooks();
    return all.subList(Math.min(mark, all.size()), all.size());
  }

  /**
   * Waits until the webhooks sent since {@code mark} are stored, then asserts that they all went to
   * {@code provider}, were each delivered at the first attempt, and that each body is stored
   * exactly once as an event of these calls, with no other provider event stored for them.
   */
  static void assertMatchSentWebhooks(
      DemoCrm demo, String provider, Collection<String> callIds, int mark) {
    // Settled: the calls ended, as many webhooks stored as the emulator finished sending (it
    // records one once the answer is back, so under load stored can run ahead for a moment), and
    // no more came for a while (some follow the end, such as the agent leg's hang-up on Bandwidth).
    // Then the assertions below run whatever the wait found, to show any difference.
    String[] seen = {""};
    long[] quietSince = {System.nanoTime()};
    Await.poll(
        Duration.ofSeconds(10),
        "the webhooks of " + callIds + " to settle",
        () -> {
          int sent = sentSince(demo, mark).size();
          int stored = fromProvider(demo, callIds).size();
          String now = sent + "/" + stored;
          if (!now.equals(seen[0])) {
            seen[0] = now;
            quietSince[0] = System.nanoTime();
          }
          return sent > 0
              && sent == stored
              && System.nanoTime() - quietSince[0] > QUIET.toNanos()
              && callIds.stream().allMatch(id -> demo.dialbridge().call(id).status().isTerminal());
        });
    List<SentWebhook> sent = sentSince(demo, mark);
    assertThat(callIds)
        .allSatisfy(
            id ->
                assertThat(demo.dialbridge().call(id).status().isTerminal())
                    .as("call " + id + " ended")
                    .isTrue());
    assertThat(sent)
        .as("webhooks the emulator sent")
        .isNotEmpty()
        .allSatisfy(
            w -> {
              assertThat(w.provider()).as("provider of " + w.body()).isEqualTo(provider);
              // 200: a callback answered with instructions (Bandwidth v2's BXML)
              assertThat(w.status()).as("answer to " + w.body()).isIn(200, 204);
              assertThat(w.attempts()).as("attempts of " + w.body()).isEqualTo(1);
            });
    assertThat(fromProvider(demo, callIds))
        .extracting(CallEvent::payload)
        .as("payloads Dialbridge stored for " + provider + " calls " + callIds)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(SentWebhook::body).toList());
  }
}
