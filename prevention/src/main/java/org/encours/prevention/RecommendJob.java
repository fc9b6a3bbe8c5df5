package org.encours.prevention;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.encours.analytics.AgingSnapshot;
import org.encours.analytics.Allocations;
import org.encours.analytics.AnalyticsInputs;
import org.encours.analytics.Provenance;
import org.encours.core.EncoursErrors;
import org.encours.core.UserFacingException;
import org.encours.core.cli.Progress;
import org.encours.core.policy.Policy;
import org.encours.core.tables.Columns;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;

/**
 * {@code encours recommend}: the policy applied to every customer and every open invoice as of a
 * date, from the customer scores of that date and the ledger known at that date.
 *
 * <p>Per customer: open exposure (net open amount, credits included, not below zero), average
 * monthly net sales over the last 12 months (divided by the months the customer has had invoices, 1
 * to 12), the longest overdue open invoice, customer since (created date, else first invoice),
 * insured limit. A customer without a score as of the date is treated as a prospect. Per open
 * invoice: its allocations up to the date, the last dunning stage reached by then, whether the
 * debtor is abroad (country other than {@code homeCountry}).
 */
public final class RecommendJob {
  /**
   * The names of the tables this job writes and reads, as the catalogue ({@link DerivedTable})
   * declares them.
   */
  public static final String RECOMMENDATIONS = DerivedTable.RECOMMENDATIONS.tableName();

  public static final String DUNNING_PLAN = DerivedTable.DUNNING_PLAN.tableName();
  public static final String CUSTOMER_SCORES = DerivedTable.CUSTOMER_SCORES.tableName();

  /** What a run wrote. */
  public record Result(
      LocalDate asOf,
      long customers,
      long invoices,
      Map<String, Long> inputVersions,
      String policy,
      Duration elapsed) {
    public String summary() {
      return String.format(
          Locale.ROOT,
          "recommend as of %s: %,d customer recommendations, %,d dunning plans with policy %s from inputs %s in %.1f s",
          asOf,
          customers,
          invoices,
          policy,
          inputVersions,
          elapsed.toMillis() / 1000.0);
    }
  }

  private final Warehouse warehouse;
  private final Policy policy;
  private final Progress progress;
  private String homeCountry = "FR";

  public RecommendJob(Warehouse warehouse, Policy policy, Progress progress) {
    this.warehouse = warehouse;
    this.policy = policy;
    this.progress = progress;
  }

  /** The creditor's country: debtors elsewhere are cross-border for the court route. */
  public RecommendJob homeCountry(String country) {
    this.homeCountry = country;
    return this;
  }

