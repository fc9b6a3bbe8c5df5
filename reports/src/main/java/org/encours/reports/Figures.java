package org.encours.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;

/**
 * How the report writes numbers: thousands separators, the currency, a real minus sign, "n/a" for a
 * missing value. The HTML and the PDF use these; the workbook keeps numbers as numbers and uses the
 * matching Excel formats ({@link #EXCEL_MONEY} ...).
 */
final class Figures {
  static final String CURRENCY = "EUR";
  static final String NA = "n/a";
  static final String MINUS = "-";
  static final String EXCEL_MONEY = "#,##0.00\\ \"EUR\";[Red]\\-#,##0.00\\ \"EUR\"";
  static final String EXCEL_COUNT = "#,##0;[Red]\\-#,##0";
  static final String EXCEL_DAYS = "#,##0.0;[Red]\\-#,##0.0";
  static final String EXCEL_PERCENT = "0.0%;[Red]\\-0.0%";
  static final String EXCEL_RATIO = "0.000";
  static final String EXCEL_DATE = "yyyy-mm-dd";

  private Figures() {}

  /** "EUR 1,234.50", "EUR −1,234.50"; {@code decimals} 0 or 2. */
  static String money(BigDecimal v, int decimals) {
    if (v == null) {
      return NA;
    }
    return CURRENCY
        + "\u00a0"
        + signed(
            String.format(
                Locale.ROOT,
                "%,." + decimals + "f",
                v.setScale(decimals, RoundingMode.HALF_UP).abs()),
            v.signum());
  }

  /** "1,234.50" without the currency (for columns whose header names it). */
  static String amount(BigDecimal v, int decimals) {
    if (v == null) {
      return NA;
    }
    return signed(
        String.format(
            Locale.ROOT, "%,." + decimals + "f", v.setScale(decimals, RoundingMode.HALF_UP).abs()),
        v.signum());
  }

  static String money(BigDecimal v) {
    return money(v, 2);
  }

  /** "1,234" with a minus sign when negative (ASCII, so that every PDF font has it). */
  static String count(long v) {
    return signed(String.format(Locale.ROOT, "%,d", Math.abs(v)), Long.signum(v));
  }

  /** "59.6" (days, indices). */
  static String decimal(Double v, int decimals) {
    if (v == null || v.isNaN()) {
      return NA;
    }
    return signed(
        String.format(Locale.ROOT, "%,." + decimals + "f", Math.abs(v)),
        (int) Math.signum(round(v, decimals)));
  }

  /** A share as a percentage: 0.117 gives "11.7 %". */
  static String percent(Double share, int decimals) {
    if (share == null || share.isNaN()) {
      return NA;
    }
    return decimal(share * 100, decimals) + "\u00a0%";
  }

  /** A change against last month: "+1.2", "−0.4", "0.0"; percentage points with {@code " pt"}. */
  static String change(Double now, Double before, int decimals, String unit) {
    if (now == null || before == null || now.isNaN() || before.isNaN()) {
      return NA;
    }
    double d = round(now - before, decimals);
    String body = String.format(Locale.ROOT, "%,." + decimals + "f", Math.abs(d));
    return (d > 0 ? "+" : d < 0 ? MINUS : "") + body + unit;
  }

  static String moneyChange(BigDecimal now, BigDecimal before) {
    if (now == null || before == null) {
      return NA;
    }
    BigDecimal d = now.subtract(before);
    return (d.signum() > 0 ? "+" : "") + money(d, 2);
  }

  static String date(LocalDate d) {
    return d == null ? NA : d.toString();
  }

  static boolean negative(BigDecimal v) {
    return v != null && v.signum() < 0;
  }

  private static String signed(String body, int signum) {
    return signum < 0 ? MINUS + body : body;
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
