package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.spi.Disposition;
import org.dialbridge.core.spi.Disposition.Outcome;
import org.dialbridge.servlet.Problems;

/**
 * {@code /dispositions}: the catalog agents choose a call's outcome from, labelled in the agent's
 * language ({@code ?lang=}, else the request's {@code Accept-Language}, else English).
 */
@Produces(MediaType.APPLICATION_JSON)
public final class DispositionsResource {
  /** The languages Dialbridge speaks, as the widget names them. */
  private static final List<String> LANGUAGES = List.of("en", "es", "pt-BR");

  private final Dialbridge dialbridge;
  private final String adminRole;

  DispositionsResource(Dialbridge dialbridge) {
    this.dialbridge = dialbridge;
    this.adminRole = dialbridge.config().security().adminRole();
  }

  @GET
  public ObjectNode list(
      @QueryParam("lang") String lang, @Context HttpHeaders headers, @Context SecurityContext sc) {
    Requester.of(sc, adminRole);
    String language = language(lang, headers.getAcceptableLanguages());
    ObjectNode node = Problems.JSON.createObjectNode();
    node.put("language", language);
    ArrayNode list = node.putArray("dispositions");
    for (Disposition d : dialbridge.dispositions()) {
      ObjectNode entry = list.addObject();
      entry.put("code", d.code());
      entry.put("label", d.label(language));
      entry.put("group", d.group());
      entry.put("callback", d.callback());
      ArrayNode offered = entry.putArray("offeredFor");
      for (Outcome o : d.offeredFor()) offered.add(o.wire());
    }
    return node;
  }

  /** The first of the asked languages Dialbridge speaks ({@code pt} reads as pt-BR), else en. */
  static String language(String lang, List<Locale> acceptable) {
    if (lang != null && !lang.isBlank()) {
      String spoken = spoken(Locale.forLanguageTag(lang.strip()));
      if (spoken != null) return spoken;
    }
    for (Locale l : acceptable) {
      String spoken = spoken(l);
      if (spoken != null) return spoken;
    }
    return "en";
  }

  private static String spoken(Locale locale) {
    for (String language : LANGUAGES) {
      if (Locale.forLanguageTag(language).getLanguage().equals(locale.getLanguage())) {
        return language;
      }
    }
    return null;
  }
}
