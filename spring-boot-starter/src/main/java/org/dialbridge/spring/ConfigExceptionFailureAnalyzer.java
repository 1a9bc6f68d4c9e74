package org.dialbridge.spring;

import java.util.stream.Collectors;
import org.dialbridge.core.error.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns Dialbridge's configuration errors into Spring Boot's start-up report: one line per bad key
 * in the description, what to do in the action, and no stack trace.
 */
public final class ConfigExceptionFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
    String lines = cause.problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    int n = cause.problems().size();
    String description =
        "Dialbridge configuration has " + n + (n == 1 ? " problem:\n" : " problems:\n") + lines;
    String action =
        "Fix "
            + (n == 1 ? "that key" : "each key above")
            + " in application.properties (or .yml, or the environment) and restart. In Spring's"
            + " files, secrets come from Spring's own placeholders: ${NAME}.";
    return new FailureAnalysis(description, action, cause);
  }
}
