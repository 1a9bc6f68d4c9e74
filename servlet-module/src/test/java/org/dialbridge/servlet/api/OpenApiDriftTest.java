package org.dialbridge.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.testing.TestConfig;
import org.glassfish.jersey.server.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document says what the resources do: the operations, parameters, bodies and media
 * types of the Jersey model {@link ApiApplication} builds (so a resource added there without its
 * operations fails here), and problem codes that are Dialbridge's own with the status {@code
 * ErrorStatus} gives them. Each check is also shown failing on a document broken on purpose.
 */
class OpenApiDriftTest {
  private static Dialbridge dialbridge;
  private static CallStreams streams;
  private static Set<Resource> resources;

  @BeforeAll
  static void start() {
    dialbridge =
        Dialbridge.builder(
                TestConfig.region("PE")
                    .provider("c3", "c3", "http://127.0.0.1:9")
                    .token("c3", "t")
                    .agent("ana", "6001")
                    .h2Store("openapi-drift")
                    .parse())
            .build();
    streams = new CallStreams(dialbridge, Duration.ofMinutes(1));
    resources = ApiApplication.create(dialbridge, streams).getResources();
  }

  @AfterAll
  static void stop() {
    streams.close();
    dialbridge.close();
  }

  @Test
  void theModelIsWhatTheChecksRead() {
    assertThat(OpenApiChecks.operations(resources))
        .containsKeys("post /calls", "get /calls/{id}/events", "delete /me/missed/{id}", "get /me")
        .hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void documentMatchesTheResources() {
    assertThat(OpenApiChecks.againstResources(OpenApiDocument.shipped(), resources)).isEmpty();
  }

  @Test
  void problemCodesAreDialbridgesWithTheirStatus() {
    assertThat(OpenApiChecks.problemCodesAgainstErrorStatus(OpenApiDocument.shipped())).isEmpty();
  }

  @Test
  void whatTheSecurityFilterAnswersIsListedOnEveryOperation() {
    assertThat(OpenApiChecks.filterAnswersListed(OpenApiDocument.shipped())).isEmpty();
  }

  // ---------------------------------------------------------------- each check, failing

  @Test
  void anOperationTheResourcesDoNotAnswerIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root ->
                ((ObjectNode) root.at("/paths/~1calls")).set("get", root.at("/paths/~1me/get")));
    assertThat(OpenApiChecks.againstResources(broken, resources))
        .contains("get /calls is documented but not answered");
  }

  @Test
  void anOperationLeftOutIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(root -> ((ObjectNode) root.path("paths")).remove("/me/missed/{id}"));
    assertThat(OpenApiChecks.againstResources(broken, resources))
        .contains("delete /me/missed/{id} is answered but not documented");
  }

  @Test
  void aQueryParameterLeftOutIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root ->
                ((ArrayNode) root.at("/paths/~1contacts~1{contactId}~1calls/get/parameters"))
                    .remove(2));
    assertThat(OpenApiChecks.againstResources(broken, resources))
        .anySatisfy(s -> assertThat(s).startsWith("get /contacts/{contactId}/calls: query"));
  }

  @Test
  void aDefaultThatIsNotTheResourcesIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root ->
                ((ObjectNode)
                        root.at("/paths/~1contacts~1{contactId}~1calls/get/parameters/1/schema"))
                    .put("default", 25));
    assertThat(OpenApiChecks.againstResources(broken, resources))
        .contains("get /contacts/{contactId}/calls: ?limit defaults to 20, documented 25");
  }

  @Test
  void aRenamedPathParameterIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root -> {
              ObjectNode paths = (ObjectNode) root.path("paths");
              paths.set("/calls/{callId}", paths.remove("/calls/{id}"));
            });
    assertThat(OpenApiChecks.againstResources(broken, resources))
        .contains(
            "get /calls/{id} is answered but not documented",
            "get /calls/{callId} is documented but not answered");
  }

  @Test
  void aBodyFieldTheRecordDoesNotHaveIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root ->
                ((ObjectNode) root.at("/components/schemas/PlaceCall/properties"))
                    .putObject("priority")
                    .put("type", "string"));
    assertThat(OpenApiChecks.againstResources(broken, resources))
        .anySatisfy(s -> assertThat(s).startsWith("post /calls: request body fields"));
  }

  @Test
  void aBodyOnAnOperationThatReadsNoneIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root ->
                ((ObjectNode) root.at("/paths/~1calls~1{id}~1hangup/post"))
                    .set("requestBody", root.at("/paths/~1calls/post/requestBody")));
    assertThat(OpenApiChecks.againstResources(broken, resources))
        .contains("post /calls/{id}/hangup: documents a body it does not read");
  }

  @Test
  void aStreamDocumentedAsJsonIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root -> {
              ObjectNode content =
                  (ObjectNode) root.at("/paths/~1me~1events/get/responses/200/content");
              content.set("application/json", content.remove("text/event-stream"));
            });
    assertThat(OpenApiChecks.againstResources(broken, resources))
        .contains("get /me/events: answers [text/event-stream] but documents [application/json]");
  }

  @Test
  void aCodeListedUnderTheWrongStatusIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root ->
                ((ArrayNode)
                        root.at(
                            "/paths/~1calls~1{id}~1hangup/post/responses/409/content"
                                + "/application~1problem+json/schema/properties/code/enum"))
                    .add("call_not_found"));
    assertThat(OpenApiChecks.problemCodesAgainstErrorStatus(broken))
        .contains("post /calls/{id}/hangup: 409 lists call_not_found, answered [404]");
  }

  @Test
  void aCodeThatDoesNotExistIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root ->
                ((ArrayNode)
                        root.at(
                            "/paths/~1calls~1{id}~1wrap-up/put/responses/422/content"
                                + "/application~1problem+json/schema/properties/code/enum"))
                    .add("note_too_short"));
    assertThat(OpenApiChecks.problemCodesAgainstErrorStatus(broken))
        .contains("put /calls/{id}/wrap-up: 422 lists note_too_short, which is no error code");
  }

  @Test
  void aCodeNoOperationListsIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root ->
                ((ObjectNode) root.at("/paths/~1calls~1{id}~1contact/put/responses"))
                    .remove("422"));
    assertThat(OpenApiChecks.problemCodesAgainstErrorStatus(broken))
        .contains("contact_not_a_match is answered by no documented operation");
  }

  @Test
  void aMissingCsrfHeaderOrFilterAnswerIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root -> {
              ObjectNode op = (ObjectNode) root.at("/paths/~1me~1missed~1{id}/delete");
              op.remove("parameters");
              ((ObjectNode) op.path("responses")).remove("415");
              ((ObjectNode) root.at("/paths/~1me/get/responses")).remove("401");
            });
    assertThat(OpenApiChecks.filterAnswersListed(broken))
        .contains(
            "delete /me/missed/{id}: the required header X-Dialbridge-Request is not listed",
            "delete /me/missed/{id}: 415 unsupported_media_type is not listed",
            "get /me: 401 unauthenticated is not listed");
  }
}
