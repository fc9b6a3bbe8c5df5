package org.encours.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amounts in reasons: grouped thousands, cents only when there are some, rounded half up. */
class WordsTest {

  @ParameterizedTest(name = "{0} reads \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "0          | EUR 0",
        "0.004      | EUR 0", // rounds to zero cents
        "0.005      | EUR 0.01", // half up
        "0.5        | EUR 0.50",
        "40         | EUR 40",
        "40.00      | EUR 40",
        "999.999    | EUR 1,000", // the rounding carries into a new group
        "1234.5     | EUR 1,234.50",
        "10000      | EUR 10,000",
        "123456.78  | EUR 123,456.78",
        "1000000.01 | EUR 1,000,000.01",
        "-40        | EUR -40",
        "-0.005     | EUR -0.01", // half up is away from zero
        "-1234.56   | EUR -1,234.56"
      })
  void anAmountInWords(String amount, String words) {
    assertThat(Words.eur(new BigDecimal(amount))).isEqualTo(words);
  }

  @Test
  void writesWhatTheEnglishFormatWithGroupingWritesWithoutItsZeroCents() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      BigDecimal amount =
          BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, random.nextInt(5));
      String formatted =
          String.format(Locale.ENGLISH, "%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
      String expected =
          "EUR "
              + (formatted.endsWith(".00")
                  ? formatted.substring(0, formatted.length() - 3)
                  : formatted);
      assertThat(Words.eur(amount)).as("%s", amount).isEqualTo(expected);
    }
  }
}
