package org.dialbridge.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the webhook inbox's own H2 file is, for each kind of H2 URL. */
class StoreSettingsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:h2:file:./data/dialbridge | jdbc:h2:file:./data/dialbridge-inbox",
        "jdbc:h2:file:./data/dialbridge;DB_CLOSE_ON_EXIT=FALSE"
            + " | jdbc:h2:file:./data/dialbridge-inbox;DB_CLOSE_ON_EXIT=FALSE",
        "JDBC:H2:FILE:/var/crm/calls;IFEXISTS=TRUE;AUTO_SERVER=TRUE"
            + " | jdbc:h2:file:/var/crm/calls-inbox;AUTO_SERVER=TRUE",
        "jdbc:h2:~/crm | jdbc:h2:file:~/crm-inbox",
        "jdbc:h2:./crm;ifexists=true | jdbc:h2:file:./crm-inbox",
        "jdbc:h2:C:/crm/calls | jdbc:h2:file:C:/crm/calls-inbox",
      })
  void anEmbeddedFileKeepsItsInboxBesideIt(String url, String inbox) {
    assertThat(StoreSettings.inboxFileUrl(url)).contains(inbox);
    assertThat(settings(url).inboxFile().orElseThrow().jdbcUrl()).isEqualTo(inbox);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:h2:mem:crm",
        "jdbc:h2:mem:",
        "jdbc:h2:tcp://db.example/~/crm",
        "jdbc:h2:ssl://db.example/crm",
        "jdbc:h2:zip:~/backup.zip!/crm",
        "jdbc:h2:file:./data/",
        "jdbc:postgresql://db/crm",
      })
  void everyOtherDatabaseKeepsItAmongTheCalls(String url) {
    assertThat(StoreSettings.inboxFileUrl(url)).isEmpty();
    assertThat(settings(url).inboxFile()).isEmpty();
  }

  private static StoreSettings settings(String url) {
    return new StoreSettings(url, "sa", null, null, Duration.ofHours(2), Duration.ofMinutes(1));
  }
}
