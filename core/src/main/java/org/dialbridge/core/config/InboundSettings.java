package org.dialbridge.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How inbound calls reach agents ({@code dialbridge.inbound.*}, docs/inbound.md): whose phones ring
 * for a dialled number, which contact a caller with several matches is linked to, and what {@code
 * <dialbridge-phone>} does.
 *
 * @param routes the users whose phones ring, by the dialled number's digits (country code first)
 * @param defaultRoute the users for any other dialled number; empty for none
 * @param createContactUrl where "Create contact" goes, {@code {number}} standing for the caller's
 *     number; null for no such button
 * @param contactUrl a contact's page when its match gives none, {@code {id}} standing for its id
 */
public record InboundSettings(
    Map<String, List<String>> routes,
    List<String> defaultRoute,
    SeveralMatches severalMatches,
    Pop pop,
    String createContactUrl,
    String contactUrl) {

  /** What links a caller whose number several contacts share. */
  public enum SeveralMatches {
    /** The agent chooses, in {@code <dialbridge-phone>}. */
    ASK,
    /** The contact the CRM changed last. */
    MOST_RECENT,
    /** None: the call stays without a contact. */
    NONE
  }

  /** When {@code <dialbridge-phone>} shows the caller. */
  public enum Pop {
    RING,
    ANSWER,
    NEVER
  }

  private static final Pattern USER = Pattern.compile("\\S{1,128}");
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,15}");
  private static final String DEFAULT = "default";

  public static final InboundSettings DEFAULTS =
      new InboundSettings(Map.of(), List.of(), SeveralMatches.ASK, Pop.RING, null, null);

  public InboundSettings {
    routes = Map.copyOf(routes);
    defaultRoute = List.copyOf(defaultRoute);
  }

  /** The users whose phones ring for a call to {@code dialledDigits}; empty when none. */
  public List<String> route(String dialledDigits) {
    List<String> users = dialledDigits == null ? null : routes.get(dialledDigits);
    return users != null ? users : defaultRoute;
  }

  /** Reads {@code dialbridge.inbound.*}. */
  static InboundSettings read(Section inbound) {
    Section routeSection = inbound.section("routes");
    Map<String, List<String>> routes = new LinkedHashMap<>();
    List<String> defaultRoute = List.of();
    for (String key : routeSection.entries().keySet()) {
      List<String> users = users(routeSection, key);
      if (key.equals(DEFAULT)) {
        defaultRoute = users;
      } else if (!NUMBER.matcher(key).matches()) {
        routeSection.problem(
            key, "'" + key + "' is not a phone number (digits, country code first)");
      } else {
        routes.put(key.startsWith("+") ? key.substring(1) : key, users);
      }
    }
    return new InboundSettings(
        routes,
        defaultRoute,
        choice(inbound, "several-matches", SeveralMatches.class, SeveralMatches.ASK),
        choice(inbound, "pop", Pop.class, Pop.RING),
        url(inbound, "create-contact-url", "{number}"),
        url(inbound, "contact-url", "{id}"));
  }

  private static List<String> users(Section routes, String key) {
    List<String> users = routes.list(key).orElse(List.of());
    for (String user : users) {
      if (!USER.matcher(user).matches()) routes.problem(key, "'" + user + "' is not a user name");
    }
    if (users.isEmpty()) routes.problem(key, "names no user (e.g. ana,bruno)");
    return users;
  }

  private static <E extends Enum<E>> E choice(
      Section section, String name, Class<E> type, E defaultValue) {
    Optional<String> v = section.text(name);
    if (v.isEmpty()) return defaultValue;
    try {
      return Enum.valueOf(type, v.get().strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E option : type.getEnumConstants()) {
        if (allowed.length() > 0) allowed.append(", ");
        allowed.append(option.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
      section.problem(name, "must be one of " + allowed + ", was '" + v.get() + "'");
      return defaultValue;
    }
  }

  /** A URL template: absolute http(s), or a path on the CRM's own origin. */
  private static String url(Section section, String name, String placeholder) {
    Optional<String> v = section.text(name).map(String::strip);
    if (v.isEmpty() || v.get().isEmpty()) return null;
    String url = v.get();
    boolean path = url.startsWith("/") && !url.startsWith("//");
    if (path) return url;
    String absolute = url.replace(placeholder, "x");
    if (section.httpUri(name, absolute).isEmpty()) return null;
    return url;
  }
}
