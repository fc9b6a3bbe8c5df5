package org.encours.core.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * DSO, count-back method: start from AR at the end of the current month and walk the months
 * backwards, newest first; while the remaining AR is at least the month's sales, subtract them and
 * add the month's days; then add {@code remaining / S(month) x days(month)} for the month that
 * absorbs the rest.
 *
 * <p>Example: AR 250 at 2024-03-31 with sales March 100, February 100, January 200: March absorbs
 * 100 (31 days, 150 left), February 100 (29 days, 50 left), January takes 50 / 200 x 31 = 7.75
 * days: 31 + 29 + 7.75 = 67.75 days.
 *
 * <p>Conventions: AR of zero or less (nothing owed, or credits exceeding receivables) gives 0 days;
 * when the whole history is walked and AR is still not absorbed the figure is undefined ({@code
 * null}), which happens only when allocations are negative overall. A month with zero or negative
 * net sales is absorbed whole (its days are added and its net credit added back to the remaining
 * AR).
 */
public final class CountBackDso {
  private CountBackDso() {}

  /** One calendar month of credit sales, for callers outside Spark. */
  public record MonthSales(BigDecimal sales, int days) {}

  /**
   * @param ar receivables open at the end of the newest month
   * @param newestFirst the months' sales, newest (the month ending at the measurement date) first
   */
  public static Double days(BigDecimal ar, List<MonthSales> newestFirst) {
    BigDecimal[] sales = new BigDecimal[newestFirst.size()];
    int[] days = new int[newestFirst.size()];
    for (int i = 0; i < sales.length; i++) {
      // the array form is oldest first
      MonthSales m = newestFirst.get(sales.length - 1 - i);
      sales[i] = m.sales();
      days[i] = m.days();
    }
    return days(ar, sales, days, sales.length);
  }

  /**
   * Array form, used by the Spark jobs: {@code sales[0..count)} and {@code days[0..count)} are in
   * calendar order, oldest first; the walk starts at index {@code count - 1}.
   */
  public static Double days(BigDecimal ar, BigDecimal[] sales, int[] days, int count) {
    if (ar == null) {
      return null;
    }
    if (ar.signum() <= 0) {
      return 0.0;
    }
    BigDecimal remaining = ar;
    long wholeDays = 0;
    for (int i = count - 1; i >= 0; i--) {
      BigDecimal s = sales[i] == null ? BigDecimal.ZERO : sales[i];
      if (remaining.compareTo(s) >= 0) {
        remaining = remaining.subtract(s);
        wholeDays += days[i];
        if (remaining.signum() == 0) {
          return (double) wholeDays;
        }
      } else {
        // here 0 < remaining < s, so s > 0
        double part =
            remaining
                .multiply(BigDecimal.valueOf(days[i]))
                .divide(s, MathContext.DECIMAL64)
                .doubleValue();
        return wholeDays + part;
      }
    }
    return null;
  }
}
