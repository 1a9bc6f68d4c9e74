package org.dialbridge.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.ContentType;
import org.dialbridge.bench.Webhooks.Delivery;
import org.dialbridge.bench.Webhooks.PlannedCall;

/** The webhook deliveries each provider documents for one call, in the order it sends them. */
final class ProviderDeliveries {
  private static final ContentType JSON = ContentType.APPLICATION_JSON;
  private static final ContentType JSON_UTF8 =
      ContentType.create("application/json", StandardCharsets.UTF_8);
  private static final Instant EPOCH = Instant.parse("2025-05-13T06:00:00Z");
  private static final DateTimeFormatter UCONTACT_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ProviderDeliveries() {}

  static List<Delivery> of(String base, PlannedCall p) {
    Instant t0 = EPOCH.plusMillis(p.n() * 10);
    List<Delivery> d = new ArrayList<>(4);
    switch (p.provider()) {
      case "c3" -> {
        URI uri = URI.create(base + "/dialbridge/webhooks/c3/" + Webhooks.C3_TOKEN);
        String id = p.providerCallId();
        d.add(
            json(
                uri,
                "{\"event\":\"dialing\",\"callId\":\"" + id + "\",\"time\":\"" + t0 + "\"}",
                Map.of()));
        d.add(
            json(
                uri,
                "{\"event\":\"ringing\",\"callId\":\""
                    + id
                    + "\",\"time\":\""
                    + t0.plusMillis(2100)
                    + "\"}",
                Map.of()));
        d.add(
            json(
                uri,
                "{\"event\":\"answered\",\"callId\":\""
                    + id
                    + "\",\"time\":\""
                    + t0.plusMillis(8400)
                    + "\"}",
                Map.of()));
        d.add(
            json(
                uri,
                "{\"event\":\"hangup\",\"callId\":\""
                    + id
                    + "\",\"cause\":\"NORMAL_CLEARING\",\"time\":\""
                    + t0.plusMillis(95_300)
                    + "\"}",
                Map.of()));
      }
      case "bm" -> {
        URI uri = URI.create(base + "/dialbridge/webhooks/bm");
        String to = "0" + p.to().substring(3);
        d.add(
            new Delivery(
                uri,
                bytes(
                    "{\"event\":\"call.dialing\",\"clientId\":\""
                        + Webhooks.BM_CLIENT
                        + "\",\"data\":{\"created\":"
                        + t0.toEpochMilli()
                        + ",\"from\":\""
                        + p.agentExtension()
                        + "\",\"to\":\""
                        + to
                        + "\",\"error\":null,\"callId\":\""
                        + p.providerCallId()
                        + "\",\"serverMessage\":\"Chamando o destino\",\"disposition\":null}}"),
                JSON,
                Map.of(),
                true));
        d.add(
            new Delivery(
                uri,
                bytes(
                    "{\"event\":\"call.hangup\",\"clientId\":\""
                        + Webhooks.BM_CLIENT
                        + "\",\"data\":{\"created\":"
                        + t0.plusMillis(95_300).toEpochMilli()
                        + ",\"from\":\""
                        + p.agentExtension()
                        + "\",\"to\":\"h\",\"error\":null,"
                        + "\"callId\":\""
                        + p.providerCallId()
                        + "\",\"serverMessage\":\"Liga\u00e7\u00e3o"
                        + " encerrada\",\"disposition\":\"ANSWERED\"}}"),
                JSON,
                Map.of(),
                true));
      }
      case "bw" -> {
        URI uri = URI.create(base + "/dialbridge/webhooks/bw");
        Map<String, String> auth = Map.of("Authorization", Webhooks.BW_AUTH);
        String agentLeg = p.providerCallId();
        String customerLeg = agentLeg + "-b";
        String calls =
            "https://api.catapult.inetwork.com/v1/users/"
                + FakeProviders.BANDWIDTH_USER
                + "/calls/";
        d.add(
            new Delivery(
                uri,
                bytes(
                    "{\"eventType\":\"answer\",\"from\":\"+13865245000\",\"to\":\""
                        + p.agentExtension()
                        + "\",\"callId\":\""
                        + agentLeg
                        + "\",\"callUri\":\""
                        + calls
                        + agentLeg
                        + "\",\"callState\":\"active\",\"time\":\""
                        + t0.plusMillis(4200)
                        + "\",\"tag\":\""
                        + p.id()
                        + "\"}"),
                JSON_UTF8,
                auth,
                false));
        d.add(
            new Delivery(
                uri,
                bytes(
                    "{\"eventType\":\"answer\",\"from\":\"+13865245000\",\"to\":\""
                        + p.to()
                        + "\",\"callId\":\""
                        + customerLeg
                        + "\",\"callUri\":\""
                        + calls
                        + customerLeg
                        + "\",\"callState\":\"active\","
                        + "\"time\":\""
                        + t0.plusMillis(11_800)
                        + "\"}"),
                JSON_UTF8,
                auth,
                false));
        d.add(
            new Delivery(
                uri,
                bytes(
                    "{\"eventType\":\"hangup\",\"callId\":\""
                        + customerLeg
                        + "\",\"callUri\":\""
                        + calls
                        + customerLeg
                        + "\",\"from\":\"+13865245000\",\"to\":\""
                        + p.to()
                        + "\",\"cause\":\"NORMAL_CLEARING\",\"time\":\""
                        + t0.plusMillis(97_000)
                        + "\"}"),
                JSON_UTF8,
                auth,
                false));
        d.add(
            new Delivery(
                uri,
                bytes(
                    "{\"eventType\":\"hangup\",\"callId\":\""
                        + agentLeg
                        + "\",\"callUri\":\""
                        + calls
                        + agentLeg
                        + "\",\"from\":\"+13865245000\",\"to\":\""
                        + p.agentExtension()
                        + "\",\"cause\":\"NORMAL_CLEARING\","
                        + "\"time\":\""
                        + t0.plusMillis(97_400)
                        + "\",\"tag\":\""
                        + p.id()
                        + "\"}"),
                JSON_UTF8,
                auth,
                false));
      }
      default -> {
        URI uri = URI.create(base + "/dialbridge/webhooks/uc");
        Map<String, String> token = Map.of("X-Dialbridge-Token", Webhooks.UC_TOKEN);
        d.add(
            json(
                uri,
                "{\"event\":\"FinishInteraction\",\"date\":\""
                    + UCONTACT_DATE.format(t0.plusSeconds(96))
                    + "\",\"guid\":\""
                    + p.providerCallId()
                    + "\",\"campaign\":\"manual->\",\"agent\":\""
                    + p.agent()
                    + "\"}",
                token));
        d.add(
            json(
                uri,
                "{\"event\":\"InteractionDisposition\",\"date\":\""
                    + UCONTACT_DATE.format(t0.plusSeconds(131))
                    + "\",\"guid\":\""
                    + p.providerCallId()
                    + "\",\"campaign\":\"manual->\",\"agent\":\""
                    + p.agent()
                    + "\",\"l1\":\"Contactado\",\"l2\":\"Venta\",\"comment\":\"\"}",
                token));
      }
    }
    return d;
  }

  private static Delivery json(URI uri, String body, Map<String, String> headers) {
    return new Delivery(uri, bytes(body), JSON, headers, false);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
