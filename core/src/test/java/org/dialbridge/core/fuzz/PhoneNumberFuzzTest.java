package org.dialbridge.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dialbridge.core.error.InvalidNumberException;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.PhoneNumbers;

/**
 * Whatever an agent or a webhook types, the number reader answers a destination or the declared
 * error.
 */
class PhoneNumberFuzzTest {
  private static final PhoneNumbers BRAZIL = new PhoneNumbers("BR");

  @Property(tries = 10_000)
  void anyTextGivesADestinationOrInvalidNumber(@ForAll("numbers") String raw) {
    try {
      Destination d = BRAZIL.parse(raw);
      if (d.isExtension()) {
        assertThat(d.e164()).matches("\\d{2,6}");
      } else {
        assertThat(d.e164()).matches("\\+\\d{6,16}");
        assertThat(BRAZIL.parse(d.e164()))
            .isEqualTo(
                new Destination(
                    d.e164(), d.type(), d.countryCode(), d.nationalNumber(), d.region(), null));
      }
    } catch (InvalidNumberException expected) {
      assertThat(expected.reason()).isNotNull();
      assertThat(expected.getMessage()).contains(expected.reason().sentence());
    }
  }

  @Provide
  Arbitrary<String> numbers() {
    Arbitrary<Character> chars =
        Arbitraries.of(
            '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', ' ', '-', '.', '(', ')', '/',
            'x', '#', '*', 'a', 'Z', '\u00A0', '\u0661', '\uFF11', ';', ',', 'e');
    Arbitrary<String> typed =
        chars
            .list()
            .ofMaxSize(40)
            .map(
                list -> {
                  StringBuilder sb = new StringBuilder();
                  list.forEach(sb::append);
                  return sb.toString();
                });
    Arbitrary<String> plausible =
        Arbitraries.of("+55 11 9", "(11) 9", "0", "+1 415 ", "+51 1 ", "00", "+44 (0)20 ")
            .flatMap(
                prefix ->
                    Arbitraries.strings()
                        .numeric()
                        .ofMinLength(0)
                        .ofMaxLength(14)
                        .map(d -> prefix + d));
    return Arbitraries.oneOf(typed, plausible, Arbitraries.strings().ofMaxLength(80));
  }
}
