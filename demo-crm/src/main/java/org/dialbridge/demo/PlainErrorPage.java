package org.dialbridge.demo;

import static org.dialbridge.demo.Html.esc;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The demo's error pages: the status in words and the demo's own message, never the servlet, the
 * exception class or a stack trace that Jetty's default page shows an attacker.
 */
final class PlainErrorPage extends ErrorHandler {

  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause) {
    String reason = HttpStatus.getMessage(code);
    // a message set with sendError is the demo's own sentence; one that came with an exception is
    // not for users
    String words = cause == null && message != null && !message.isBlank() ? message : reason;
    String html =
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
            + code
            + " "
            + esc(reason)
            + " · Sample CRM</title>\n</head>\n<body>\n<h1>"
            + code
            + " "
            + esc(reason)
            + "</h1>\n<p>"
            + esc(words)
            + "</p>\n<p><a href=\"/\">Back to the contacts</a></p>\n</body>\n</html>\n";
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
    response.write(true, ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
