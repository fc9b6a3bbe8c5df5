package org.encours.core.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.encours.core.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The half-year reference rates derived from the shipped table of ECB changes, against the default
 * penalty rates published in France for each half-year (rate + 10 points).
 */
class EcbRateTableTest {
  private static final LegalRules LEGAL = LegalRules.defaults();

  static Stream<Arguments> publishedRates() {
    return Stream.of(
        Arguments.of("2019-H1", "0.00"),
        Arguments.of("2019-H2", "0.00"),
        Arguments.of("2020-H1", "0.00"),
        Arguments.of("2020-H2", "0.00"),
        Arguments.of("2021-H1", "0.00"),
        Arguments.of("2021-H2", "0.00"),
        Arguments.of("2022-H1", "0.00"),
        Arguments.of("2022-H2", "0.00"), // 1 July 2022: the first hike only took effect on 27 July
        Arguments.of("2023-H1", "2.50"), // in force since 2022-12-21
        Arguments.of("2023-H2", "4.00"), // since 2023-06-21
        Arguments.of("2024-H1", "4.50"), // since 2023-09-20
        Arguments.of("2024-H2", "4.25"), // since 2024-06-12
        Arguments.of("2025-H1", "3.15"), // since 2024-12-18
        Arguments.of("2025-H2", "2.15"), // since 2025-06-11
        Arguments.of("2026-H1", "2.15"));
  }

  @ParameterizedTest(name = "{0}: ECB {1} %")
  @MethodSource("publishedRates")
  void eachHalfYearUsesTheRateInForceOnItsFirstDay(String half, String expected) {
    EcbRateTable.ReferenceRate rate = LEGAL.ecbRates().referenceRate(HalfYear.parseOrNull(half));

    assertThat(rate.ecbRatePercent()).isEqualByComparingTo(expected);
    assertThat(rate.confirmed()).isTrue();
  }

  @Test
  void theDefaultPenaltyRateIsEcbPlusTenPoints() {
    assertThat(LEGAL.defaultPenaltyRatePercent(new HalfYear(2024, 1)))
        .isEqualByComparingTo("14.50");
    assertThat(LEGAL.defaultPenaltyRatePercent(new HalfYear(2025, 2)))
        .isEqualByComparingTo("12.15");
  }

  @Test
  void aChangeTakesEffectOnItsOwnDate() {
    assertThat(LEGAL.ecbRates().rateInForceOn(LocalDate.parse("2022-07-26")))
        .isEqualByComparingTo("0.00");
    assertThat(LEGAL.ecbRates().rateInForceOn(LocalDate.parse("2022-07-27")))
        .isEqualByComparingTo("0.50");
  }

  @Test
  void aDateBeforeTheTableFailsWithAFix() {
    assertThatThrownBy(() -> LEGAL.ecbRates().rateInForceOn(LocalDate.parse("2010-01-01")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("ecb_main_refinancing_rate.changes")
        .hasMessageContaining("starts 2014-09-10");
  }
}
