package org.dialbridge.core.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Provider timestamps read leniently. Every expectation below is what the formatter alone answered
 * before the usual shapes got their own fast reading: both readings must agree, edge cases
 * included.
 */
class PayloadsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "EMPTY",
      value = {
        // the usual shapes (read by hand)
        "2012-11-14T16:28:31.536Z            | 2012-11-14T16:28:31.536Z",
        "2025-05-13 06:52:10                 | 2025-05-13T06:52:10Z",
        "2025-05-13T06:00:02.1-03:00         | 2025-05-13T09:00:02.100Z",
        "2025-05-13T06:00:02.123456789+05:30 | 2025-05-13T00:30:02.123456789Z",
        "2025-05-13T06:00:02-00:00           | 2025-05-13T06:00:02Z",
        // the rarer ones (left to the formatter)
        "2021-01-06T18:07:10.888+0000        | 2021-01-06T18:07:10.888Z",
        "2012-11-14T13:28:31-03              | 2012-11-14T16:28:31Z",
        "2025-05-13t06:00z                   | 2025-05-13T06:00:00Z",
        "2025-05-13T06:00:02.Z               | 2025-05-13T06:00:02Z",
        "2025-02-30T10:00:00Z                | 2025-02-28T10:00:00Z",
        "2025-05-13T24:00:00Z                | 2025-05-14T00:00:00Z",
        "+12025-05-13T06:00:02Z              | +12025-05-13T06:00:02Z",
        // unreadable: the caller falls back to the time of receipt
        "2023-48-13 06:48:51                 | EMPTY",
        "2025-05-13T06:00:02+05:75           | EMPTY",
        "2025-05-13T06:00:02+19:00           | EMPTY",
        "2025-05-13T06:00:02.1234567891Z     | EMPTY",
        "2025-05-13T06:00:60Z                | EMPTY",
        "yesterday                           | EMPTY",
      })
  void lenientInstantReadsWhatTheProvidersSend(String text, String expected) {
    assertThat(Payloads.lenientInstant(text))
        .isEqualTo(Optional.ofNullable(expected).map(Instant::parse));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {"'  2025-05-13 06:52:10  '"})
  void surroundingBlanksAreIgnored(String text) {
    assertThat(Payloads.lenientInstant(text)).contains(Instant.parse("2025-05-13T06:52:10Z"));
  }
}
