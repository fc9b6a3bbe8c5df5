package org.encours.core.metrics;

/**
 * Average Days Delinquent: {@code DSO - BPDSO}, both computed with the same method (standard or
 * count-back) over the same period. Example: DSO 45.0, BPDSO 30.0 gives ADD 15.0.
 */
public final class AverageDaysDelinquent {
  private AverageDaysDelinquent() {}

  /** Null when either side is undefined. */
  public static Double days(Double dso, Double bestPossibleDso) {
    if (dso == null || bestPossibleDso == null) {
      return null;
    }
    return dso - bestPossibleDso;
  }
}