  public Result run(LocalDate asOf) {
    long start = System.nanoTime();
    AnalyticsInputs inputs = AnalyticsInputs.read(warehouse);
    Dataset<Row> scores = scoresAsOf(asOf);
    Map<String, Long> versions = new LinkedHashMap<>(inputs.versions());
    versions.put(CUSTOMER_SCORES, warehouse.version(CUSTOMER_SCORES));
    warehouse.spark().sparkContext().setJobDescription("encours recommend as of " + asOf);

    Dataset<Row> open = AgingSnapshot.openItems(warehouse, inputs, asOf).localCheckpoint(true);
    Dataset<Row> recommendations =
        recommendations(inputs, scores, open, asOf).localCheckpoint(true);
    long customers = recommendations.count();
    write(Provenance.stamp(recommendations, versions), DerivedTable.RECOMMENDATIONS, asOf);
    progress.step(
        String.format(
            Locale.ROOT, "%,d recommendations written to %s", customers, RECOMMENDATIONS));

    Dataset<Row> plans = plans(inputs, scores, open, asOf).localCheckpoint(true);
    long invoices = plans.count();
    write(Provenance.stamp(plans, versions), DerivedTable.DUNNING_PLAN, asOf);
    progress.step(
        String.format(Locale.ROOT, "%,d dunning plans written to %s", invoices, DUNNING_PLAN));
    return new Result(
        asOf,
        customers,
        invoices,
        versions,
        policy.origin(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private Dataset<Row> scoresAsOf(LocalDate asOf) {
    if (!warehouse.exists(CUSTOMER_SCORES)) {
      throw noScores(asOf);
    }
    Dataset<Row> scores =
        warehouse
            .read(CUSTOMER_SCORES)
            .where(col("as_of_date").equalTo(lit(Date.valueOf(asOf))))
            .select(
                col(Columns.CUSTOMER_ID),
                col(Columns.PROBABILITY_LATE_30D).cast("double").as("probability"),
                col(Columns.MODEL_VERSION));
    if (scores.isEmpty()) {
      throw noScores(asOf);
    }
    return scores;
  }

  private UserFacingException noScores(LocalDate asOf) {
    return EncoursErrors.nothingFound(
        "customer scores as of " + asOf,
        warehouse.root(),
        "run 'encours score --as-of " + asOf + "' first.");
  }

  /** One row per customer with the policy's inputs, then the policy applied. */
  Dataset<Row> recommendations(
      AnalyticsInputs inputs, Dataset<Row> scores, Dataset<Row> open, LocalDate asOf) {
    Column d = lit(Date.valueOf(asOf));
    Dataset<Row> position =
        open.groupBy("customer_id")
            .agg(
                sum("open_amount").as("open_net"),
                max(when(col("open_amount").gt(0), col("days_past_due"))).as("max_overdue"));
    Dataset<Row> issued = inputs.invoices().where(col("issue_date").leq(d));
    Dataset<Row> sales =
        issued
            .groupBy("customer_id")
            .agg(
                min("issue_date").as("first_issue"),
                sum(when(
                            col("issue_date").gt(org.apache.spark.sql.functions.add_months(d, -12)),
                            col("amount"))
                        .otherwise(lit(BigDecimal.ZERO)))
                    .as("sales_12m"));
    Column months = least(lit(12), greatest(lit(1), ceil(months_between(d, col("first_issue")))));
    Dataset<Row> input =
        inputs
            .customers()
            .where(coalesce(col("created_date"), d).leq(d))
            .select(col("customer_id"), col("insured_limit"), col("created_date"))
            .join(position, "customer_id", "left")
            .join(sales, "customer_id", "left")
            .join(scores, "customer_id", "left")
            .select(
                col("customer_id"),
                col("probability"),
                col("model_version"),
                money(
                        greatest(
                            coalesce(col("open_net"), lit(BigDecimal.ZERO)), lit(BigDecimal.ZERO)))
                    .as("open_exposure"),
                when(
                        col("sales_12m").isNotNull(),
                        money(greatest(col("sales_12m"), lit(BigDecimal.ZERO)).divide(months)))
                    .as("average_monthly_sales"),
                col("insured_limit"),
                coalesce(col("created_date"), col("first_issue")).as("customer_since"),
                greatest(coalesce(col("max_overdue"), lit(0)), lit(0))
                    .cast("int")
                    .as("max_days_overdue"));
    return input.mapPartitions(
        new PolicyFunctions.Recommend(policy, asOf),
        Encoders.row(PreventionSchemas.RECOMMENDATION));
  }

  /** One row per open invoice (positive open amount) with its facts, then its plan. */
  Dataset<Row> plans(
      AnalyticsInputs inputs, Dataset<Row> scores, Dataset<Row> open, LocalDate asOf) {
    Column d = lit(Date.valueOf(asOf));
    Dataset<Row> receivable =
        open.where(col("open_amount").gt(0).and(col("doc_type").equalTo("invoice")));
    // Payments and reminders of the open receivables only: the rest of the history has no plan. The
    // open items carry their issue dates, so their allocations come from their payments alone.
    Dataset<Row> receivableIds = receivable.select("invoice_id");
    Dataset<Row> paid =
        Allocations.effective(
                receivable.select("invoice_id", "customer_id", "issue_date"), inputs.payments())
            .where(col("effective_date").leq(d))
            .groupBy(col("invoice_id").as("_paid_invoice"))
            .agg(
                array_sort(collect_list(struct(col("payment_date"), col("amount"))))
                    .as("payments"));
    Dataset<Row> stages =
        inputs
            .dunning()
            .where(col("event_date").leq(d).and(col("invoice_id").isNotNull()))
            .join(receivableIds, new String[] {"invoice_id"}, "left_semi")
            .withColumn("rank", stageRank(col("stage")))
            .where(col("rank").isNotNull())
            .groupBy(col("invoice_id").as("_dunned_invoice"))
            .agg(max_by(col("stage"), col("rank")).as("last_stage"));
    Dataset<Row> customers =
        inputs
            .customers()
            .select(col("customer_id").as("_customer"), col("country"), col("created_date"));
    // a customer with an open invoice at D has its first invoice by D: the first issue date of all
    // its invoices
    Dataset<Row> firstIssue =
        inputs
            .invoices()
            .where(col("issue_date").leq(d))
            .groupBy(col("customer_id").as("_first_customer"))
            .agg(min("issue_date").as("first_issue"));
    Dataset<Row> input =
        receivable
            .join(paid, receivable.col("invoice_id").equalTo(paid.col("_paid_invoice")), "left")
            .join(
                stages, receivable.col("invoice_id").equalTo(stages.col("_dunned_invoice")), "left")
            .join(
                customers,
                receivable.col("customer_id").equalTo(customers.col("_customer")),
                "left")
            .join(
                firstIssue,
                receivable.col("customer_id").equalTo(firstIssue.col("_first_customer")),
                "left")
            .join(scores, "customer_id", "left")
            .select(
                col("invoice_id"),
                col("customer_id"),
                col("issue_date"),
                col("due_date"),
                col("amount"),
                coalesce(col("payments"), org.apache.spark.sql.functions.array()).as("payments"),
                coalesce(
                        col("country").isNotNull().and(col("country").notEqual(homeCountry)),
                        lit(false))
                    .as("cross_border"),
                col("probability"),
                coalesce(col("created_date"), col("first_issue")).as("customer_since"),
                col("last_stage"),
                col("model_version"),
                col("days_past_due").cast("int").as("days_past_due"));
    return input.mapPartitions(
        new PolicyFunctions.Plan(policy, asOf), Encoders.row(PreventionSchemas.DUNNING_PLAN));
  }

  private static Column stageRank(Column stage) {
    return when(stage.equalTo("pre_due_reminder"), 0)
        .when(stage.equalTo("reminder_1"), 1)
        .when(stage.equalTo("reminder_2"), 2)
        .when(stage.equalTo("registered_letter"), 3)
        .when(stage.equalTo("formal_notice"), 4);
  }

  private static Column money(Column value) {
    return value.cast(CanonicalTable.MONEY);
  }

  private void write(Dataset<Row> rows, DerivedTable table, LocalDate asOf) {
    warehouse.replace(table, rows, "as_of_date = '" + asOf + "'");
  }
}
