package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.dialbridge.servlet.Problems;

/**
 * {@code /openapi.json}: the REST API as an OpenAPI 3.1 document, the file {@code openapi.json}
 * beside this class (kept by hand, and tested against the resources so the two cannot drift), its
 * {@code servers} set to the path the API answers under: the webapp's context path and {@code
 * dialbridge.api-path}.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {
  /** Where the document is on the class path. */
  public static final String DOCUMENT = "/org/dialbridge/servlet/api/openapi.json";

  private final ObjectNode document;

  OpenApiResource() {
    this.document = read();
  }

  @GET
  public ObjectNode document(@Context UriInfo uri) {
    String base = uri.getBaseUri().getRawPath();
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    ObjectNode served = document.deepCopy();
    served.putArray("servers").addObject().put("url", base);
    return served;
  }

  private static ObjectNode read() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) throw new IllegalStateException(DOCUMENT + " is missing from the JAR");
      return (ObjectNode) Problems.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DOCUMENT, e);
    }
  }
}
