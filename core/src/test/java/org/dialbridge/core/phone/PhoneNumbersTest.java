package org.dialbridge.core.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dialbridge.core.error.InvalidNumberException;
import org.dialbridge.core.error.InvalidNumberException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {
  private final PhoneNumbers brazil = new PhoneNumbers("BR");
  private final PhoneNumbers peru = new PhoneNumbers("PE");
  private final PhoneNumbers noRegion = new PhoneNumbers(null);

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "+55 11 99999-9999            | BR | +5511999999999",
        "(11) 99999-9999              | BR | +5511999999999",
        "011 99999 9999               | BR | +5511999999999",
        "11.99999.9999                | BR | +5511999999999",
        "+51 1 555 1234               | PE | +5115551234",
        "01 555 1234                  | PE | +5115551234",
        "(01) 555-1234                | PE | +5115551234",
        "+1 (415) 555-2671            | BR | +14155552671",
        "+44 (0)20 7946 0958          | BR | +442079460958",
        "+49 89/1234567               | BR | +49891234567",
        "+1 415 555 2671 ext. 12      | BR | +14155552671",
        "+1 415 555 2671 x12          | BR | +14155552671",
        "+55 11 3333-4444 ramal 210   | BR | +551133334444",
        "+51 1 555 1234 anexo 3       | PE | +5115551234",
        "+1 415 555 2671 EXT 12       | BR | +14155552671",
        "+1 415 555 2671 #12          | BR | +14155552671",
        "[11] 99999/9999              | BR | +5511999999999",
        "+55\u00A011\u202F99999\u20109999 | BR | +5511999999999",
        "+55\u200711\u201599999\t9999   | BR | +5511999999999",
      })
  void readsWhatAgentsTypeAsE164(String raw, String region, String e164) {
    assertThat(new PhoneNumbers(region).parse(raw).e164()).isEqualTo(e164);
  }

  @Test
  void keepsTheTrailingExtensionButNeverDialsIt() {
    Destination d = brazil.parse("+1 415 555 2671 ext. 12");

    assertThat(d.extension()).isEqualTo("12");
    assertThat(d.e164()).isEqualTo("+14155552671");
  }

  @Test
  void givesCountryNationalNumberAndType() {
    Destination d = brazil.parse("+55 11 99999-9999");

    assertThat(d.countryCode()).isEqualTo(55);
    assertThat(d.national()).isEqualTo("11999999999");
    assertThat(d.e164Digits()).isEqualTo("5511999999999");
    assertThat(d.region()).isEqualTo("BR");
    assertThat(d.type()).isEqualTo(NumberType.MOBILE);
    assertThat(d.isExtension()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"6001", "6005", "42", "123456", "60-01"})
  void shortInternalExtensionsStayExtensions(String raw) {
    Destination d = brazil.parse(raw);

    assertThat(d.isExtension()).isTrue();
    assertThat(d.type()).isEqualTo(NumberType.EXTENSION);
    assertThat(d.e164()).isEqualTo(raw.replace("-", ""));
    assertThat(d.national()).isEqualTo(d.e164());
  }

  @Test
  void emergencyNumbersAreMarked() {
    assertThat(brazil.parse("190").type()).isEqualTo(NumberType.EMERGENCY);
    assertThat(new PhoneNumbers("US").parse("911").type()).isEqualTo(NumberType.EMERGENCY);
    assertThat(peru.parse("105").type()).isEqualTo(NumberType.EMERGENCY);
  }

  @Test
  void publicShortCodesAreMarkedButCarrierShortCodesStayExtensions() {
    assertThat(brazil.parse("102").type()).isEqualTo(NumberType.SHORT_CODE);
    assertThat(new PhoneNumbers("US").parse("411").type()).isEqualTo(NumberType.SHORT_CODE);
    assertThat(new PhoneNumbers("US").parse("6001").type()).isEqualTo(NumberType.EXTENSION);
    assertThat(brazil.parse("6005").type()).isEqualTo(NumberType.EXTENSION);
  }

  @Test
  void premiumRateNumbersAreMarked() {
    assertThat(new PhoneNumbers("US").parse("+1 900 555 0123").type())
        .isEqualTo(NumberType.PREMIUM_RATE);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                    | EMPTY",
        "'   '                 | EMPTY",
        "1-800-FLOWERS         | LETTERS",
        "+55 11 9999a-9999     | LETTERS",
        "5                     | TOO_SHORT",
        "+999 1234 5678        | UNKNOWN_COUNTRY",
        "+55 11 9999           | TOO_SHORT",
        "+55 11 99999-9999-9999-99 | TOO_LONG",
        "+55 00 99999-9999     | INVALID",
        "*99#12345678          | INVALID",
        "+55 11 99999_9999     | INVALID",
        "+55 11 99999\u20169999 | INVALID",
      })
  void refusesWithAReasonThatSaysWhy(String raw, Reason reason) {
    assertThatThrownBy(() -> brazil.parse(raw))
        .isInstanceOfSatisfying(
            InvalidNumberException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.code()).isEqualTo("invalid_number");
              assertThat(e.getMessage()).contains(reason.sentence());
            });
  }

  @Test
  void nullIsEmptyNotANullPointer() {
    assertThatThrownBy(() -> brazil.parse(null))
        .isInstanceOfSatisfying(
            InvalidNumberException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
  }

  @Test
  void withoutADefaultRegionANumberNeedsItsCountryCode() {
    assertThat(noRegion.parse("+51 1 555 1234").e164()).isEqualTo("+5115551234");
    assertThat(noRegion.parse("0051 1 555 1234").e164()).isEqualTo("+5115551234");
    assertThatThrownBy(() -> noRegion.parse("(11) 99999-9999"))
        .isInstanceOfSatisfying(
            InvalidNumberException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_COUNTRY));
  }

  @Test
  void unknownDefaultRegionIsRefused() {
    assertThatThrownBy(() -> new PhoneNumbers("XX"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XX");
  }

  @Test
  void tryParseIsEmptyForAnythingUnreadable() {
    assertThat(brazil.tryParse("h")).isEmpty();
    assertThat(brazil.tryParse("+55 11 99999-9999"))
        .map(Destination::e164)
        .hasValue("+5511999999999");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "+5511999991234 | •••1234",
        "6001           | •••",
        "+1 (415) 555-2671 | •••2671",
        "12345             | •••2345",
        "''                | •••",
      })
  void masksToTheLastFourDigits(String number, String masked) {
    assertThat(PhoneNumbers.mask(number)).isEqualTo(masked);
  }

  @Test
  void destinationToStringIsMasked() {
    assertThat(brazil.parse("+55 11 99999-1234").toString())
        .doesNotContain("99999")
        .contains("1234");
  }
}
