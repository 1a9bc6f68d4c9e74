package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ingest workload is what the report says it is: the four providers, redeliveries and
 * reordering in the stated shares.
 */
class WebhooksTest {

  @Test
  void theMixHasTheFourProvidersAndTheStatedSharesOfRedeliveriesAndReordering() {
    Webhooks.Counts counts = new Webhooks.Counts();
    Webhooks.Sender sender =
        new Webhooks.Sender("http://127.0.0.1:1/crm", new Webhooks.Calls(1_000_000), counts, 1);
    List<Webhooks.Delivery> sent = new ArrayList<>();
    Set<String> providers = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      Webhooks.Delivery d = sender.next();
      sent.add(d);
      providers.add(d.uri().getPath().split("/")[4]);
      sender.answered(true);
    }

    assertThat(providers).containsExactlyInAnyOrder("c3", "bm", "bw", "uc");
    double duplicates = (double) counts.duplicates.get() / sent.size();
    assertThat(duplicates).isBetween(0.08, 0.12);
    double reordered = (double) counts.outOfOrder.get() / counts.unique.get();
    assertThat(reordered).isBetween(0.02, 0.06);
    // every first delivery is a different event; redeliveries repeat one byte for byte
    Set<String> bodies = new HashSet<>();
    for (Webhooks.Delivery d : sent)
      bodies.add(d.uri().getPath() + new String(d.body(), StandardCharsets.UTF_8));
    assertThat((long) bodies.size()).isEqualTo(counts.unique.get());
  }

  @Test
  void bemMelhorDeliveriesAreSignedWhenSentAndTheOthersCarryTheirCredentials() {
    Webhooks.Sender sender =
        new Webhooks.Sender(
            "http://127.0.0.1:1/crm", new Webhooks.Calls(0), new Webhooks.Counts(), 3);
    boolean sawSigned = false;
    boolean sawBasic = false;
    boolean sawToken = false;
    boolean sawPathToken = false;
    for (int i = 0; i < 200; i++) {
      Webhooks.Delivery d = sender.next();
      String path = d.uri().getPath();
      if (path.endsWith("/bm")) {
        assertThat(d.headersNow().get("X-Dialbridge-Signature")).matches("t=\\d+,v1=[0-9a-f]{64}");
        sawSigned = true;
      } else if (path.endsWith("/bw")) {
        assertThat(d.headersNow()).containsEntry("Authorization", Webhooks.BW_AUTH);
        sawBasic = true;
      } else if (path.endsWith("/uc")) {
        assertThat(d.headersNow()).containsEntry("X-Dialbridge-Token", Webhooks.UC_TOKEN);
        sawToken = true;
      } else {
        assertThat(path).endsWith("/c3/" + Webhooks.C3_TOKEN);
        sawPathToken = true;
      }
      sender.answered(true);
    }
    assertThat(List.of(sawSigned, sawBasic, sawToken, sawPathToken)).containsOnly(true);
  }
}
