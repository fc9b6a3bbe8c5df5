package org.encours.scoring.prospect;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.encours.core.prospect.ProspectFeatures;

/**
 * Point-in-time first-invoice rows, as pure {@code Dataset -> Dataset} functions.
 *
 * <p><b>Outcome of an invoice</b> (T = {@code lateDays}): its settlement date is the first day the
 * allocations dated on or before the as-of date (each taking effect on the later of its payment
 * date and the invoice's issue date) reach its amount. The invoice is <i>late</i> unless settled on
 * or before due + T; the outcome becomes <i>known</i> on its settlement date when on time, else on
 * due + T + 1 (on that day it is certain that it was not paid within T days: paid later, or never).
 * So "unpaid 120 days after due" is inside the label for any T below 120. An outcome counts for a
 * date D only when known strictly before D.
 */
final class FirstInvoiceOutcomes {
  static final String ALL = "all";
  static final List<String> DIMENSIONS = List.of("sector", "size_band", "country");

  private FirstInvoiceOutcomes() {}

  /**
   * Lower-cased, trimmed value, {@code (missing)} for null or blank: the same as {@link
   * ProspectFeatures#normalise}.
   */
  static Column normalised(String column) {
    return coalesce(nullif(lower(trim(col(column))), lit("")), lit(ProspectFeatures.MISSING));
  }

  /**
   * One row per invoice (documents of type invoice with a positive amount, issued on or before
   * {@code asOf}): invoice_id, customer_id, issue_date, due_date, amount, channel, settled_date
   * (null when not settled by asOf), known_date, late (0/1).
   */
  static Dataset<Row> outcomes(
      Dataset<Row> invoices, Dataset<Row> payments, LocalDate asOf, int lateDays) {
    Date cutoff = Date.valueOf(asOf);
    Dataset<Row> inv =
        invoices
            .filter(
                col("doc_type")
                    .equalTo("invoice")
                    .and(col("amount").gt(0))
                    .and(col("issue_date").leq(cutoff)))
            .select("invoice_id", "customer_id", "issue_date", "due_date", "amount", "channel");
    Dataset<Row> daily =
        payments
            .filter(col("payment_date").leq(cutoff))
            .join(inv.select("invoice_id", "issue_date"), "invoice_id")
            .withColumn("effective_date", greatest(col("payment_date"), col("issue_date")))
            .groupBy("invoice_id", "effective_date")
            .agg(sum("amount").as("paid"));
    WindowSpec running =
        Window.partitionBy("invoice_id")
            .orderBy("effective_date")
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> settled =
        daily
            .withColumn("paid_to_date", sum("paid").over(running))
            .join(inv.select("invoice_id", "amount"), "invoice_id")
            .filter(col("paid_to_date").geq(col("amount")))
            .groupBy("invoice_id")
            .agg(min("effective_date").as("settled_date"));
    Column deadline = date_add(col("due_date"), lateDays);
    Column onTime = col("settled_date").isNotNull().and(col("settled_date").leq(deadline));
    return inv.join(settled, scala(List.of("invoice_id")), "left")
        .withColumn("late", when(onTime, 0).otherwise(1))
        .withColumn(
            "known_date",
            when(onTime, col("settled_date")).otherwise(date_add(col("due_date"), lateDays + 1)));
  }

  /**
   * Each customer's first invoice (earliest issue date; the smallest invoice id among same-day
   * ones) with what was known before it: customer_id, invoice_id, first_date, due_date, amount,
   * terms_days (due - issue, clamped to 0..365), channel, country, sector, size_band (raw values),
   * created_date (null when after the first invoice: inconsistent), late, known_date.
   */
  static Dataset<Row> firstInvoices(Dataset<Row> outcomes, Dataset<Row> customers) {
    WindowSpec byCustomer =
        Window.partitionBy("customer_id").orderBy(col("issue_date"), col("invoice_id"));
    return outcomes
        .withColumn("rank", row_number().over(byCustomer))
        .filter(col("rank").equalTo(1))
        .join(
            customers.select("customer_id", "country", "sector", "size_band", "created_date"),
            scala(List.of("customer_id")),
            "left")
        .select(
            col("customer_id"),
            col("invoice_id"),
            col("issue_date").as("first_date"),
            col("due_date"),
            col("amount"),
            least(lit(365), greatest(lit(0), datediff(col("due_date"), col("issue_date"))))
                .as("terms_days"),
            col("channel"),
            col("country"),
            col("sector"),
            col("size_band"),
            when(col("created_date").leq(col("issue_date")), col("created_date"))
                .as("created_date"),
            col("late"),
            col("known_date"));
  }

