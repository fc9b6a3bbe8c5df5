package org.encours.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.encours.analytics.PaymentBehaviourFeatures;

/**
 * The point-in-time feature rows and labels of the late-payment models.
 *
 * <p>A <b>point</b> is an invoice (real, or the typical next invoice of a customer) with the date
 * its features are taken at: {@code as_of_date}, the day before the invoice's issue date for
 * training. Every feature comes from events dated on or before {@code as_of_date}: the customer's
 * payment behaviour ({@link PaymentBehaviourFeatures}, the same code as {@code encours analytics}),
 * how many of its last 5 settled invoices were late, its usual invoice amount; and from what the
 * invoice says on its issue date (amount, terms, month, channel) and the customer's attributes
 * (sector, size band, country, age). A dispute, a payment, a reminder or another invoice dated
 * after {@code as_of_date} cannot change a row; a dispute without a date is left out of the
 * training rows ({@link #withDatedDisputesOnly}). The current credit limit is left out on purpose:
 * the canonical tables keep no history of limits, so it would leak today's decision into the past.
 */
public final class TrainingSet {
  private TrainingSet() {}

  /** Model inputs as numbers (nulls filled; see {@link #modelColumns}). */
  public static final List<String> NUMERIC_FEATURES =
      List.of(
          "log_amount",
          "amount_to_usual",
          "terms_days",
          "is_paper",
          "first_invoice",
          "customer_age_days",
          "invoices_issued",
          "invoices_paid",
          "no_paid_history",
          "paid_late_share",
          "late0_last5",
          "late30_last5",
          "settled_last5",
          "days_late_mean",
          "days_late_median",
          "days_late_p90",
          "days_late_max",
          "days_late_mean_by_amount",
          "dbt_paid",
          "dbt_open",
          "paid_3m",
          "late_share_3m",
          "paid_12m",
          "late_share_12m",
          "late_share_trend",
          "avg_days_to_pay",
          "open_items",
          "log_open_exposure",
          "overdue_items",
          "log_overdue_exposure",
          "disputed_invoices",
          "log_disputed_open_amount",
          "dunning_stage_rank",
          "partial_payment_share",
          "days_since_last_payment");

  /** Categorical model inputs (one-hot encoded; unseen values go to an extra slot). */
  public static final List<String> CATEGORICAL_FEATURES =
      List.of("sector", "size_band", "country", "issue_month");

  /** Features watched for drift besides the score. */
  public static final List<String> DRIFT_FEATURES =
      List.of(
          "log_amount",
          "terms_days",
          "paid_late_share",
          "late30_last5",
          "days_late_mean",
          "log_overdue_exposure",
          "dunning_stage_rank",
          "invoices_issued");

  /** Days since the last payment are capped here, and a customer who never paid gets this value. */
  static final int NO_PAYMENT_DAYS = 730;

  /** Documents that are scored: {@code doc_type = 'invoice'} with a positive amount. */
  public static Dataset<Row> scoredInvoices(Dataset<Row> invoices) {
    return invoices.filter(col("doc_type").equalTo("invoice").and(col("amount").gt(0)));
  }

  /**
   * One point per invoice, as of the day before its issue date. Columns: point_id (the invoice id),
   * customer_id, as_of_date, reference_date (the issue date), amount, terms_days, channel.
   */
  public static Dataset<Row> invoicePoints(Dataset<Row> invoices) {
    return scoredInvoices(invoices)
        .select(
            col("invoice_id").as("point_id"),
            col("customer_id"),
            date_sub(col("issue_date"), 1).as("as_of_date"),
            col("issue_date").as("reference_date"),
            col("amount"),
            datediff(col("due_date"), col("issue_date")).as("terms_days"),
            col("channel"));
  }

