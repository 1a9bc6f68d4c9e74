package org.dialbridge.spring;

import org.dialbridge.servlet.DialbridgeMount;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.context.WebApplicationContext;

/**
 * Matches unless the servlet initializer already mounted Dialbridge in this servlet context: a Boot
 * WAR deployed to an external container runs both, in an order the container chooses. An embedded
 * server has no servlet context yet when this is asked, and runs no initializer from a JAR.
 */
final class NotMountedByTheInitializer extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    if (context.getResourceLoader() instanceof WebApplicationContext web
        && web.getServletContext() != null
        && web.getServletContext().getAttribute(DialbridgeMount.ATTRIBUTE) != null) {
      return ConditionOutcome.noMatch("Dialbridge is already mounted by its servlet initializer");
    }
    return ConditionOutcome.match("Dialbridge is not mounted in this servlet context yet");
  }
}
