package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import org.dialbridge.core.Dialbridge;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.sse.SseFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.dialbridge.servlet.Problems;

/**
 * The REST API's Jersey application, built in code and mounted under a servlet name Dialbridge
 * owns: never annotated {@code @ApplicationPath} and never scanned, so a host that runs its own
 * Jersey application neither mounts ours twice nor picks up our resources.
 */
public final class ApiApplication {
  private ApiApplication() {}

  public static ResourceConfig create(Dialbridge dialbridge, CallStreams streams) {
    ResourceConfig config = new ResourceConfig();
    config.setApplicationName("dialbridge");
    config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    config.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
    config.register(JacksonFeature.withoutExceptionMappers());
    config.register(SseFeature.class);
    config.register(new ContextResolver<ObjectMapper>() {
      @Override
      public ObjectMapper getContext(Class<?> type) {
        return Problems.JSON;
      }
    });
    config.register(new ProblemMapper());
    // Resources are registered as classes, their dependencies bound as instances: Jersey logs a
    // spurious "will be ignored" warning for resource instances (eclipse-ee4j/jersey#3700).
    config.register(new AbstractBinder() {
      @Override
      protected void configure() {
        bind(dialbridge).to(Dialbridge.class);
        bind(streams).to(CallStreams.class);
      }
    });
    config.register(CallsResource.class);
    config.register(ContactsResource.class);
    config.register(MeResource.class);
    config.register(HealthResource.class);
    return config;
  }
}
