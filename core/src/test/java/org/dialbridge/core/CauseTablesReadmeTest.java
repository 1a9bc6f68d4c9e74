package org.dialbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.bandwidth.BandwidthProviderFactory;
import org.dialbridge.core.provider.bemmelhor.BemMelhorProviderFactory;
import org.dialbridge.core.provider.support.GenericEvents;
import org.dialbridge.core.provider.ucontact.UContactProviderFactory;
import org.dialbridge.core.spi.CauseTable;
import org.junit.jupiter.api.Test;

/** The hang-up cause tables live beside each adapter and in the README: the two must say the same. */
class CauseTablesReadmeTest {

  @Test
  void theReadmeTablesAreTheCodesTables() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("<!-- cause-tables");
    int end = readme.indexOf("<!-- /cause-tables -->");
    assertThat(start).as("README cause-table markers").isPositive();
    Map<String, String> documented = new TreeMap<>();
    for (String line : readme.substring(start, end).split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length < 4 || !cells[2].contains("`") && !cells[2].contains("anything else")) continue;
      String provider = cells[1].strip();
      String cause = cells[3].strip().replace("`", "");
      for (String raw : cells[2].split(",")) {
        String r = raw.strip();
        if (r.startsWith("`")) documented.put(provider + "|" + r.replace("`", "").toUpperCase(), cause);
        else if (r.contains("anything else")) documented.put(provider + "|*", cause);
      }
    }

    Map<String, String> inCode = new TreeMap<>();
    add(inCode, "bemmelhor", BemMelhorProviderFactory.CAUSES);
    add(inCode, "bandwidth", BandwidthProviderFactory.CAUSES);
    add(inCode, "ucontact", UContactProviderFactory.CAUSES);
    add(inCode, "generic", GenericEvents.CAUSES);

    assertThat(documented).isEqualTo(inCode);
  }

  private static void add(Map<String, String> into, String provider, CauseTable table) {
    for (Map.Entry<String, HangupCause> e : table.entries().entrySet()) {
      into.put(provider + "|" + e.getKey(), e.getValue().name());
    }
    into.put(provider + "|*", table.otherwise().name());
  }
}
