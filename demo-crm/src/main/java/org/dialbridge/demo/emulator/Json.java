package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The emulator's JSON: one mapper, objects built field by field so their order is the documented
 * one.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as a JSON object, or empty when it is not one. */
  static Optional<ObjectNode> parseObject(String body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** A field given as a string or a number, as text; empty when missing, null or blank. */
  static Optional<String> text(JsonNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || !(node.isTextual() || node.isNumber())) return Optional.empty();
    String text = node.asText();
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }
}
