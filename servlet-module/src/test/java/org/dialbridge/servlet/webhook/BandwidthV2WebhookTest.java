package org.dialbridge.servlet.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The webhook filter answering a callback with the body its provider computes (Bandwidth v2's BXML)
 * over real HTTP in Jetty: {@code 200} and {@code application/xml} once the event is stored, the
 * same for a redelivery, and {@code 204} for callbacks that want no instructions.
 */
class BandwidthV2WebhookTest {
  private static final String PATH = "dialbridge/webhooks/bw2";
  private static final String AUTH = Http.basic("hook", "w3bh00k-pw");
  private static final String INITIATE =
      "{\"eventType\":\"initiate\",\"eventTime\":\"2026-12-02T09:00:00.000Z\","
          + "\"from\":\"+13125556666\",\"to\":\"+19195551214\",\"direction\":\"inbound\","
          + "\"callId\":\"c-in-servlet-1\"}";

  private static JettyHost host;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    host =
        JettyHost.start(
            TestConfig.region("US")
                .h2Store("servlet-bw2")
                .provider("bw2", "bandwidth-v2", "http://127.0.0.1:9/api/v2")
                .providerKey("bw2", "account-id", "9900000")
                .providerKey("bw2", "application-id", "app-1")
                .providerKey("bw2", "username", "api-user")
                .providerKey("bw2", "password", "api-pw")
                .providerKey("bw2", "from-number", "+19195551214")
                .providerKey("bw2", "callback-base-url", "https://crm.example.com/" + PATH)
                .providerKey("bw2", "webhook-basic-user", "hook")
                .providerKey("bw2", "webhook-basic-password", "w3bh00k-pw")
                .agent("ana", "+13865245000")
                .set("dialbridge.inbound.routes.+19195551214", "ana")
                .properties());
    http = host.http();
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  private static Document xml(String body) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void initiateIsAnswered200WithBxmlRingingTheRoutedAgentAndARedeliveryGetsTheSame()
      throws Exception {
    HttpResponse<String> first =
        http.post(PATH).header("Authorization", AUTH).json(INITIATE).send();

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
    Document bxml = xml(first.body());
    assertThat(bxml.getDocumentElement().getTagName()).isEqualTo("Response");
    Element number = (Element) bxml.getElementsByTagName("PhoneNumber").item(0);
    assertThat(number.getTextContent()).isEqualTo("+13865245000");
    assertThat(number.getAttribute("transferAnswerUrl"))
        .isEqualTo("https://crm.example.com/" + PATH);

    HttpResponse<String> again =
        http.post(PATH).header("Authorization", AUTH).json(INITIATE).send();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
  }

  @Test
  void aCallbackThatWantsNoInstructionsIs204AndAnUnauthenticatedOneIs401WithoutBxml() {
    String disconnect =
        "{\"eventType\":\"disconnect\",\"eventTime\":\"2026-12-02T09:01:00.000Z\","
            + "\"callId\":\"c-in-servlet-2\",\"cause\":\"hangup\"}";
    HttpResponse<String> ended =
        http.post(PATH).header("Authorization", AUTH).json(disconnect).send();
    assertThat(ended.statusCode()).isEqualTo(204);
    assertThat(ended.body()).isEmpty();

    HttpResponse<String> refused = http.post(PATH).json(INITIATE).send();
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).doesNotContain("<Response>");
  }

  @Test
  void anUnparseableCallbackIs400NamingTheField() {
    HttpResponse<String> bad =
        http.post(PATH)
            .header("Authorization", AUTH)
            .json("{\"eventType\":\"initiate\",\"callId\":\"c-1\"}")
            .send();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("webhook_unparseable").contains("from");
  }
}
