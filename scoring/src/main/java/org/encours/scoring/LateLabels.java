package org.encours.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Column;

/**
 * The label rules, with censoring at a training cutoff C.
 *
 * <p>An invoice is <b>settled</b> on the first date its allocations (effective dates) reach its
 * amount; <b>days late</b> = max(0, settled - due), so an invoice paid on its due date is on time.
 * "Paid more than T days late" is known at C when
 *
 * <ul>
 *   <li>it was settled on or before C: the label is days late &gt; T; or
 *   <li>it is still open at the end of C and C &gt;= due + T: it will be paid on C + 1 at the
 *       earliest, that is at least T + 1 days late, so the label is true;
 * </ul>
 *
 * otherwise (open at C with C &lt; due + T) the label is unknown and the row is dropped. "Unpaid
 * 120 days after due" is the same rule with T = 120.
 */
public final class LateLabels {
  private LateLabels() {}

  /** The label as a plain value: true, false, or null when not known at the cutoff. */
  public static Boolean lateBeyond(LocalDate due, LocalDate settled, LocalDate cutoff, int t) {
    if (settled != null && !settled.isAfter(cutoff)) {
      return daysLate(due, settled) > t;
    }
    return !cutoff.isBefore(due.plusDays(t)) ? Boolean.TRUE : null;
  }

  public static int daysLate(LocalDate due, LocalDate settled) {
    return (int) Math.max(0, ChronoUnit.DAYS.between(due, settled));
  }

  /** The same rule on columns {@code due_date} and {@code settled_date}. */
  static Column lateBeyond(LocalDate cutoff, int t) {
    Column c = lit(Date.valueOf(cutoff));
    Column settledByCutoff = col("settled_date").isNotNull().and(col("settled_date").leq(c));
    return when(settledByCutoff, daysLate().gt(t))
        .when(c.geq(date_add(col("due_date"), t)), lit(true))
        .otherwise(lit(null).cast("boolean"));
  }

  /** max(0, settled - due) in days; null when not settled. */
  static Column daysLate() {
    return greatest(lit(0), datediff(col("settled_date"), col("due_date")));
  }

  /**
   * Days from issue to settlement plus one (at least 1, for the survival model) and whether it was
   * observed by the cutoff; an invoice open at the end of C is censored at C + 1 - issue + 1.
   */
  static Column timeToPay(LocalDate cutoff) {
    Column c = lit(Date.valueOf(cutoff));
    return when(
            col("settled_date").isNotNull().and(col("settled_date").leq(c)),
            datediff(col("settled_date"), col("issue_date")).plus(1))
        .otherwise(datediff(c, col("issue_date")).plus(2))
        .cast("double");
  }

  static Column observed(LocalDate cutoff) {
    Column c = lit(Date.valueOf(cutoff));
    return when(col("settled_date").isNotNull().and(col("settled_date").leq(c)), lit(1.0))
        .otherwise(lit(0.0));
  }
}
