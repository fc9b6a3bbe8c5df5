package org.encours.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Command-line values: a bad one is named with its option and the form expected. */
class EncoursErrorsTest {
  @Test
  void aDateOptionAcceptsIsoDatesWithSurroundingBlanks() {
    assertThat(EncoursErrors.parseDate("--as-of", " 2026-10-31 "))
        .isEqualTo(LocalDate.of(2026, 10, 31));
    assertThat(EncoursErrors.parseDate("--as-of", "2024-02-29"))
        .isEqualTo(LocalDate.of(2024, 2, 29));
  }

  @Test
  void aBadDateNamesTheOptionAndTheExpectedForm() {
    assertThatThrownBy(() -> EncoursErrors.parseDate("--as-of", "2026-02-30"))
        .isInstanceOf(UserFacingException.class)
        .hasMessage(
            "Invalid value '2026-02-30' for --as-of: expected a date YYYY-MM-DD, e.g. 2026-10-31.");
    assertThatThrownBy(() -> EncoursErrors.parseDate("--cutoff", "31/10/2026"))
        .hasMessageStartingWith("Invalid value '31/10/2026' for --cutoff:");
  }
}
