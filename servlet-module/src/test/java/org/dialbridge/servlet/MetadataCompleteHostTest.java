package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.HostPage;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyWebApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A host whose {@code WEB-INF/web.xml} is {@code metadata-complete="true"} (many CRMs declare
 * everything in web.xml to skip scanning): the container then ignores annotations, but still runs
 * every {@code ServletContainerInitializer} (Servlet §8.2.4), so Dialbridge still mounts.
 */
class MetadataCompleteHostTest {
  private static JettyWebApp host;
  private static Http http;

  /**
   * A host servlet declared only by annotation: metadata-complete means the container must ignore
   * it.
   */
  @WebServlet("/annotated")
  public static class AnnotatedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.getWriter().write("annotated");
    }
  }

  @BeforeAll
  static void start() throws Exception {
    host =
        JettyWebApp.builder()
            .webXml(
                JettyWebApp.webXml(
                    "metadata-complete=\"true\"",
                    """
                      <servlet>
                        <servlet-name>home</servlet-name>
                        <servlet-class>%s</servlet-class>
                      </servlet>
                      <servlet-mapping>
                        <servlet-name>home</servlet-name>
                        <url-pattern>/home</url-pattern>
                      </servlet-mapping>
                    """
                        .formatted(HostPage.class.getName())))
            .scan(DialbridgeInitializer.class, AnnotatedServlet.class)
            .contextParams(
                TestConfig.region("PE")
                    .h2Store("complete")
                    .provider("c3", "c3", "http://127.0.0.1:9/")
                    .token("c3", "t")
                    .webhookToken("c3", "hook")
                    .agent("ana", "6001")
                    .properties())
            .start();
    assertThat(host.startupFailure()).isNull();
    http = host.http();
  }

  @AfterAll
  static void stop() throws Exception {
    if (host != null) host.close();
  }

  @Test
  void theHostsDescriptorIsMetadataCompleteAndHonoured() {
    assertThat(host.context().getMetaData().isMetaDataComplete()).isTrue();
    assertThat(http.get("home").send().body()).isEqualTo(HostPage.body("home"));
    assertThat(http.get("annotated").send().statusCode()).isEqualTo(404);
  }

  @Test
  void dialbridgeStillMountsItsApi() throws Exception {
    HttpResponse<String> me = http.get("dialbridge/api/me").as("ana").send();

    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    JsonNode body = Problems.JSON.readTree(me.body());
    assertThat(body.get("user").asText()).isEqualTo("ana");
    assertThat(body.get("extension").asText()).isEqualTo("6001");
    assertThat(http.get("dialbridge/api/me").send().statusCode())
        .as("behind the host's sign-in")
        .isEqualTo(401);
  }

  @Test
  void dialbridgeStillMountsItsWebhooks() {
    HttpResponse<String> hook =
        http.post("dialbridge/webhooks/c3/hook")
            .json("{\"event\":\"ringing\",\"callId\":\"mc-1\"}")
            .send();

    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(204);
  }
}
