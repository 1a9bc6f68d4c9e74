package org.dialbridge.servlet.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.System.Logger.Level;
import java.util.UUID;
import org.dialbridge.core.error.AgentBusyException;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.RateLimitedException;
import org.dialbridge.core.error.WrapUpPendingException;
import org.dialbridge.servlet.ErrorStatus;
import org.dialbridge.servlet.LimitedBody;
import org.dialbridge.servlet.Problems;

/**
 * Turns every error of the REST API into problem+json with a stable code. An unexpected one is
 * logged with an error id and answered as a 500 carrying only that id: never a stack trace.
 */
public final class ProblemMapper implements ExceptionMapper<Throwable> {
  private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());

  private final CallJson json;

  ProblemMapper(CallJson json) {
    this.json = json;
  }

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof DialbridgeException d) {
      int status = ErrorStatus.of(d);
      ObjectNode body = Problems.problem(status, d.errorCode(), d.getMessage());
      if (d instanceof AgentBusyException busy) {
        body.put("callId", busy.liveCall().id());
        body.set("call", json.call(busy.liveCall()));
      }
      if (d instanceof WrapUpPendingException pending) {
        body.put("callId", pending.awaiting().id());
        body.set("call", json.call(pending.awaiting()));
      }
      Response.ResponseBuilder r = problem(status, body);
      if (d instanceof RateLimitedException limited)
        r.header("Retry-After", limited.retryAfter().toSeconds());
      if (status == 503) r.header("Retry-After", 10);
      return r.build();
    }
    Throwable cause = rootOf(e);
    if (cause instanceof LimitedBody.TooLargeException) {
      return problem(ErrorCode.BODY_TOO_LARGE, "The request body is over 16 KiB.").build();
    }
    if (cause instanceof JsonProcessingException unreadable) {
      JsonProblems.Words words = JsonProblems.of(unreadable);
      return problem(words.code(), words.detail()).build();
    }
    if (e instanceof NotFoundException)
      return problem(ErrorCode.NOT_FOUND, "No such resource.").build();
    if (e instanceof NotAllowedException)
      return problem(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed here.").build();
    if (e instanceof NotSupportedException) {
      return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.")
          .build();
    }
    if (e instanceof NotAcceptableException)
      return problem(ErrorCode.NOT_ACCEPTABLE, "This resource answers JSON.").build();
    if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
      int status = w.getResponse().getStatus();
      return problem(status, ErrorCode.INVALID_REQUEST, "The request could not be understood.")
          .build();
    }
    String id = UUID.randomUUID().toString();
    LOG.log(Level.ERROR, "unexpected error (error id " + id + ")", e);
    return problem(
            ErrorCode.INTERNAL_ERROR, "Something went wrong on the server (error id " + id + ").")
        .build();
  }

  private static Response.ResponseBuilder problem(ErrorCode code, String detail) {
    return problem(ErrorStatus.of(code), code, detail);
  }

  private static Response.ResponseBuilder problem(int status, ErrorCode code, String detail) {
    return problem(status, Problems.problem(status, code, detail));
  }

  private static Response.ResponseBuilder problem(int status, ObjectNode body) {
    return Response.status(status).type(Problems.MEDIA_TYPE).entity(body.toString());
  }

  private static Throwable rootOf(Throwable e) {
    Throwable t = e;
    for (int i = 0; i < 10 && t != null; i++) {
      if (t instanceof LimitedBody.TooLargeException || t instanceof JsonProcessingException)
        return t;
      t = t.getCause();
    }
    return e;
  }
}
