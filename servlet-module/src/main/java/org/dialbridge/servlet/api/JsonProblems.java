package org.dialbridge.servlet.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.stream.Collectors;
import org.dialbridge.core.error.ErrorCode;

/**
 * Jackson's complaint about a request body in words a person reads: which field is wrong and why,
 * never a class or a method name (Jackson's own messages name both). A body that is not JSON at all
 * is {@code invalid_json}; JSON of the wrong shape is {@code invalid_request}.
 */
final class JsonProblems {
  /** A problem's code and sentence. */
  record Words(ErrorCode code, String detail) {}

  private JsonProblems() {}

  static Words of(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return new Words(
          ErrorCode.INVALID_JSON,
          "The request body is nested too deeply or holds a value too long to read.");
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new Words(
          ErrorCode.INVALID_REQUEST,
          "Unknown field '"
              + unknown.getPropertyName()
              + "'; the fields are "
              + names(unknown.getKnownPropertyIds())
              + ".");
    }
    if (e instanceof MismatchedInputException mismatch) {
      String field = field(mismatch);
      if (field == null)
        return new Words(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object.");
      return new Words(
          ErrorCode.INVALID_REQUEST,
          "The field '" + field + "' must be " + kind(mismatch.getTargetType()) + ".");
    }
    if (e instanceof JsonMappingException) {
      return new Words(
          ErrorCode.INVALID_REQUEST, "The request body does not have the expected fields.");
    }
    return new Words(
        ErrorCode.INVALID_JSON,
        "The request body is not valid JSON" + where(e.getLocation()) + ".");
  }

  private static String field(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.isEmpty() ? null : path;
  }

  private static String kind(Class<?> type) {
    if (type == null) return "of another type";
    if (CharSequence.class.isAssignableFrom(type)) return "a string";
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class))
      return "a number";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type.isArray() || Collection.class.isAssignableFrom(type)) return "a list";
    return "an object";
  }

  private static String names(Collection<Object> known) {
    if (known == null || known.isEmpty()) return "none";
    return known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String where(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) return "";
    return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
