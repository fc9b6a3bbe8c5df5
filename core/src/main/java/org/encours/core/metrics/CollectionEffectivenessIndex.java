package org.encours.core.metrics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Collection Effectiveness Index over a period of N months, in percent:
 *
 * <pre>
 *   (AR(begin) + S' - AR(end)) / (AR(begin) + S' - current AR(end)) x 100
 * </pre>
 *
 * where AR(begin) is the receivables at the end of the month before the period, S the credit sales
 * of the period, and S' depends on the {@link Variant}: the whole {@code S} (the Encours default)
 * or {@code S / N} (monthly average sales, CreditGuru's formula for a period of N months). The
 * default period is one month, where both variants coincide: the monthly CEI most references mean,
 * within 0-100 % unless credit balances exceed the overdue AR (above 100 %) or refunds exceed the
 * cash collected (below 0 %).
 *
 * <p>Worked example (CreditGuru): AR(begin) 6,200, S 10,890 over N = 3 months, AR(end) 6,340,
 * current AR(end) 3,590. Monthly average: (6,200 + 3,630 - 6,340) / (6,200 + 3,630 - 3,590) = 3,490
 * / 6,240 = 55.93 %. Whole S: (6,200 + 10,890 - 6,340) / (6,200 + 10,890 - 3,590) = 10,750 / 13,500
 * = 79.63 %. With N = 1 both variants coincide.
 */
public final class CollectionEffectivenessIndex {

  /** Which sales figure enters the formula. */
  public enum Variant {
    /**
     * S / N: the period's average monthly sales (over N months it can leave 0-100 % whenever AR
     * moves more than a month's sales).
     */
    MONTHLY_AVERAGE_SALES,
    /** The whole period's sales S. The default. */
    WHOLE_PERIOD_SALES;

    /** The variant Encours reports as {@code cei}. */
    public static final Variant DEFAULT = WHOLE_PERIOD_SALES;
  }

  /** Default period, in months: the monthly CEI. */
  public static final int DEFAULT_PERIOD_MONTHS = 1;

  private CollectionEffectivenessIndex() {}

  /**
   * @return the index in percent, or {@code null} when the denominator is zero
   */
  public static Double percent(
      Variant variant,
      BigDecimal arBegin,
      BigDecimal periodSales,
      int months,
      BigDecimal arEnd,
      BigDecimal currentArEnd) {
    if (arBegin == null
        || periodSales == null
        || arEnd == null
        || currentArEnd == null
        || months <= 0) {
      return null;
    }
    BigDecimal sales =
        variant == Variant.WHOLE_PERIOD_SALES
            ? periodSales
            : periodSales.divide(BigDecimal.valueOf(months), MathContext.DECIMAL128);
    BigDecimal available = arBegin.add(sales);
    BigDecimal denominator = available.subtract(currentArEnd);
    if (denominator.signum() == 0) {
      return null;
    }
    return available
        .subtract(arEnd)
        .multiply(BigDecimal.valueOf(100))
        .divide(denominator, MathContext.DECIMAL64)
        .doubleValue();
  }
}
