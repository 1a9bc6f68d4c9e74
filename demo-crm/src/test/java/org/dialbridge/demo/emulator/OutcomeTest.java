package org.dialbridge.demo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "+5511999990002, BUSY",
    "'+55 11 99999-0002', BUSY",
    "032999990003, NO_ANSWER",
    "+13125550004, FAILED",
    "0005, REJECTED",
    "+5114115001, ANSWERED",
    "6001, ANSWERED",
    "+15550020001, ANSWERED",
    "sip:agent0003@pbx.example.com, NO_ANSWER",
    "sip:6001@10.0.0.2, ANSWERED",
    "sips:6002@10.0.0.2, ANSWERED",
    "'', ANSWERED",
  })
  void lastDigitsPickTheOutcome(String number, Outcome expected) {
    assertThat(Outcome.forNumber(number)).isEqualTo(expected);
  }

  @Test
  void nullNumberIsRefused() {
    assertThatThrownBy(() -> Outcome.forNumber(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("number == null");
  }

  @Test
  void numbersAreMaskedToTheirLastFourDigits() {
    assertThat(Numbers.mask("+5511999991234")).isEqualTo("•••1234");
    assertThat(Numbers.mask("6001")).isEqualTo("•••");
  }

  @Test
  void callbackCredentialsAreStrippedFromTheUrl() {
    assertThat(
            WebhookSender.withoutUserInfo(
                java.net.URI.create(
                    "https://bw:p%40ss@crm.example.com:8443/dialbridge/webhooks/bw?x=1")))
        .hasToString("https://crm.example.com:8443/dialbridge/webhooks/bw?x=1");
  }
}