  /**
   * Invoices with the date they were settled: the first effective date on which their allocations
   * reach the amount (null while open). Columns: invoice_id, customer_id, issue_date, due_date,
   * amount, settled_date.
   */
  public static Dataset<Row> settlements(Dataset<Row> invoices, Dataset<Row> allocations) {
    Dataset<Row> docs =
        scoredInvoices(invoices)
            .select("invoice_id", "customer_id", "issue_date", "due_date", "amount");
    Dataset<Row> daily =
        allocations
            .groupBy(col("invoice_id"), col("effective_date"))
            .agg(sum("amount").as("day_amount"));
    WindowSpec byDate =
        Window.partitionBy("invoice_id")
            .orderBy("effective_date")
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> running = daily.withColumn("paid_to_date", sum("day_amount").over(byDate));
    Dataset<Row> settled =
        running
            .join(docs.select("invoice_id", "amount"), "invoice_id")
            .groupBy("invoice_id")
            .agg(
                min(when(col("paid_to_date").geq(col("amount")), col("effective_date")))
                    .as("settled_date"));
    return docs.join(settled, new String[] {"invoice_id"}, "left");
  }

  /**
   * The feature rows of the points: the points' own columns, the behaviour features as of each
   * point (with the last five settled and the prior invoices, {@link
   * PaymentBehaviourFeatures#MODEL_HISTORY_SCHEMA}), the customer's attributes, and the model
   * columns ({@link #NUMERIC_FEATURES}, {@link #CATEGORICAL_FEATURES}).
   */
  public static Dataset<Row> features(
      Dataset<Row> invoices,
      Dataset<Row> allocations,
      Dataset<Row> customers,
      Dataset<Row> dunning,
      Dataset<Row> points) {
    return featuresWith(
        customers, points, behaviour(invoices, allocations, customers, dunning, points));
  }

  /**
   * The payment behaviour ({@link PaymentBehaviourFeatures#compute}) at every (customer_id,
   * as_of_date) of the points.
   */
  public static Dataset<Row> behaviour(
      Dataset<Row> invoices,
      Dataset<Row> allocations,
      Dataset<Row> customers,
      Dataset<Row> dunning,
      Dataset<Row> points) {
    return PaymentBehaviourFeatures.compute(
        invoices,
        allocations,
        customers,
        dunning,
        points.select("customer_id", "as_of_date").distinct());
  }

  /**
   * As {@link #features(Dataset, Dataset, Dataset, Dataset, Dataset)}, with the points' payment
   * behaviour ({@link #behaviour}) already computed.
   */
  public static Dataset<Row> featuresWith(
      Dataset<Row> customers, Dataset<Row> points, Dataset<Row> behaviourOfPoints) {
    Dataset<Row> behaviour = behaviourOfPoints.drop("credit_limit", "exposure_to_limit");
    Dataset<Row> attributes =
        customers.select(
            col("customer_id"),
            col("sector"),
            col("size_band"),
            col("country"),
            col("created_date"));
    Dataset<Row> rows =
        points
            .join(behaviour, new String[] {"customer_id", "as_of_date"}, "left")
            .join(attributes, new String[] {"customer_id"}, "left");
    return modelColumns(rows);
  }

