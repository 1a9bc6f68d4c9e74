package org.dialbridge.core.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dialbridge.core.spi.Disposition;
import org.dialbridge.core.spi.Disposition.Outcome;

/**
 * The disposition catalog of {@code dialbridge.dispositions.*}: the default list (HubSpot's call
 * outcomes and a callback), or the codes of {@code dispositions.list} in that order, each taking
 * its default's labels and rules unless its own keys say otherwise.
 */
public final class Dispositions {
  private static final String LIST = "list";
  private static final String LABEL = "label";
  private static final String GROUP = "group";
  private static final String CALLBACK = "callback";
  private static final String OFFERED_FOR = "offered-for";
  private static final Set<String> LANGUAGES = Set.of("en", "es", "pt-BR");

  private static final Set<Outcome> NOT_ANSWERED =
      EnumSet.of(
          Outcome.NO_ANSWER, Outcome.BUSY, Outcome.CANCELED, Outcome.REJECTED, Outcome.FAILED);

  /** The catalog when none is configured. */
  public static final List<Disposition> DEFAULTS =
      List.of(
          of(
              "connected",
              "Connected",
              "Conectado",
              "Conectado",
              "connected",
              false,
              EnumSet.of(Outcome.ANSWERED)),
          of(
              "left-live-message",
              "Left live message",
              "Dejó mensaje con una persona",
              "Deixou recado com uma pessoa",
              "connected",
              false,
              EnumSet.of(Outcome.ANSWERED)),
          of(
              "left-voicemail",
              "Left voicemail",
              "Dejó mensaje de voz",
              "Deixou mensagem de voz",
              "not-connected",
              false,
              EnumSet.of(Outcome.ANSWERED)),
          of(
              "callback",
              "Callback",
              "Volver a llamar",
              "Retornar ligação",
              "connected",
              true,
              EnumSet.allOf(Outcome.class)),
          of(
              "no-answer",
              "No answer",
              "No contesta",
              "Não atende",
              "not-connected",
              false,
              NOT_ANSWERED),
          of(
              "busy",
              "Busy",
              "Ocupado",
              "Ocupado",
              "not-connected",
              false,
              EnumSet.of(Outcome.BUSY, Outcome.NO_ANSWER)),
          of(
              "wrong-number",
              "Wrong number",
              "Número equivocado",
              "Número errado",
              "not-connected",
              false,
              EnumSet.of(Outcome.ANSWERED, Outcome.REJECTED, Outcome.FAILED)));

  private Dispositions() {}

  private static Disposition of(
      String code,
      String en,
      String es,
      String ptBr,
      String group,
      boolean callback,
      Set<Outcome> offeredFor) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("en", en);
    labels.put("es", es);
    labels.put("pt-BR", ptBr);
    return new Disposition(code, labels, group, callback, offeredFor);
  }

  /** Reads {@code dialbridge.dispositions.*}; the defaults when it is absent. */
  static List<Disposition> read(Section section) {
    Optional<List<String>> listed = section.list(LIST);
    if (listed.isEmpty()) {
      if (!section.entries().isEmpty()) {
        section.problem(
            LIST, "missing: list the disposition codes, in order (e.g. connected,callback)");
        section.consumeAll();
      }
      return DEFAULTS;
    }
    List<Disposition> catalog = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String code : listed.get()) {
      if (!Disposition.isCode(code)) {
        section.problem(LIST, "'" + code + "' is not a code: 1 to 64 letters, digits, - or _");
        continue;
      }
      if (!seen.add(code)) {
        section.problem(LIST, "'" + code + "' is listed twice");
        continue;
      }
      read(section, code).ifPresent(catalog::add);
    }
    if (catalog.isEmpty() && seen.isEmpty()) section.problem(LIST, "lists no disposition");
    return List.copyOf(catalog);
  }

  private static Optional<Disposition> read(Section section, String code) {
    Disposition base =
        DEFAULTS.stream().filter(d -> d.code().equals(code)).findFirst().orElse(null);
    Section own = section.section(code);
    Map<String, String> labels = new LinkedHashMap<>(base == null ? Map.of() : base.labels());
    own.text(LABEL).ifPresent(l -> labels.put("en", l));
    for (String language : LANGUAGES) {
      own.text(LABEL + "." + language).ifPresent(l -> labels.put(language, l));
    }
    for (String key : own.entries().keySet()) {
      if (key.startsWith(LABEL + ".") && !LANGUAGES.contains(key.substring(LABEL.length() + 1))) {
        own.problem(key, "is not a language Dialbridge speaks (en, es, pt-BR)");
        own.consume(key);
      }
    }
    if (!labels.containsKey("en")) {
      own.problem(LABEL, "missing: a disposition Dialbridge does not know needs its label");
      return Optional.empty();
    }
    String group = own.text(GROUP).orElse(base == null ? null : base.group());
    boolean callback = own.bool(CALLBACK, base != null && base.callback());
    Set<Outcome> offeredFor = base == null ? EnumSet.allOf(Outcome.class) : base.offeredFor();
    Optional<List<String>> outcomes = own.list(OFFERED_FOR);
    if (outcomes.isPresent()) offeredFor = outcomes(own, outcomes.get(), offeredFor);
    try {
      return Optional.of(new Disposition(code, labels, group, callback, offeredFor));
    } catch (IllegalArgumentException e) {
      section.problem(LIST, e.getMessage());
      return Optional.empty();
    }
  }

  private static Set<Outcome> outcomes(Section own, List<String> names, Set<Outcome> fallback) {
    Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
    for (String name : names) {
      if (name.equalsIgnoreCase("any")) return EnumSet.allOf(Outcome.class);
      Outcome o = Outcome.fromWire(name);
      if (o == null) {
        own.problem(
            OFFERED_FOR,
            "'"
                + name
                + "' is not a call outcome (answered, busy, no-answer, canceled, rejected,"
                + " failed or any)");
      } else {
        outcomes.add(o);
      }
    }
    return outcomes.isEmpty() ? fallback : outcomes;
  }
}
