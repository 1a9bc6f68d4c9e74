package org.dialbridge.core.provider.bemmelhor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dialbridge.core.phone.PhoneNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DialFormatTest {
  private static final PhoneNumbers BRAZIL = new PhoneNumbers("BR");
  private final DialFormat defaults = new DialFormat("0", "00", "BR");

  @Test
  void extensionIsDialledAsGiven() {
    assertThat(defaults.target(BRAZIL.parse("6005"))).isEqualTo("6005");
  }

  @Test
  void brazilianNumberIsPrefixAndNationalNumberAsTheVendorShows() {
    assertThat(defaults.target(BRAZIL.parse("+55 32 99999-9999"))).isEqualTo("032999999999");
    assertThat(defaults.target(BRAZIL.parse("(32) 99999-9999"))).isEqualTo("032999999999");
    assertThat(defaults.target(BRAZIL.parse("+55 11 3333-4444"))).isEqualTo("01133334444");
  }

  @Test
  void foreignNumberIsPrefixInternationalPrefixCountryCodeAndNationalNumber() {
    assertThat(defaults.target(BRAZIL.parse("+51 1 555 1234")))
        .isEqualTo("0" + "00" + "51" + "15551234");
  }

  @Test
  void italianLeadingZeroStaysInTheNationalNumber() {
    assertThat(defaults.target(BRAZIL.parse("+39 02 1234 5678")))
        .isEqualTo("0" + "00" + "39" + "0212345678");
  }

  @Test
  void prefixesAndHomeRegionAreTheDeploymentsOwn() {
    DialFormat us = new DialFormat("", "011", "US");

    assertThat(us.target(BRAZIL.parse("+1 650 253 0000"))).isEqualTo("6502530000");
    // Canada shares the country code: dialled nationally from the US too.
    assertThat(us.target(BRAZIL.parse("+1 416 979 0000"))).isEqualTo("4169790000");
    assertThat(us.target(BRAZIL.parse("+55 32 99999-9999")))
        .isEqualTo("011" + "55" + "32999999999");
  }

  @ParameterizedTest
  @CsvSource({
    "032999999999, +5532999999999",
    "0005115551234, +5115551234",
    "32999999999, +5532999999999",
    "+5115551234, +5115551234",
    "9999, 9999",
    "6005, 6005",
    "' 6005 ', 6005",
  })
  void dialledNumberReadsBackAsE164OrExtension(String dialled, String expected) {
    assertThat(defaults.number(dialled)).hasValue(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"h", "s", "SIP/6001-00000002", "0", "12345678901234567890", "+"})
  void whatIsNeitherANumberNorAnExtensionReadsAsNothing(String dialled) {
    assertThat(defaults.number(dialled)).isEmpty();
  }

  @Test
  void dialledFormReadsBackToTheSameNumber() {
    DialFormat peru = new DialFormat("9", "011", "PE");
    for (String e164 :
        new String[] {"+5115551234", "+5532999999999", "+16502530000", "+390212345678"}) {
      assertThat(peru.number(peru.target(BRAZIL.parse(e164)))).as(e164).hasValue(e164);
      assertThat(defaults.number(defaults.target(BRAZIL.parse(e164)))).as(e164).hasValue(e164);
    }
  }

  @Test
  void constructorRefusesWhatCannotBeDialled() {
    assertThatThrownBy(() -> new DialFormat("0#", "00", "BR"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DialFormat("0", "", "BR"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DialFormat("0", "00", "XX"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DialFormat(null, "00", "BR")).hasMessage("dialPrefix == null");
  }
}
