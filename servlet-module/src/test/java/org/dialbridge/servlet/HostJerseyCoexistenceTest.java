package org.dialbridge.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.net.http.HttpResponse;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyWebApp;
import org.glassfish.jersey.servlet.init.JerseyServletContainerInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A host CRM that runs its own Jersey application next to Dialbridge, deployed the usual way: an
 * {@code Application} subclass annotated {@code @ApplicationPath("api")} that lists nothing, so
 * Jersey's {@code JerseyServletContainerInitializer} mounts it at {@code /api/*} with every
 * {@code @Path} and {@code @Provider} class the container hands it from the webapp's classes and
 * JARs (JAX-RS §2.3.2). The container hands over {@code @HandlesTypes} classes whatever a JAR's
 * {@code metadata-complete} says (Servlet §8.2.4), so Dialbridge's JAR is scanned here too.
 * Dialbridge must stay under {@code /dialbridge/api} only.
 */
class HostJerseyCoexistenceTest {
  private static JettyWebApp host;
  private static Http http;

  /** The host's JAX-RS application: nothing listed, so Jersey takes every resource it is handed. */
  @ApplicationPath("api")
  public static class HostApplication extends Application {}

  /** The host's own resource. */
  @Path("accounts")
  @Produces(MediaType.APPLICATION_JSON)
  public static class HostAccounts {
    @GET
    @Path("{id}")
    public String account(@PathParam("id") String id) {
      if (!id.equals("42")) throw new NotFoundException();
      return "{\"id\":\"42\",\"name\":\"Acme Peru\"}";
    }
  }

  @BeforeAll
  static void start() throws Exception {
    host =
        JettyWebApp.builder()
            .webXml(JettyWebApp.webXml("", ""))
            .scan(
                DialbridgeInitializer.class,
                HostApplication.class,
                JerseyServletContainerInitializer.class)
            .contextParams(
                TestConfig.region("PE")
                    .h2Store("coexist")
                    .provider("c3", "c3", "http://127.0.0.1:9/")
                    .token("c3", "t")
                    .webhookToken("c3", "w")
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
  void theHostsOwnJerseyApplicationRunsAtItsPath() throws Exception {
    HttpResponse<String> account = http.get("api/accounts/42").as("ana").send();

    assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
    assertThat(Problems.JSON.readTree(account.body()).get("name").asText()).isEqualTo("Acme Peru");
  }

  @Test
  void dialbridgeAnswersUnderItsOwnPath() throws Exception {
    HttpResponse<String> me = http.get("dialbridge/api/me").as("ana").send();

    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    JsonNode body = Problems.JSON.readTree(me.body());
    assertThat(body.get("user").asText()).isEqualTo("ana");
    assertThat(body.get("extension").asText()).isEqualTo("6001");
  }

  @Test
  void dialbridgesResourcesAreNotMountedInTheHostsApplication() {
    for (String path :
        new String[] {"api/me", "api/health", "api/calls/x", "api/contacts/42/calls"}) {
      HttpResponse<String> r = http.get(path).as("ana").send();
      assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(404);
    }
  }

  @Test
  void theHostsErrorsKeepTheHostsFormat() {
    HttpResponse<String> missing = http.get("api/accounts/7").as("ana").send();

    assertThat(missing.statusCode()).isEqualTo(404);
    // Dialbridge's problem+json mapper belongs to Dialbridge's API only
    assertThat(missing.headers().firstValue("Content-Type").orElse(""))
        .doesNotContain("problem+json");
    assertThat(missing.body()).doesNotContain("urn:dialbridge");
  }
}