  /**
   * Peer counts for points (customer_id, point_date, sector, size_band, country): for the whole
   * ledger ({@code global_*}) and for the point's sector, size band and country, the outcomes known
   * strictly before point_date, excluding the point's own customer. Columns: customer_id,
   * point_date, global_n, global_late, sector_n, sector_late, size_band_n, size_band_late,
   * country_n, country_late.
   *
   * <p>One sort per dimension: outcomes (known_date) and points (point_date) in one timeline per
   * group value, points ordered before outcomes of the same day, a running sum read at each point.
   * The point's own customer's outcomes known before point_date are subtracted afterwards.
   */
  static Dataset<Row> peerCounts(
      Dataset<Row> points, Dataset<Row> outcomes, Dataset<Row> customers) {
    Dataset<Row> known =
        outcomes
            .select("customer_id", "known_date", "late")
            .join(
                customers.select("customer_id", "sector", "size_band", "country"),
                scala(List.of("customer_id")),
                "left");
    Dataset<Row> result = points.select("customer_id", "point_date");
    for (String dim : List.of(ALL, "sector", "size_band", "country")) {
      Column value = dim.equals(ALL) ? lit(ALL) : normalised(dim);
      Dataset<Row> events =
          known.select(
              value.as("value"),
              col("known_date").as("at"),
              lit(1).as("kind"),
              lit(1L).as("n"),
              col("late").cast("long").as("bad"),
              lit(null).cast("string").as("customer_id"),
              lit(null).cast("date").as("point_date"));
      Dataset<Row> marks =
          points.select(
              value.as("value"),
              col("point_date").as("at"),
              lit(0).as("kind"),
              lit(0L).as("n"),
              lit(0L).as("bad"),
              col("customer_id"),
              col("point_date"));
      WindowSpec timeline =
          Window.partitionBy("value")
              .orderBy(col("at"), col("kind"))
              .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
      String prefix = dim.equals(ALL) ? "global" : dim;
      Dataset<Row> counts =
          events
              .unionByName(marks)
              .withColumn(prefix + "_n", sum("n").over(timeline))
              .withColumn(prefix + "_late", sum("bad").over(timeline))
              .filter(col("kind").equalTo(0))
              .select(
                  col("customer_id"), col("point_date"), col(prefix + "_n"), col(prefix + "_late"));
      result = result.join(counts, scala(List.of("customer_id", "point_date")), "left");
    }
    // The point's own outcomes known before its date (none for a first invoice; kept general).
    Dataset<Row> own =
        points
            .select("customer_id", "point_date")
            .join(outcomes.select("customer_id", "known_date", "late"), "customer_id")
            .filter(col("known_date").lt(col("point_date")))
            .groupBy("customer_id", "point_date")
            .agg(count(lit(1)).as("own_n"), sum(col("late").cast("long")).as("own_late"));
    result =
        result
            .join(own, scala(List.of("customer_id", "point_date")), "left")
            .na()
            .fill(0L, new String[] {"own_n", "own_late"});
    for (String prefix : List.of("global", "sector", "size_band", "country")) {
      result =
          result
              .withColumn(prefix + "_n", col(prefix + "_n").minus(col("own_n")))
              .withColumn(prefix + "_late", col(prefix + "_late").minus(col("own_late")));
    }
    return result.drop("own_n", "own_late");
  }

  /**
   * Peer counts known on or before {@code asOf}, per dimension value: dimension, value, n, late
   * (dimension "all" once).
   */
  static Dataset<Row> snapshot(Dataset<Row> outcomes, Dataset<Row> customers, LocalDate asOf) {
    Dataset<Row> known =
        outcomes
            .filter(col("known_date").leq(Date.valueOf(asOf)))
            .select("customer_id", "late")
            .join(
                customers.select("customer_id", "sector", "size_band", "country"),
                scala(List.of("customer_id")),
                "left");
    Dataset<Row> all =
        known
            .groupBy()
            .agg(count(lit(1)).as("n"), sum(col("late").cast("long")).as("late"))
            .select(lit(ALL).as("dimension"), lit(ALL).as("value"), col("n"), col("late"));
    for (String dim : DIMENSIONS) {
      all =
          all.unionByName(
              known
                  .groupBy(normalised(dim).as("value"))
                  .agg(count(lit(1)).as("n"), sum(col("late").cast("long")).as("late"))
                  .select(lit(dim).as("dimension"), col("value"), col("n"), col("late")));
    }
    return all;
  }

  /** Join columns as the Scala sequence Spark's join takes (Scala 2.12). */
  static scala.collection.Seq<String> scala(List<String> columns) {
    return scala.collection.JavaConverters.asScalaBufferConverter(columns).asScala().toSeq();
  }
}
