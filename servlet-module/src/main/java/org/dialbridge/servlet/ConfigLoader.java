package org.dialbridge.servlet;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.dialbridge.core.error.ConfigException;

/**
 * Where Dialbridge's properties come from in a webapp (docs/configuration.md), later sources
 * winning: the file named by {@code -Ddialbridge.config} or {@code DIALBRIDGE_CONFIG}, else {@code
 * dialbridge.properties} on the webapp's class path ({@code WEB-INF/classes}); then the servlet
 * context-params named {@code dialbridge.*}. Properties files are read as UTF-8.
 */
final class ConfigLoader {
  static final String SYSTEM_PROPERTY = "dialbridge.config";
  static final String ENVIRONMENT = "DIALBRIDGE_CONFIG";
  static final String RESOURCE = "dialbridge.properties";

  /** The merged properties and where they were read from, for the start-up line. */
  record Loaded(Map<String, String> properties, String source) {}

  private ConfigLoader() {}

  static Loaded load(ServletContext context, Map<String, String> env) {
    Map<String, String> properties = new LinkedHashMap<>();
    String source;
    String file = System.getProperty(SYSTEM_PROPERTY);
    String origin = "-D" + SYSTEM_PROPERTY;
    if (file == null || file.isBlank()) {
      file = env.get(ENVIRONMENT);
      origin = ENVIRONMENT;
    }
    if (file != null && !file.isBlank()) {
      Path path = Path.of(file.strip());
      if (!Files.isRegularFile(path)) {
        throw new ConfigException(
            SYSTEM_PROPERTY,
            "the file " + path.toAbsolutePath() + " (from " + origin + ") does not exist");
      }
      try (InputStream in = Files.newInputStream(path)) {
        read(in, properties);
      } catch (IOException e) {
        throw new ConfigException(
            SYSTEM_PROPERTY,
            "the file " + path.toAbsolutePath() + " cannot be read: " + e.getMessage());
      }
      source = path.toAbsolutePath().toString();
    } else {
      ClassLoader loader =
          context.getClassLoader() != null
              ? context.getClassLoader()
              : ConfigLoader.class.getClassLoader();
      try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
        if (in != null) read(in, properties);
        source = in != null ? "classpath:" + RESOURCE : null;
      } catch (IOException e) {
        throw new ConfigException(RESOURCE, "cannot be read: " + e.getMessage());
      }
    }
    int params = 0;
    for (String name : Collections.list(context.getInitParameterNames())) {
      if (name.startsWith("dialbridge.")) {
        properties.put(name, context.getInitParameter(name));
        params++;
      }
    }
    if (source == null && params == 0) {
      throw new ConfigException(
          RESOURCE,
          "no Dialbridge configuration found: add WEB-INF/classes/"
              + RESOURCE
              + ", point -D"
              + SYSTEM_PROPERTY
              + " or "
              + ENVIRONMENT
              + " at a file, or set dialbridge.* context-params"
              + " (or set the context-param dialbridge.enabled=false to turn Dialbridge off)");
    }
    String where =
        source == null
            ? params + " context-params"
            : params == 0 ? source : source + " + " + params + " context-params";
    return new Loaded(properties, where);
  }

  private static void read(InputStream in, Map<String, String> into) throws IOException {
    Properties p = new Properties();
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(reader);
    }
    for (String name : p.stringPropertyNames()) into.put(name, p.getProperty(name));
  }
}
