package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.support.GenericEvents;
import org.dialbridge.core.spi.CauseTable;
import org.dialbridge.core.spi.ProviderFactory;
import org.junit.jupiter.api.Test;

/**
 * The hang-up cause tables live on each provider factory and in docs/providers.md: the two must say
 * the same, for every factory discovered and for the generic format.
 */
class CauseTablesReadmeTest {
  /** The document that prints the tables between its cause-table markers. */
  private static final Path DOCUMENT = Path.of("..", "docs", "providers.md");

  @Test
  void theReadmeTablesAreTheCodesTables() throws Exception {
    String readme = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    int start = readme.indexOf("<!-- cause-tables");
    int end = readme.indexOf("<!-- /cause-tables -->");
    assertThat(start).as("docs/providers.md cause-table markers").isPositive();
    Map<String, String> documented = new TreeMap<>();
    for (String line : readme.substring(start, end).split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length < 4 || !cells[2].contains("`") && !cells[2].contains("anything else"))
        continue;
      String provider = cells[1].strip();
      String cause = cells[3].strip().replace("`", "");
      for (String raw : cells[2].split(",")) {
        String r = raw.strip();
        if (r.startsWith("`"))
          documented.put(provider + "|" + r.replace("`", "").toUpperCase(), cause);
        else if (r.contains("anything else")) documented.put(provider + "|*", cause);
      }
    }

    Map<String, String> inCode = new TreeMap<>();
    for (ProviderFactory factory : ProviderFactories.discover(getClass().getClassLoader()).all()) {
      factory.causes().ifPresent(table -> add(inCode, factory.type(), table));
    }
    add(inCode, "generic", GenericEvents.CAUSES);

    assertThat(documented).isEqualTo(inCode);
  }

  @Test
  void eachFactorysTableIsNamedForItsType() {
    for (ProviderFactory factory : ProviderFactories.discover(getClass().getClassLoader()).all()) {
      factory.causes().ifPresent(table -> assertThat(table.provider()).isEqualTo(factory.type()));
    }
  }

  private static void add(Map<String, String> into, String provider, CauseTable table) {
    for (Map.Entry<String, HangupCause> e : table.entries().entrySet()) {
      into.put(provider + "|" + e.getKey(), e.getValue().name());
    }
    into.put(provider + "|*", table.otherwise().name());
  }
}
