package org.dialbridge.core.provider.ucontact;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.spi.DispositionRequest;
import org.dialbridge.core.spi.ProviderConfig;

/**
 * How a wrap-up becomes the form of uContact's {@code DispositionCall}: our disposition code mapped
 * to uContact's levels ({@code disposition.<code>=Contactado/Volver a llamar}), the campaign, and
 * the callback time in the uContact server's zone, which is how uContact reads {@code schedule}.
 */
final class UContactDispositions {
  static final String LEVELS_PREFIX = "disposition.";
  static final String CAMPAIGN_KEY = "disposition-campaign";
  static final String TIME_ZONE_KEY = "time-zone";

  /** uContact has three levels, l1 to l3. */
  private static final int MAX_LEVELS = 3;

  /** Disposition codes as the SPI's {@code Disposition} allows them. */
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String campaign;
  private final DateTimeFormatter schedule;
  private final Map<String, List<String>> levelsByCode;

  private UContactDispositions(
      String campaign, ZoneId zone, Map<String, List<String>> levelsByCode) {
    this.campaign = campaign;
    this.schedule = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    this.levelsByCode = Map.copyOf(levelsByCode);
  }

  /**
   * The disposition keys of {@code config}; the campaign defaults to {@code outqueue}, whose
   * trailing {@code ->} is AgentCall's syntax for "dial out through", not part of the name.
   *
   * @throws ConfigException naming every bad key
   */
  static UContactDispositions read(ProviderConfig config, String outqueue) {
    List<ConfigException> problems = new ArrayList<>();
    String campaign = config.get(CAMPAIGN_KEY).orElseGet(() -> withoutArrow(outqueue));
    ZoneId zone = ZoneId.of("UTC");
    String zoneId = config.get(TIME_ZONE_KEY, "UTC");
    try {
      zone = ZoneId.of(zoneId);
    } catch (DateTimeException e) {
      problems.add(
          new ConfigException(
              config.key(TIME_ZONE_KEY),
              "must be the uContact server's time zone, an IANA id such as America/Lima, was '"
                  + zoneId
                  + "'"));
    }
    Map<String, List<String>> levelsByCode = new TreeMap<>();
    config
        .withPrefix(LEVELS_PREFIX)
        .forEach(
            (code, value) -> {
              String key = config.key(LEVELS_PREFIX + code);
              try {
                levelsByCode.put(code, levels(key, code, value));
              } catch (ConfigException e) {
                problems.add(e);
              }
            });
    if (!problems.isEmpty()) throw ConfigException.combine(problems);
    return new UContactDispositions(campaign, zone, levelsByCode);
  }

  private static List<String> levels(String key, String code, String value) {
    if (!CODE.matcher(code).matches()) {
      throw new ConfigException(
          key, "'" + code + "' is not a disposition code (letters, digits, - and _)");
    }
    if (value.isBlank()) {
      throw new ConfigException(key, "empty: give uContact's levels, e.g. Contactado/Venta");
    }
    List<String> levels = new ArrayList<>();
    for (String level : value.split("/", -1)) {
      if (level.isBlank()) {
        throw new ConfigException(
            key, "has an empty level in '" + value + "': levels are separated by one /");
      }
      levels.add(level.strip());
    }
    if (levels.size() > MAX_LEVELS) {
      throw new ConfigException(
          key, "has " + levels.size() + " levels, uContact has " + MAX_LEVELS + " (l1/l2/l3)");
    }
    return List.copyOf(levels);
  }

  private static String withoutArrow(String outqueue) {
    String q = outqueue.strip();
    return q.endsWith("->") ? q.substring(0, q.length() - 2).strip() : q;
  }

  String campaign() {
    return campaign;
  }

  /** uContact's levels for {@code code}: as mapped, else the code itself as the first level. */
  List<String> levels(String code) {
    return levelsByCode.getOrDefault(code, List.of(code));
  }

  /**
   * The form in the documented order, every key once and empty where unused: uContact expects the
   * whole set on every call (issue 16), not only the keys that have a value.
   *
   * @param callerId the customer's number as the adapter writes numbers
   */
  Map<String, String> form(DispositionRequest request, String callerId) {
    List<String> levels = levels(request.disposition());
    boolean callback = request.callbackAt() != null;
    Map<String, String> form = new LinkedHashMap<>();
    form.put("campaign", campaign);
    form.put("agent", request.agent().providerUser());
    form.put("callerid", callerId);
    form.put("guid", request.providerCallId());
    for (int i = 0; i < MAX_LEVELS; i++)
      form.put("l" + (i + 1), i < levels.size() ? levels.get(i) : "");
    form.put("comment", request.note() == null ? "" : request.note());
    form.put("schedule", callback ? schedule.format(request.callbackAt()) : "");
    form.put("camptoreschedule", callback ? campaign : "");
    form.put("tag", request.disposition());
    // d1 and d2 are in uContact's field list without a documented meaning: sent empty, so that
    // every listed key goes once
    form.put("d1", "");
    form.put("d2", "");
    return form;
  }
}
