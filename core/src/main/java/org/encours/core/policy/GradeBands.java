package org.encours.core.policy;

import java.util.List;

/**
 * Letter grades cut on the calibrated probability of late payment (PD): A best .. E worst, each
 * band an exclusive upper bound on the PD. Minimal stand-in written on the scoring branch; the policy
 * branch owns the real class (bands read from the policy file).
 *
 * <p>Defaults: A below 0.05, B below 0.10, C below 0.20, D below 0.40, E otherwise. For example
 * {@code defaults().gradeFor(0.05)} is {@code "B"}.
 */
public final class GradeBands {
  private static final List<String> GRADES = List.of("A", "B", "C", "D", "E");
  private final double[] upperBounds;

  private GradeBands(double[] upperBounds) {
    this.upperBounds = upperBounds.clone();
  }

  public static GradeBands defaults() {
    return new GradeBands(new double[] {0.05, 0.10, 0.20, 0.40});
  }

  /** The grade of a calibrated probability in [0, 1]. */
  public String gradeFor(double probability) {
    if (Double.isNaN(probability)) {
      throw new IllegalArgumentException("probability is NaN: a grade needs a calibrated probability in [0, 1]");
    }
    for (int i = 0; i < upperBounds.length; i++) {
      if (probability < upperBounds[i]) {
        return GRADES.get(i);
      }
    }
    return GRADES.get(GRADES.size() - 1);
  }
}
