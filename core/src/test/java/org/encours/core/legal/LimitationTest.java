package org.encours.core.legal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** L110-4: 5 years from the due date, warning 6 months before (shipped defaults). */
class LimitationTest {
  private static final Limitation LIMITATION = LegalRules.defaults().limitation();

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void fiveYearsFromTheDueDateWithASixMonthWarning() {
    // due 2024-03-15 -> last day 2029-03-15; warning from 2029-03-15 - 6 months = 2028-09-15
    assertThat(LIMITATION.limitationDate(d("2024-03-15"))).isEqualTo(d("2029-03-15"));
    assertThat(LIMITATION.check(d("2024-03-15"), d("2028-09-14")).status())
        .isEqualTo(LimitationStatus.OK);
    LimitationCheck firstWarningDay = LIMITATION.check(d("2024-03-15"), d("2028-09-15"));
    assertThat(firstWarningDay.status()).isEqualTo(LimitationStatus.WARN);
    assertThat(firstWarningDay.warnFrom()).isEqualTo(d("2028-09-15"));
    LimitationCheck lastDay = LIMITATION.check(d("2024-03-15"), d("2029-03-15"));
    assertThat(lastDay.status()).isEqualTo(LimitationStatus.WARN);
    assertThat(lastDay.daysLeft()).isZero();
    assertThat(LIMITATION.check(d("2024-03-15"), d("2029-03-16")).status())
        .isEqualTo(LimitationStatus.EXPIRED);
  }

  @Test
  void a29FebruaryDueDateEndsOn28February() {
    // 2029 has no 29 February: the period ends on the month's last day, 2029-02-28;
    // warning from 2029-02-28 - 6 months = 2028-08-28
    LimitationCheck check = LIMITATION.check(d("2024-02-29"), d("2028-08-28"));

    assertThat(check.limitationDate()).isEqualTo(d("2029-02-28"));
    assertThat(check.warnFrom()).isEqualTo(d("2028-08-28"));
    assertThat(check.status()).isEqualTo(LimitationStatus.WARN);
    assertThat(LIMITATION.check(d("2024-02-29"), d("2029-03-01")).status())
        .isEqualTo(LimitationStatus.EXPIRED);
  }

  @Test
  void a2030LimitationDateAndTheInterruptionCaveat() {
    // due 2025-06-30 -> 2030-06-30, warning from 2029-12-30; one day after: expired, -1 day left
    LimitationCheck expired = LIMITATION.check(d("2025-06-30"), d("2030-07-01"));

    assertThat(expired.limitationDate()).isEqualTo(d("2030-06-30"));
    assertThat(expired.warnFrom()).isEqualTo(d("2029-12-30"));
    assertThat(expired.status()).isEqualTo(LimitationStatus.EXPIRED);
    assertThat(expired.daysLeft()).isEqualTo(-1);
    assertThat(expired.note()).contains("acknowledgment").contains("does not see");
    assertThat(LIMITATION.check(d("2025-06-30"), d("2029-12-29")).status())
        .isEqualTo(LimitationStatus.OK);
  }
}
