package org.encours.core.metrics;

import java.math.BigDecimal;
import java.util.List;

/**
 * Best Possible DSO (BPDSO): the DSO formula applied to the current (not yet due) receivables only.
 * It exists for both DSO methods, so that {@link AverageDaysDelinquent} subtracts like from like.
 */
public final class BestPossibleDso {
  private BestPossibleDso() {}

  /** {@code current AR / S(period) x days(period)}; null when the period has no positive sales. */
  public static Double standard(BigDecimal currentAr, BigDecimal periodSales, int periodDays) {
    return StandardDso.days(currentAr, periodSales, periodDays);
  }

  /** The count-back walk applied to current AR. */
  public static Double countBack(BigDecimal currentAr, List<CountBackDso.MonthSales> newestFirst) {
    return CountBackDso.days(currentAr, newestFirst);
  }
}
