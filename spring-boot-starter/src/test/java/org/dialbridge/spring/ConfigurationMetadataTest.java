package org.dialbridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.error.ConfigException;
import org.junit.jupiter.api.Test;

/** The keys an IDE offers from the starter's configuration metadata are keys Dialbridge accepts. */
class ConfigurationMetadataTest {
  @Test
  void everyDocumentedKeyIsAKeyDialbridgeKnows() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> keys = new ArrayList<>();
    for (JsonNode p : metadata.get("properties")) {
      String name = p.get("name").asText();
      if (!p.get("type").asText().startsWith("java.util.Map") && !name.startsWith(DialbridgeProperties.SPRING_PREFIX)) keys.add(name);
    }
    assertThat(keys).hasSizeGreaterThan(15);
    for (String key : keys) {
      try {
        DialbridgeConfig.parse(Map.of(key, "x"), Map.of(), ProviderFactories.discover(getClass().getClassLoader()).all());
      } catch (ConfigException e) {
        assertThat(e.problems()).as(key).noneMatch(p -> p.key().equals(key) && p.problem().startsWith("unknown key"));
      }
    }
  }
}
