package org.dialbridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dialbridge.core.error.ConfigException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class ConfigExceptionFailureAnalyzerTest {
  @Test
  void describesEachBadKeyOnItsOwnLineAndSaysWhatToDo() {
    ConfigException bad =
        ConfigException.combine(
            List.of(
                new ConfigException(
                    "dialbridge.dial.rate-limt",
                    "unknown key (did you mean dialbridge.dial.rate-limit?)"),
                new ConfigException("dialbridge.providers.c3.token", "missing")));

    FailureAnalysis analysis =
        new ConfigExceptionFailureAnalyzer()
            .analyze(new BeanCreationException("dialbridgeMount", "Error creating bean", bad));

    assertThat(analysis.getDescription().lines())
        .containsExactly(
            "Dialbridge configuration has 2 problems:",
            "  dialbridge.dial.rate-limt: unknown key (did you mean dialbridge.dial.rate-limit?)",
            "  dialbridge.providers.c3.token: missing");
    assertThat(analysis.getAction()).startsWith("Fix each key above").contains("${NAME}");
  }
}
