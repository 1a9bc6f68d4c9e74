package org.dialbridge.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.dialbridge.core.error.ErrorCode;

/**
 * RFC 9457 problem details, the shape of every error Dialbridge answers: {@code {"type", "title",
 * "status", "detail", "code"}} as {@code application/problem+json}.
 */
public final class Problems {
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * The JSON mapper of the REST API: ISO-8601 times, nulls kept so every documented field is
   * present.
   */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Problems() {}

  /** The problem of {@code code}, answered with the code's own status ({@link ErrorStatus}). */
  public static ObjectNode problem(ErrorCode code, String detail) {
    return problem(ErrorStatus.of(code), code, detail);
  }

  public static ObjectNode problem(int status, ErrorCode code, String detail) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "urn:dialbridge:problem:" + code.wire());
    node.put("title", title(status));
    node.put("status", status);
    node.put("detail", detail);
    node.put("code", code.wire());
    return node;
  }

  /** Writes the problem of {@code code} from a servlet filter, with the code's own status. */
  public static void write(HttpServletResponse response, ErrorCode code, String detail)
      throws IOException {
    write(response, ErrorStatus.of(code), code, detail);
  }

  /** Writes a problem answer from a servlet filter. */
  public static void write(HttpServletResponse response, int status, ErrorCode code, String detail)
      throws IOException {
    if (response.isCommitted()) return;
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    byte[] body = JSON.writeValueAsBytes(problem(status, code, detail));
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
