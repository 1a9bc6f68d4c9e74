package org.dialbridge.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
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
    JsonNode metadata = metadata();
    List<String> keys = new ArrayList<>();
    for (JsonNode p : metadata.get("properties")) {
      String name = p.get("name").asText();
      if (!p.get("type").asText().startsWith("java.util.Map")
          && !name.startsWith(DialbridgeProperties.SPRING_PREFIX)) keys.add(name);
    }
    assertThat(keys).hasSizeGreaterThan(15);
    for (String key : keys) {
      try {
        DialbridgeConfig.parse(
            Map.of(key, "x"),
            Map.of(),
            ProviderFactories.discover(getClass().getClassLoader()).all());
      } catch (ConfigException e) {
        assertThat(e.problems())
            .as(key)
            .noneMatch(p -> p.key().equals(key) && p.problem().startsWith("unknown key"));
      }
    }
  }

  /**
   * The metadata repeats some defaults for the IDE; each must be what Dialbridge reads when the key
   * is absent.
   */
  @Test
  void everyDocumentedDefaultIsTheDefaultDialbridgeReads() throws Exception {
    int checked = 0;
    for (JsonNode p : metadata().get("properties")) {
      if (!p.has("defaultValue")) continue;
      String key = p.get("name").asText();
      Map<String, String> explicit = minimal();
      explicit.put(key, p.get("defaultValue").asText());
      assertThat(settings(parse(explicit))).as(key).isEqualTo(settings(parse(minimal())));
      checked++;
    }
    assertThat(checked).isGreaterThan(5);
  }

  private JsonNode metadata() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put("dialbridge.default-region", "BR");
    p.put("dialbridge.providers.bm.type", "bemmelhor");
    p.put("dialbridge.providers.bm.base-url", "http://pbx.example.com:3030");
    return p;
  }

  private DialbridgeConfig parse(Map<String, String> properties) {
    return DialbridgeConfig.parse(
        properties, Map.of(), ProviderFactories.discover(getClass().getClassLoader()).all());
  }

  /** What the documented keys set, as values that compare. */
  private static List<Object> settings(DialbridgeConfig c) {
    return List.of(
        c.enabled(),
        c.apiPath(),
        c.webhookPath(),
        c.dialPolicy(),
        c.store(),
        c.security(),
        c.wrapUp(),
        c.inbound(),
        c.dispositions());
  }
}
