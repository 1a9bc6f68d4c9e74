package org.dialbridge.core.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;
import org.dialbridge.core.error.WebhookParseException;

/**
 * Reading provider payloads: one shared, locked-down JSON mapper, field access that names the field
 * at fault, and lenient time parsing for the formats providers actually send. Internal to adapters.
 */
public final class Payloads {
  /** Nesting deeper than this is refused: no provider payload comes close. */
  public static final int MAX_DEPTH = 32;

  /** The JSON mapper for provider payloads and responses. Thread-safe. */
  public static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH)
              .maxStringLength(1 << 20)
              .maxNumberLength(64)
              .build())
          .build())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .build();

  private static final DateTimeFormatter LENIENT_ISO = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .toFormatter();

  private Payloads() {}

  /**
   * {@code body} as a JSON object.
   *
   * @throws WebhookParseException when it is not JSON, or JSON but not an object
   */
  public static JsonNode object(String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new WebhookParseException(null, "body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      // Jackson reports some limit violations as unchecked exceptions
      throw new WebhookParseException(null, "body is not acceptable JSON: " + e.getMessage(), e);
    }
    if (node == null || node.isMissingNode()) throw new WebhookParseException(null, "body is empty");
    if (!node.isObject()) throw new WebhookParseException(null, "body is not a JSON object");
    return node;
  }

  /** The node at a dotted path ({@code data.callId}), or empty when absent or null. */
  public static Optional<JsonNode> node(JsonNode root, String path) {
    JsonNode current = root;
    for (String part : path.split("\\.")) {
      if (current == null || !current.isObject()) return Optional.empty();
      current = current.get(part);
    }
    return current == null || current.isNull() || current.isMissingNode() ? Optional.empty() : Optional.of(current);
  }

  /**
   * The text at a dotted path, numbers and booleans as written; empty when absent, null or blank.
   *
   * @throws WebhookParseException when the value is an object or an array
   */
  public static Optional<String> text(JsonNode root, String path) {
    Optional<JsonNode> node = node(root, path);
    if (node.isEmpty()) return Optional.empty();
    JsonNode n = node.get();
    if (!n.isValueNode()) throw new WebhookParseException(path, "expected a text value, found " + kind(n));
    String text = n.asText();
    return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }

  /** The text at a dotted path. @throws WebhookParseException naming the field when it is missing */
  public static String requireText(JsonNode root, String path) {
    return text(root, path).orElseThrow(() -> new WebhookParseException(path, "missing"));
  }

  /** The object at a dotted path. @throws WebhookParseException naming the field when missing or not an object */
  public static JsonNode requireObject(JsonNode root, String path) {
    JsonNode n = node(root, path).orElseThrow(() -> new WebhookParseException(path, "missing"));
    if (!n.isObject()) throw new WebhookParseException(path, "expected an object, found " + kind(n));
    return n;
  }

  /**
   * A provider's timestamp read leniently: ISO-8601 with or without {@code T}, with offsets written
   * {@code Z}, {@code -03}, {@code +0000} or {@code -03:00}, or none (read as UTC). Empty when it cannot
   * be read, e.g. uContact's documented {@code 2023-48-13 06:48:51}: the caller falls back to the
   * time of receipt rather than refuse the event.
   */
  public static Optional<Instant> lenientInstant(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    try {
      var parsed = LENIENT_ISO.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime odt) return Optional.of(odt.toInstant());
      return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Epoch milliseconds as an instant; empty when the value is not a plausible number. */
  public static Optional<Instant> epochMillis(String text) {
    if (text == null) return Optional.empty();
    try {
      long ms = Long.parseLong(text.strip());
      if (ms <= 0 || ms > 32503680000000L) return Optional.empty();
      return Optional.of(Instant.ofEpochMilli(ms));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String kind(JsonNode n) {
    return n.isObject() ? "an object" : n.isArray() ? "an array" : n.getNodeType().toString().toLowerCase();
  }
}
