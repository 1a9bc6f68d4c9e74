package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCliTest {

  @Test
  void noArgumentsListenOn8080WithTheEmulatorOnAnyFreePort() {
    DemoOptions options = DemoCli.parse(new String[0], Map.of());

    assertThat(options.port()).isEqualTo(8080);
    assertThat(options.emulatorPort()).isZero();
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.config()).isNull();
    assertThat(options.jdbcUrl()).isNull();
  }

  @Test
  void environmentSetsThePortsAndFlagsWin() {
    Map<String, String> env = Map.of("PORT", "9090", "EMULATOR_PORT", "9191");

    assertThat(DemoCli.parse(new String[0], env).port()).isEqualTo(9090);
    assertThat(DemoCli.parse(new String[0], env).emulatorPort()).isEqualTo(9191);
    DemoOptions flags =
        DemoCli.parse(
            new String[] {"--port", "8181", "--emulator-port=8282", "--host", "0.0.0.0"}, env);
    assertThat(flags.port()).isEqualTo(8181);
    assertThat(flags.emulatorPort()).isEqualTo(8282);
    assertThat(flags.host()).isEqualTo("0.0.0.0");
  }

  @Test
  void badValuesAndUnknownFlagsNameWhatIsWrong() {
    assertThatThrownBy(() -> DemoCli.parse(new String[] {"--port", "http"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--port")
        .hasMessageContaining("'http'");
    assertThatThrownBy(() -> DemoCli.parse(new String[] {"--port"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> DemoCli.parse(new String[0], Map.of("PORT", "70000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PORT")
        .hasMessageContaining("65535");
    assertThatThrownBy(() -> DemoCli.parse(new String[] {"--verbose"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option --verbose");
    assertThatThrownBy(() -> DemoCli.parse(new String[] {"--help"}, Map.of()))
        .isInstanceOf(DemoCli.HelpRequested.class);
  }
}
