package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.dialbridge.servlet.testing.TestContacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbound calls over real HTTP in Jetty (docs/inbound.md): a PBX's generic events ring agents,
 * {@code GET /me/events} streams them, {@code PUT /calls/{id}/contact} picks one of a shared
 * number's contacts, {@code /me/missed} lists what nobody answered until it is marked done, and
 * administrators see what rang for nobody.
 */
class InboundApiTest {
  private static JettyHost host;
  private static Http http;
  private static int events;

  @BeforeAll
  static void start() throws Exception {
    host =
        JettyHost.start(
            TestConfig.region("PE")
                .h2Store("inbound")
                .provider("c3", "c3", "http://127.0.0.1:9/")
                .token("c3", "c3-api-token")
                .webhookToken("c3", "c3-hook-token")
                .agent("ana", "6001")
                .agent("bruno", "6002")
                .agent("carla", "6003")
                .set("dialbridge.inbound.routes.+5114400000", "bruno,carla")
                .set("dialbridge.inbound.contact-url", "/crm/contacts/{id}")
                .set("dialbridge.inbound.create-contact-url", "/crm/contacts/new?phone={number}")
                .properties());
    http = host.http();
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  private static void webhook(String pbxId, String event, String fields) {
    HttpResponse<String> r =
        http.post("dialbridge/webhooks/c3/c3-hook-token")
            .json(
                "{\"event\":\""
                    + event
                    + "\",\"callId\":\""
                    + pbxId
                    + "\",\"eventId\":\"i"
                    + ++events
                    + "\""
                    + fields
                    + "}")
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    host.awaitInboxApplied();
  }

  private static void ring(String pbxId, String from, String fields) {
    webhook(pbxId, "ringing", ",\"direction\":\"inbound\",\"from\":\"" + from + "\"" + fields);
  }

  /** The named events of {@code user}'s stream, as they arrive: "name data". */
  private static BlockingQueue<String> stream(String user) throws Exception {
    HttpResponse<InputStream> response =
        http
            .get("dialbridge/api/me/events")
            .as(user)
            .header("Accept", "text/event-stream")
            .stream();
    assertThat(response.statusCode()).isEqualTo(200);
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String name = null;
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("event:")) name = line.substring(6).strip();
                  else if (line.startsWith("data:")) received.add(name + " " + line.substring(5));
                }
              } catch (Exception e) {
                // the test ended the stream
              }
            });
    reader.setDaemon(true);
    reader.start();
    return received;
  }

  private static JsonNode next(BlockingQueue<String> stream, String name) throws Exception {
    while (true) {
      String event = stream.poll(5, TimeUnit.SECONDS);
      assertThat(event).as("a '" + name + "' event").isNotNull();
      if (event.startsWith(name + " ")) return Http.json(event.substring(name.length() + 1));
    }
  }

  @Test
  void theAgentsStreamPopsTheCallerThenItsChangesAndReplaysItOnReconnect() throws Exception {
    BlockingQueue<String> ana = stream("ana");
    ring("pbx-a1", "987 000 001", ",\"agent\":\"6001\"");

    JsonNode incoming = next(ana, "incoming");
    assertThat(incoming.at("/call/direction").asText()).isEqualTo("INBOUND");
    assertThat(incoming.at("/call/from").asText()).isEqualTo(TestContacts.ROSA);
    assertThat(incoming.at("/call/contactId").asText()).isEqualTo("c-7");
    assertThat(incoming.get("matches").toString())
        .isEqualTo("[{\"id\":\"c-7\",\"name\":\"Rosa Quispe\",\"url\":\"/crm/contacts/c-7\"}]");
    assertThat(incoming.get("choose").asBoolean()).isFalse();

    BlockingQueue<String> again = stream("ana");
    assertThat(next(again, "incoming").at("/call/id")).isEqualTo(incoming.at("/call/id"));

    webhook("pbx-a1", "answered", "");
    assertThat(next(ana, "call").get("status").asText()).isEqualTo("ANSWERED");
    webhook("pbx-a1", "hangup", "");
    assertThat(next(ana, "call").get("status").asText()).isEqualTo("COMPLETED");

    JsonNode history = Http.json(http.get("dialbridge/api/contacts/c-7/calls").as("ana").send());
    assertThat(history.at("/calls/0/direction").asText()).isEqualTo("INBOUND");
    assertThat(history.at("/calls/0/inbound/ringing/0").asText()).isEqualTo("ana");
  }

  @Test
  void aSharedNumberIsChosenByAnAgentItRangForEvenAfterTheCall() throws Exception {
    BlockingQueue<String> bruno = stream("bruno");
    ring("pbx-a2", TestContacts.OFFICE, ",\"to\":\"+5114400000\"");
    JsonNode incoming = next(bruno, "incoming");
    String id = incoming.at("/call/id").asText();
    assertThat(incoming.get("choose").asBoolean()).isTrue();
    assertThat(incoming.at("/matches/1/url").asText())
        .as("the configured contact URL where the directory gives none")
        .isEqualTo("/crm/contacts/c-9");

    webhook("pbx-a2", "hangup", "");
    assertThat(next(bruno, "call").get("status").asText()).isEqualTo("COMPLETED");

    HttpResponse<String> notAMatch = choose("bruno", id, "c-7");
    assertThat(notAMatch.statusCode()).isEqualTo(422);
    assertThat(Http.json(notAMatch).get("code").asText()).isEqualTo("contact_not_a_match");
    assertThat(choose("ana", id, "c-8").statusCode()).as("it did not ring for ana").isEqualTo(403);
    assertThat(choose("bruno", id, "").statusCode()).isEqualTo(400);

    HttpResponse<String> chosen = choose("carla", id, "c-8");
    assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
    assertThat(Http.json(chosen).get("contactId").asText()).isEqualTo("c-8");
    assertThat(next(bruno, "call").get("contactId").asText())
        .as("the other agent's stream follows, after the call too")
        .isEqualTo("c-8");
    assertThat(choose("bruno", id, "c-9").statusCode()).isEqualTo(409);
  }

  private static HttpResponse<String> choose(String user, String callId, String contactId) {
    return http.method("PUT", "dialbridge/api/calls/" + callId + "/contact")
        .browser(user)
        .json("{\"contactId\":\"" + contactId + "\"}")
        .send();
  }

  @Test
  void aCallNobodyAnsweredIsMissedUntilMarkedDone() {
    ring("pbx-a3", "+51999000003", ",\"agent\":\"6003\"");
    webhook("pbx-a3", "hangup", ",\"cause\":\"ORIGINATOR_CANCEL\"");

    JsonNode missed = Http.json(http.get("dialbridge/api/me/missed").as("carla").send());
    assertThat(missed.at("/missed/0/call/inbound/missed").asBoolean()).isTrue();
    assertThat(missed.at("/missed/0/matches").size()).isZero();
    String id = missed.at("/missed/0/call/id").asText();

    assertThat(
            http.method("DELETE", "dialbridge/api/me/missed/" + id)
                .browser("ana")
                .send()
                .statusCode())
        .isEqualTo(403);
    assertThat(
            http.method("DELETE", "dialbridge/api/me/missed/" + id).as("carla").send().statusCode())
        .as("a change without the browser's header is refused")
        .isEqualTo(403);
    assertThat(
            http.method("DELETE", "dialbridge/api/me/missed/" + id)
                .browser("carla")
                .send()
                .statusCode())
        .isEqualTo(204);
    assertThat(
            Http.json(http.get("dialbridge/api/me/missed").as("carla").send())
                .findValuesAsText("id"))
        .doesNotContain(id);
  }

  @Test
  void administratorsSeeWhatRangForNobody() {
    ring("pbx-a4", "+51999000004", ",\"to\":\"+5114409999\"");
    JsonNode unrouted = Http.json(http.get("dialbridge/api/inbound/unrouted").as("admin").send());
    assertThat(unrouted.at("/unrouted/0/providerCallId").asText()).isEqualTo("pbx-a4");
    assertThat(http.get("dialbridge/api/inbound/unrouted").as("ana").send().statusCode())
        .isEqualTo(403);

    JsonNode me = Http.json(http.get("dialbridge/api/me").as("ana").send());
    assertThat(me.at("/inbound/pop").asText()).isEqualTo("ring");
    assertThat(me.at("/inbound/createContactUrl").asText())
        .isEqualTo("/crm/contacts/new?phone={number}");
  }
}
