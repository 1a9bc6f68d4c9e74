package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import java.util.function.Supplier;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.servlet.Problems;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.sse.SseFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The REST API's Jersey application, built in code and mounted under a servlet name Dialbridge
 * owns: never annotated {@code @ApplicationPath}, never scanned, and its resources' root paths
 * given here rather than by {@code @Path} on the classes, so a host that runs its own Jersey
 * application neither mounts ours twice nor picks up our resources.
 */
public final class ApiApplication {
  /**
   * Responses up to this size are sent whole, with their length. Jersey's default, 8 KiB, is less
   * than a history page of 20 calls: such a page went out in chunks, Jackson's flush after the
   * value one more write to the socket (6% of the history request's CPU in a profile). A buffer
   * grows only as large as its response; an event stream is never buffered.
   */
  static final int RESPONSE_BUFFER_BYTES = 64 * 1024;

  private ApiApplication() {}

  public static ResourceConfig create(Dialbridge dialbridge, CallStreams streams) {
    return create(dialbridge, streams, null);
  }

  /**
   * @param scrape Dialbridge's own metrics in Prometheus's text format, or null where they go to
   *     the host's registry
   */
  public static ResourceConfig create(
      Dialbridge dialbridge, CallStreams streams, Supplier<String> scrape) {
    ResourceConfig config = new ResourceConfig();
    config.setApplicationName("dialbridge");
    config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    config.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
    config.property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, RESPONSE_BUFFER_BYTES);
    config.register(JacksonFeature.withoutExceptionMappers());
    config.register(SseFeature.class);
    config.register(
        new ContextResolver<ObjectMapper>() {
          @Override
          public ObjectMapper getContext(Class<?> type) {
            return Problems.JSON;
          }
        });
    CallJson json = new CallJson(dialbridge);
    config.register(new ProblemMapper(json));
    config.registerResources(
        root("calls", new CallsResource(dialbridge, streams, json)),
        root("contacts", new ContactsResource(dialbridge, json)),
        root("me", new MeResource(dialbridge, streams, json)),
        root("inbound", new InboundResource(dialbridge, json)),
        root("admin", new AdminResource(dialbridge, scrape)),
        root("dispositions", new DispositionsResource(dialbridge)),
        root("inbox", new InboxResource(dialbridge)),
        root("health", new HealthResource(dialbridge)),
        root("openapi.json", new OpenApiResource()));
    return config;
  }

  /**
   * A root resource at {@code path} whose methods are those the class declares, served by {@code
   * instance}. Our resource classes carry no class-level {@code @Path}: a container hands every
   * {@code @Path} class of the webapp, Dialbridge's JAR included whatever its {@code
   * metadata-complete} says (Servlet §8.2.4), to Jersey's own initializer, and a host
   * {@code @ApplicationPath} application that lists no classes takes them all (JAX-RS §2.3.2): our
   * API would also answer, broken, under the host's path.
   */
  static Resource root(String path, Object instance) {
    Resource model = Resource.builder(instance.getClass()).path(path).build();
    return servedBy(model, instance);
  }

  private static Resource servedBy(Resource model, Object instance) {
    Resource.Builder builder = Resource.builder(model);
    for (ResourceMethod method : model.getResourceMethods()) {
      builder.updateMethod(method).handledBy(instance, method.getInvocable().getHandlingMethod());
    }
    for (Resource child : model.getChildResources()) {
      builder.replaceChildResource(child, servedBy(child, instance));
    }
    return builder.build();
  }
}
