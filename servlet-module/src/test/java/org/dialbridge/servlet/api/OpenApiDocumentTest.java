package org.dialbridge.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is valid OpenAPI 3.1: against the official schema of the OpenAPI Initiative
 * (a copy in the test resources), and each of its Schema Objects against JSON Schema 2020-12, which
 * the OpenAPI schema leaves them to. Each check is also shown failing on a broken document.
 */
class OpenApiDocumentTest {
  @Test
  void documentValidatesAgainstTheOpenApi31Schema() {
    assertThat(OpenApiDocument.shipped().oasSchemaErrors()).isEmpty();
  }

  @Test
  void everySchemaObjectIsValidJsonSchema202012() {
    assertThat(OpenApiDocument.shipped().schemaObjectErrors()).isEmpty();
  }

  @Test
  void everyLocalRefResolves() {
    OpenApiDocument doc = OpenApiDocument.shipped();
    assertThat(OpenApiChecks.danglingRefs(doc)).isEmpty();
  }

  @Test
  void everyOperationHasAnOperationIdOfItsOwn() {
    OpenApiDocument doc = OpenApiDocument.shipped();
    assertThat(OpenApiChecks.documented(doc).values())
        .allSatisfy(op -> assertThat(op.path("operationId").asText()).isNotEmpty());
    assertThat(OpenApiChecks.duplicateOperationIds(doc)).isEmpty();
  }

  @Test
  void aSharedOperationIdIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root -> ((ObjectNode) root.at("/paths/~1me~1call/get")).put("operationId", "getMe"));
    assertThat(OpenApiChecks.duplicateOperationIds(broken)).containsExactly("getMe");
  }

  @Test
  void aDocumentWithoutInfoFailsTheOpenApiSchema() {
    OpenApiDocument broken = OpenApiDocument.edited(root -> root.remove("info"));
    assertThat(broken.oasSchemaErrors()).isNotEmpty();
  }

  @Test
  void aMisspelledFieldFailsTheOpenApiSchema() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root -> ((ObjectNode) root.at("/paths/~1calls/post")).put("sumary", "Place a call"));
    assertThat(broken.oasSchemaErrors()).isNotEmpty();
  }

  @Test
  void aPathParameterThatIsNotRequiredFailsTheOpenApiSchema() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root -> ((ObjectNode) root.at("/components/parameters/CallId")).put("required", false));
    assertThat(broken.oasSchemaErrors()).isNotEmpty();
  }

  @Test
  void aSchemaOfAnUnknownTypeFailsJsonSchema() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root -> ((ObjectNode) root.at("/components/schemas/Match")).put("type", "record"));
    assertThat(broken.oasSchemaErrors()).isEmpty(); // the OpenAPI schema does not look inside
    assertThat(broken.schemaObjectErrors()).isNotEmpty();
  }

  @Test
  void aRefToNothingIsFound() {
    OpenApiDocument broken =
        OpenApiDocument.edited(
            root ->
                ((ObjectNode)
                        root.at(
                            "/paths/~1calls~1{id}/get/responses/200/content"
                                + "/application~1json/schema"))
                    .put("$ref", "#/components/schemas/NoSuchThing"));
    assertThat(OpenApiChecks.danglingRefs(broken))
        .containsExactly("#/components/schemas/NoSuchThing");
  }
}
