package org.encours.scoring;

/**
 * The points scale: a presentation of a probability of late payment (PD). Good:bad odds of 19:1 (PD
 * 0.05) give 600 points and every doubling of the odds adds 50 points (points to double the odds):
 * {@code points = 600 + 50 / ln 2 x ln(odds / 19)}, odds = (1 - PD) / PD. So PD 0.05 is 600 points,
 * odds 38:1 (PD 1/39) 650, odds 9.5:1 550.
 */
public record PointsScale(double basePoints, double baseOdds, double pointsToDouble)
    implements java.io.Serializable {
  /** Probabilities are kept in [1e-6, 1 - 1e-6] so that points stay finite (about 293 to 1,307). */
  static final double PD_FLOOR = 1e-6;

  public static PointsScale defaults() {
    return new PointsScale(600, 19, 50);
  }

  public double factor() {
    return pointsToDouble / Math.log(2);
  }

  public double offset() {
    return basePoints - factor() * Math.log(baseOdds);
  }

  public static double odds(double pd) {
    double p = Math.min(1 - PD_FLOOR, Math.max(PD_FLOOR, pd));
    return (1 - p) / p;
  }

  public double pointsForOdds(double odds) {
    return offset() + factor() * Math.log(odds);
  }

  public double points(double pd) {
    return pointsForOdds(odds(pd));
  }

  /** Points rounded to a whole number, the published figure. */
  public int roundedPoints(double pd) {
    return (int) Math.round(points(pd));
  }

  /** Points moved by a contribution to the log-odds of being late (positive: fewer points). */
  public double pointsForLogitChange(double logitChange) {
    return -factor() * logitChange;
  }
}
