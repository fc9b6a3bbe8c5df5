package org.encours.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentTermsTest {

  @ParameterizedTest(name = "{0} issued {1} is due {2}")
  @CsvSource({
    // EOM45: + 45 days, then to the end of that month
    "EOM45, 2024-01-17, 2024-03-31", // 2024-03-02 -> end of March
    "EOM45, 2023-12-20, 2024-02-29", // 2024-02-03 -> end of February, leap year
    "EOM45, 2025-01-15, 2025-03-31", // 2025-03-01 -> end of March
    "EOM45, 2025-01-14, 2025-02-28", // 2025-02-28 is already the month end
    "EOM45, 2024-11-16, 2024-12-31",
    // NET30 and NET60 count calendar days
    "NET30, 2024-01-31, 2024-03-01", // through 29 February
    "NET30, 2023-01-31, 2023-03-02",
    "NET60, 2024-11-15, 2025-01-14",
  })
  void dueDateFollowsTheTerms(PaymentTerms terms, LocalDate issue, LocalDate due) {
    assertThat(terms.dueDate(issue)).isEqualTo(due);
    assertThat(terms.dueDay((int) issue.toEpochDay())).isEqualTo(due.toEpochDay());
  }

  @ParameterizedTest(name = "{0} is {1} days")
  @CsvSource({"NET30, 30", "EOM45, 45", "NET60, 60"})
  void termsCarryTheirDaysForCustomers(String code, int days) {
    assertThat(PaymentTerms.byCode(code).days()).isEqualTo(days);
  }
}
