package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The OpenAPI document as the tests read it: the file the API serves, the official OpenAPI 3.1
 * schema it must validate against (a copy in the test resources: no network in tests), and a
 * validator of answers against the document's own schemas.
 */
final class OpenApiDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code $id} of the OpenAPI 3.1 schema in src/test/resources/openapi. */
  static final String OAS_SCHEMA_ID = "https://spec.openapis.org/oas/3.1/schema/2026-08-03";

  /** Where the document stands as a schema resource, so its {@code #/components/...} resolve. */
  private static final String DOCUMENT_ID = "urn:dialbridge:openapi";

  private final String text;
  private final ObjectNode root;

  private OpenApiDocument(String text) {
    this.text = text;
    try {
      this.root = (ObjectNode) JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("openapi.json is not JSON", e);
    }
  }

  /** The document as shipped in the JAR. */
  static OpenApiDocument shipped() {
    return of(resource(OpenApiResource.DOCUMENT));
  }

  static OpenApiDocument of(String text) {
    return new OpenApiDocument(text);
  }

  /** A copy whose tree {@code edit} changed: to prove a check fails on a broken document. */
  static OpenApiDocument edited(Consumer<ObjectNode> edit) {
    ObjectNode copy = shipped().root.deepCopy();
    edit.accept(copy);
    return of(copy.toString());
  }

  ObjectNode root() {
    return root;
  }

  String text() {
    return text;
  }

  /** What the official OpenAPI 3.1 schema finds wrong with the document; empty when it is valid. */
  List<String> oasSchemaErrors() {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(Map.of(OAS_SCHEMA_ID, resource("/openapi/oas-3.1-schema.json"))));
    return messages(registry.getSchema(SchemaLocation.of(OAS_SCHEMA_ID)).validate(text, JSON_IN));
  }

  /**
   * What the JSON Schema 2020-12 meta-schema finds wrong with each of the document's schemas (the
   * OpenAPI schema leaves Schema Objects to it), by JSON pointer.
   */
  List<String> schemaObjectErrors() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    var metaSchema =
        registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    List<String> errors = new ArrayList<>();
    schemaObjects(
        root,
        "",
        (pointer, schema) -> {
          for (String e : messages(metaSchema.validate(schema.toString(), JSON_IN))) {
            errors.add(pointer + ": " + e);
          }
        });
    return errors;
  }

  /**
   * What {@code body} breaks of {@code schema}, a Schema Object of the document (its {@code $ref}s
   * resolve in the document); empty when it conforms.
   */
  List<String> violations(JsonNode schema, String body) {
    ObjectNode copy = root.deepCopy();
    ((ObjectNode) copy.path("components").path("schemas")).set("_answer", schema);
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(Map.of(DOCUMENT_ID, copy.toString())));
    return messages(
        registry
            .getSchema(SchemaLocation.of(DOCUMENT_ID + "#/components/schemas/_answer"))
            .validate(body, JSON_IN));
  }

  /** Follows a {@code $ref} to the document's components, or answers the node itself. */
  JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    while (n != null && n.has("$ref")) {
      String ref = n.get("$ref").asText();
      if (!ref.startsWith("#/")) throw new IllegalStateException("not a local $ref: " + ref);
      n = root.at(ref.substring(1));
      if (n.isMissingNode()) throw new IllegalStateException("$ref to nothing: " + ref);
    }
    return n;
  }

  private static final InputFormat JSON_IN = InputFormat.JSON;

  private interface SchemaVisitor {
    void visit(String pointer, JsonNode schema);
  }

  /** Every Schema Object of the document: each {@code schema} and each components schema. */
  private static void schemaObjects(JsonNode node, String pointer, SchemaVisitor visitor) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        if (field.getKey().equals("schema") && field.getValue().isObject()) {
          visitor.visit(child, field.getValue());
        } else if (pointer.equals("/components/schemas")) {
          visitor.visit(child, field.getValue());
        } else {
          schemaObjects(field.getValue(), child, visitor);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        schemaObjects(node.get(i), pointer + "/" + i, visitor);
      }
    }
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
  }

  static String resource(String path) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException(path + " is not on the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
