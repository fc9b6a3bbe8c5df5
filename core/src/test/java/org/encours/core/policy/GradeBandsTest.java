package org.encours.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Default bands A 0.05, B 0.10, C 0.20, D 0.40, E 1.0; each an inclusive upper bound. */
class GradeBandsTest {
  private static final GradeBands BANDS = GradeBands.defaults();

  @ParameterizedTest(name = "PD {0} is grade {1}")
  @CsvSource({
    "0.0, A",
    "0.05, A", // on A's upper bound: still A
    "0.0500001, B", // just above it: B
    "0.10, B",
    "0.1000001, C",
    "0.20, C",
    "0.40, D",
    "0.4000001, E",
    "1.0, E"
  })
  void eachUpperBoundBelongsToItsOwnGrade(double probability, String grade) {
    assertThat(BANDS.gradeFor(probability)).isEqualTo(grade);
  }

  @Test
  void theSmallestDoubleAboveABoundIsTheNextGrade() {
    assertThat(BANDS.gradeFor(Math.nextUp(0.05))).isEqualTo("B");
  }

  @Test
  void defaultsAreTheDefaultPolicyBands() {
    assertThat(BANDS).isEqualTo(new GradeBands(0.05, 0.10, 0.20, 0.40, 1.0));
    assertThat(Policy.defaults().grades()).isSameAs(BANDS);
    assertThat(BANDS.upperBound("C")).isEqualTo(0.20);
  }

  @Test
  void aProbabilityOutside01IsAProgrammingError() {
    assertThatThrownBy(() -> BANDS.gradeFor(-0.01)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BANDS.gradeFor(1.01)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BANDS.gradeFor(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bandsMustIncreaseAndEndAtOne() {
    assertThatThrownBy(() -> new GradeBands(0.05, 0.05, 0.2, 0.4, 1.0))
        .hasMessageContaining("grade B");
    assertThatThrownBy(() -> new GradeBands(0.05, 0.1, 0.2, 0.4, 0.9))
        .hasMessageContaining("grade E");
  }
}
