package org.encours.core.metrics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * DSO, standard (period) method: {@code AR(end) / S(period) x days(period)}, where the period is
 * the last N calendar months ending at the measurement date (Encours default N = 3) and
 * days(period) is its actual number of days (89 to 92 for three months).
 *
 * <p>Example: AR 9,100.00 at 2024-03-31, sales January-March 9,100.00, 91 days (2024 is a leap
 * year) gives 91.0 days.
 */
public final class StandardDso {
  /** Default length of the period, in months. */
  public static final int DEFAULT_PERIOD_MONTHS = 3;

  private StandardDso() {}

  /**
   * @param ar receivables open at the end of the period (net of credit balances)
   * @param periodSales credit sales of the period (invoices minus credit notes issued)
   * @param periodDays actual days of the period
   * @return days, or {@code null} when the period has no positive sales (undefined)
   */
  public static Double days(BigDecimal ar, BigDecimal periodSales, int periodDays) {
    if (ar == null || periodSales == null || periodSales.signum() <= 0) {
      return null;
    }
    return ar.multiply(BigDecimal.valueOf(periodDays))
        .divide(periodSales, MathContext.DECIMAL64)
        .doubleValue();
  }
}