  /** Fills and derives the model columns from the joined rows. */
  static Dataset<Row> modelColumns(Dataset<Row> rows) {
    Column priorInvoices = coalesce(col("prior_invoices"), lit(0));
    Column usual = col("prior_amount").cast("double").divide(priorInvoices.cast("double"));
    Dataset<Row> out =
        rows.withColumn("log_amount", log1p(greatest(col("amount").cast("double"), lit(0.0))))
            .withColumn(
                "amount_to_usual",
                when(
                        priorInvoices.gt(0).and(usual.gt(0)),
                        col("amount").cast("double").divide(usual))
                    .otherwise(1.0))
            .withColumn("terms_days", col("terms_days").cast("double"))
            .withColumn("is_paper", when(col("channel").equalTo("paper"), 1.0).otherwise(0.0))
            .withColumn("first_invoice", when(priorInvoices.equalTo(0), 1.0).otherwise(0.0))
            .withColumn(
                "customer_age_days",
                coalesce(
                        greatest(datediff(col("reference_date"), col("created_date")), lit(0)),
                        lit(0))
                    .cast("double"))
            .withColumn(
                "no_paid_history",
                when(coalesce(col("invoices_paid"), lit(0)).equalTo(0), 1.0).otherwise(0.0))
            .withColumn(
                "log_open_exposure",
                log1p(greatest(coalesce(col("open_exposure").cast("double"), lit(0.0)), lit(0.0))))
            .withColumn(
                "log_overdue_exposure",
                log1p(
                    greatest(coalesce(col("overdue_exposure").cast("double"), lit(0.0)), lit(0.0))))
            .withColumn(
                "log_disputed_open_amount",
                log1p(
                    greatest(
                        coalesce(col("disputed_open_amount").cast("double"), lit(0.0)), lit(0.0))))
            .withColumn(
                "days_since_last_payment",
                least(
                        coalesce(col("days_since_last_payment"), lit(NO_PAYMENT_DAYS)),
                        lit(NO_PAYMENT_DAYS))
                    .cast("double"))
            .withColumn("issue_month", lpad(month(col("reference_date")).cast("string"), 2, "0"));
    for (String c : NUMERIC_FEATURES) {
      out = out.withColumn(c, coalesce(col(c).cast("double"), lit(0.0)));
    }
    for (String c : List.of("sector", "size_band", "country")) {
      out = out.withColumn(c, coalesce(col(c), lit("unknown")));
    }
    return out;
  }

  /**
   * The invoices with a dispute known from the flag alone (no dispute date) as not disputed. In
   * history a feature may only use what was known before its point; the flag says a dispute was
   * raised, not when, so it may postdate the point. Analytics and scoring as of a date count such a
   * dispute from the issue date ({@code AgingSnapshot.disputedAsOf}); training leaves it out.
   */
  static Dataset<Row> withDatedDisputesOnly(Dataset<Row> invoices) {
    return invoices.withColumn("disputed", col("disputed").and(col("dispute_date").isNotNull()));
  }

  /**
   * The training rows: one per invoice issued on or before the cutoff, its features as of the day
   * before its issue date, and the labels known at the cutoff ({@link LateLabels}): late_t0,
   * late_t30, unpaid_120 (nullable: unknown at the cutoff), days_late (null while open),
   * time_to_pay and observed (for the survival model), plus issue_date and due_date.
   */
  public static Dataset<Row> labelled(
      Dataset<Row> invoices,
      Dataset<Row> allocations,
      Dataset<Row> customers,
      Dataset<Row> dunning,
      LocalDate cutoff) {
    Dataset<Row> issued = invoices.filter(col("issue_date").leq(java.sql.Date.valueOf(cutoff)));
    Dataset<Row> points = invoicePoints(issued);
    Dataset<Row> feats =
        features(withDatedDisputesOnly(invoices), allocations, customers, dunning, points);
    Dataset<Row> settled =
        settlements(issued, allocations)
            .select(
                col("invoice_id").as("point_id"),
                col("issue_date"),
                col("due_date"),
                col("settled_date"));
    return feats
        .join(settled, "point_id")
        .withColumn("late_t0", LateLabels.lateBeyond(cutoff, 0))
        .withColumn("late_t30", LateLabels.lateBeyond(cutoff, 30))
        .withColumn("unpaid_120", LateLabels.lateBeyond(cutoff, 120))
        .withColumn(
            "days_late",
            when(col("settled_date").leq(java.sql.Date.valueOf(cutoff)), LateLabels.daysLate()))
        .withColumn("time_to_pay", LateLabels.timeToPay(cutoff))
        .withColumn("observed", LateLabels.observed(cutoff))
        .withColumn(
            "settled_date",
            when(col("settled_date").leq(java.sql.Date.valueOf(cutoff)), col("settled_date")));
  }
}
