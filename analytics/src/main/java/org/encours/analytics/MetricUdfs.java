package org.encours.analytics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.encours.core.metrics.CollectionEffectivenessIndex;
import org.encours.core.metrics.CountBackDso;
import org.encours.core.metrics.StandardDso;
import scala.collection.Seq;

/**
 * The {@code org.encours.core.metrics} formulas as Spark UDFs, so that Spark, the API and the
 * reports share one definition. Named static classes: nothing from the driver is captured.
 */
final class MetricUdfs {
  private MetricUdfs() {}

  static UserDefinedFunction standardDso() {
    return functions.udf(new StandardDsoUdf(), DataTypes.DoubleType);
  }

  static UserDefinedFunction countBackDso() {
    return functions.udf(new CountBackUdf(), DataTypes.DoubleType);
  }

  static UserDefinedFunction cei(CollectionEffectivenessIndex.Variant variant) {
    return functions.udf(new CeiUdf(variant), DataTypes.DoubleType);
  }

  static LocalDate toLocalDate(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    return ((Date) value).toLocalDate();
  }

  /** (ar, period_sales, period_days) to standard DSO. */
  static final class StandardDsoUdf implements UDF3<BigDecimal, BigDecimal, Integer, Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public Double call(BigDecimal ar, BigDecimal sales, Integer days) {
      return days == null ? null : StandardDso.days(ar, sales, days);
    }
  }

  /**
   * (ar, monthly sales oldest first ending with the current month, month end of the current month)
   * to count-back DSO; the months' days are derived from the month end.
   */
  static final class CountBackUdf implements UDF3<BigDecimal, Seq<BigDecimal>, Object, Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public Double call(BigDecimal ar, Seq<BigDecimal> salesOldestFirst, Object monthEnd) {
      if (ar == null || salesOldestFirst == null || monthEnd == null) {
        return null;
      }
      int n = salesOldestFirst.length();
      BigDecimal[] sales = new BigDecimal[n];
      int[] days = new int[n];
      YearMonth current = YearMonth.from(toLocalDate(monthEnd));
      for (int i = 0; i < n; i++) {
        sales[i] = salesOldestFirst.apply(i);
        days[i] = current.minusMonths(n - 1 - i).lengthOfMonth();
      }
      return CountBackDso.days(ar, sales, days, n);
    }
  }

  /** (ar_begin, period_sales, months, ar_end, current_ar_end) to CEI in percent. */
  static final class CeiUdf
      implements UDF5<BigDecimal, BigDecimal, Integer, BigDecimal, BigDecimal, Double> {
    private static final long serialVersionUID = 1L;
    private final CollectionEffectivenessIndex.Variant variant;

    CeiUdf(CollectionEffectivenessIndex.Variant variant) {
      this.variant = variant;
    }

    @Override
    public Double call(
        BigDecimal arBegin,
        BigDecimal sales,
        Integer months,
        BigDecimal arEnd,
        BigDecimal currentArEnd) {
      return months == null
          ? null
          : CollectionEffectivenessIndex.percent(
              variant, arBegin, sales, months, arEnd, currentArEnd);
    }
  }
}
