package org.dialbridge.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.error.ConfigException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * Dialbridge's {@code dialbridge.*} properties as Spring sees them: from {@code
 * application.properties} or {@code .yml}, the command line or the environment ({@code
 * DIALBRIDGE_DEFAULT_REGION}), with Spring's relaxed binding and Spring's own {@code ${NAME}}
 * placeholders resolved. The keys under {@code dialbridge.spring.} are the starter's own; the rest
 * go to {@link DialbridgeConfig#parse}.
 *
 * <p>{@code ${env:NAME}}, Dialbridge's syntax in {@code dialbridge.properties}, means something
 * else to Spring (the property {@code env}, else the default {@code NAME}) and would silently
 * become the literal {@code NAME}, a webhook token anyone can guess; found in a raw value, it stops
 * start-up.
 */
record DialbridgeProperties(
    Map<String, String> dialbridge, String principalAttribute, String adminAuthority) {
  static final String SPRING_PREFIX = DialbridgeConfig.PREFIX + "spring.";
  static final String PRINCIPAL_ATTRIBUTE = SPRING_PREFIX + "principal-attribute";
  static final String ADMIN_AUTHORITY = SPRING_PREFIX + "admin-authority";

  /**
   * @throws ConfigException naming each key that uses Dialbridge's placeholders in Spring's
   *     configuration
   */
  static DialbridgeProperties from(ConfigurableEnvironment environment) {
    refuseDialbridgePlaceholders(environment);
    Map<String, String> bound =
        Binder.get(environment)
            .bind("dialbridge", Bindable.mapOf(String.class, String.class))
            .orElse(Map.of());
    Map<String, String> dialbridge = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(bound).entrySet()) {
      String key = DialbridgeConfig.PREFIX + e.getKey();
      if (!key.startsWith(SPRING_PREFIX)) dialbridge.put(key, e.getValue());
    }
    DialbridgeProperties properties =
        new DialbridgeProperties(
            dialbridge,
            blankToNull(bound.get("spring.principal-attribute")),
            blankToNull(bound.get("spring.admin-authority")));
    properties.requireWhatTheMappingNeeds();
    return properties;
  }

  /**
   * The principal mapping reads Spring Security's user, and an attribute needs its OAuth2 types.
   */
  private void requireWhatTheMappingNeeds() {
    if (principalAttribute != null) {
      require(
          "org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal",
          "Spring Security's OAuth2 support (spring-security-oauth2-core)",
          PRINCIPAL_ATTRIBUTE);
    }
    if (adminAuthority != null)
      require(
          "org.springframework.security.core.context.SecurityContextHolder",
          "Spring Security",
          ADMIN_AUTHORITY);
  }

  private static void require(String className, String what, String key) {
    if (!ClassUtils.isPresent(className, DialbridgeProperties.class.getClassLoader())) {
      throw new ConfigException(key, "needs " + what + " on the class path");
    }
  }

  private static void refuseDialbridgePlaceholders(ConfigurableEnvironment environment) {
    List<ConfigException> problems = new ArrayList<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)) continue;
      for (String name : enumerable.getPropertyNames()) {
        String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
        if (!key.startsWith(DialbridgeConfig.PREFIX)) continue;
        Object raw = enumerable.getProperty(name);
        String value = raw == null ? "" : raw.toString();
        if (value.contains("${env:") || value.contains("${sys:")) {
          problems.add(
              new ConfigException(
                  name,
                  "Spring reads "
                      + placeholder(value)
                      + " as the property 'env' (or 'sys') with a default, not as a variable: in"
                      + " Spring's configuration write "
                      + springForm(value)
                      + " ("
                      + source.getName()
                      + ")"));
        }
      }
    }
    if (!problems.isEmpty()) throw ConfigException.combine(problems);
  }

  private static String placeholder(String value) {
    int start = value.indexOf("${");
    int end = value.indexOf('}', start);
    return end < 0 ? value.substring(start) : value.substring(start, end + 1);
  }

  /**
   * {@code ${env:NAME}} as Spring writes it: {@code ${NAME}}; {@code ${env:NAME:-default}}: {@code
   * ${NAME:default}}.
   */
  private static String springForm(String value) {
    String p = placeholder(value);
    String inner = p.substring(2, p.endsWith("}") ? p.length() - 1 : p.length());
    String name = inner.substring(inner.indexOf(':') + 1);
    int fallback = name.indexOf(":-");
    return fallback < 0
        ? "${" + name + "}"
        : "${" + name.substring(0, fallback) + ":" + name.substring(fallback + 2) + "}";
  }

  /** The keys only: the values hold secrets. */
  @Override
  public String toString() {
    return "DialbridgeProperties" + dialbridge.keySet();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
