package org.dialbridge.core.provider.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.DateTimeException;
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
 * at fault, and lenient time parsing for the formats providers actually send. Part of the adapters'
 * toolkit.
 */
public final class Payloads {
  /** Nesting deeper than this is refused: no provider payload comes close. */
  public static final int MAX_DEPTH = 32;

  /** The JSON mapper for provider payloads and responses. Thread-safe. */
  public static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxStringLength(1 << 20)
                          .maxNumberLength(64)
                          .build())
                  .build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  private static final DateTimeFormatter LENIENT_ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
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
    } catch (StreamConstraintsException e) {
      throw new WebhookParseException(
          null,
          "body is nested deeper than " + MAX_DEPTH + " levels or holds a value too long to read",
          e);
    } catch (JsonProcessingException e) {
      // Jackson's own words name its classes and methods: say where, not what it thought
      throw new WebhookParseException(null, "body is not valid JSON" + where(e.getLocation()), e);
    } catch (RuntimeException e) {
      // Jackson reports some limit violations as unchecked exceptions
      throw new WebhookParseException(null, "body is not acceptable JSON", e);
    }
    if (node == null || node.isMissingNode())
      throw new WebhookParseException(null, "body is empty");
    if (!node.isObject()) throw new WebhookParseException(null, "body is not a JSON object");
    return node;
  }

  private static String where(JsonLocation at) {
    return at == null || at.getLineNr() < 1
        ? ""
        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /** The node at a dotted path ({@code data.callId}), or empty when absent or null. */
  public static Optional<JsonNode> node(JsonNode root, String path) {
    JsonNode current = root;
    for (String part : path.split("\\.")) {
      if (current == null || !current.isObject()) return Optional.empty();
      current = current.get(part);
    }
    return current == null || current.isNull() || current.isMissingNode()
        ? Optional.empty()
        : Optional.of(current);
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
    if (!n.isValueNode())
      throw new WebhookParseException(path, "expected a text value, found " + kind(n));
    String text = n.asText();
    return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }

  /**
   * The text at a dotted path. @throws WebhookParseException naming the field when it is missing
   */
  public static String requireText(JsonNode root, String path) {
    return text(root, path).orElseThrow(() -> new WebhookParseException(path, "missing"));
  }

  /**
   * The object at a dotted path. @throws WebhookParseException naming the field when missing or not
   * an object
   */
  public static JsonNode requireObject(JsonNode root, String path) {
    JsonNode n = node(root, path).orElseThrow(() -> new WebhookParseException(path, "missing"));
    if (!n.isObject())
      throw new WebhookParseException(path, "expected an object, found " + kind(n));
    return n;
  }

  /**
   * A provider's timestamp read leniently: ISO-8601 with or without {@code T}, with offsets written
   * {@code Z}, {@code -03}, {@code +0000} or {@code -03:00}, or none (read as UTC). Empty when it
   * cannot be read, e.g. uContact's documented {@code 2023-48-13 06:48:51}: the caller falls back
   * to the time of receipt rather than refuse the event.
   */
  public static Optional<Instant> lenientInstant(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    String s = text.strip();
    Instant usual = usualInstant(s);
    if (usual != null) return Optional.of(usual);
    try {
      var parsed = LENIENT_ISO.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime odt) return Optional.of(odt.toInstant());
      return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The shapes nearly every webhook carries, {@code 2025-05-13T06:00:02.1Z}, {@code …+01:00} and
   * {@code 2025-05-13 06:52:10}, read by hand: the formatter costs a few microseconds per call and
   * was a tenth of a webhook's CPU. Null for anything else, or anything out of range, which the
   * formatter then decides on, so both paths agree.
   */
  private static Instant usualInstant(String s) {
    int n = s.length();
    if (n < 19
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) return null;
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9')
        nanos = nanos * 10 + (s.charAt(i++) - '0');
      if (i == start) return null;
      for (int k = i - start; k < 9; k++) nanos *= 10;
    }
    int offset;
    if (i == n || (s.charAt(i) == 'Z' && i + 1 == n)) {
      offset = 0;
    } else if ((s.charAt(i) == '+' || s.charAt(i) == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
      int h = digits(s, i + 1, 2);
      int m = digits(s, i + 4, 2);
      if (h < 0 || m < 0 || m > 59) return null;
      offset = (s.charAt(i) == '-' ? -1 : 1) * (h * 3600 + m * 60);
    } else {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offset));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The {@code count} digits at {@code from} as a number, or -1. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
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
    return n.isObject()
        ? "an object"
        : n.isArray() ? "an array" : n.getNodeType().toString().toLowerCase();
  }
}
