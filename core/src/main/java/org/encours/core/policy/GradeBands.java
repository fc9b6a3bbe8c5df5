package org.encours.core.policy;

import java.io.Serializable;
import java.util.List;

/**
 * Letter grades cut on the calibrated probability (PD) of paying late: each component is a grade's
 * upper bound, inclusive. With the default bands {@code A 0.05, B 0.10, C 0.20, D 0.40, E 1.0}:
 * {@code gradeFor(0.0) = "A"}, {@code gradeFor(0.05) = "A"}, {@code gradeFor(0.0500001) = "B"},
 * {@code gradeFor(0.40) = "D"}, {@code gradeFor(1.0) = "E"}.
 *
 * <p>Bounds increase strictly from A to E and E's is 1.0, so every probability in [0, 1] has
 * exactly one grade; a probability outside [0, 1] or NaN is a programming error ({@link
 * IllegalArgumentException}).
 */
public record GradeBands(double upperA, double upperB, double upperC, double upperD, double upperE)
    implements Serializable {
  /** The grades, best first. */
  public static final List<String> GRADES = List.of("A", "B", "C", "D", "E");

  public GradeBands {
    double[] bounds = {upperA, upperB, upperC, upperD, upperE};
    for (int i = 0; i < bounds.length; i++) {
      if (!(bounds[i] > 0.0 && bounds[i] <= 1.0)) {
        throw new IllegalArgumentException(
            "grade " + GRADES.get(i) + " upper bound must be in (0, 1], got " + bounds[i]);
      }
      if (i > 0 && bounds[i] <= bounds[i - 1]) {
        throw new IllegalArgumentException(
            "grade "
                + GRADES.get(i)
                + " upper bound "
                + bounds[i]
                + " must be above "
                + GRADES.get(i - 1)
                + "'s "
                + bounds[i - 1]);
      }
    }
    if (upperE != 1.0) {
      throw new IllegalArgumentException("grade E upper bound must be 1.0, got " + upperE);
    }
  }

  /** The bands of the shipped default policy. */
  public static GradeBands defaults() {
    return Policy.defaults().grades();
  }

  /** The first grade whose upper bound is at or above {@code probability}. */
  public String gradeFor(double probability) {
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
    }
    if (probability <= upperA) {
      return "A";
    }
    if (probability <= upperB) {
      return "B";
    }
    if (probability <= upperC) {
      return "C";
    }
    return probability <= upperD ? "D" : "E";
  }

  /** A grade's upper bound. */
  public double upperBound(String grade) {
    return switch (grade) {
      case "A" -> upperA;
      case "B" -> upperB;
      case "C" -> upperC;
      case "D" -> upperD;
      case "E" -> upperE;
      default ->
          throw new IllegalArgumentException("unknown grade '" + grade + "': grades are A to E");
    };
  }
}
