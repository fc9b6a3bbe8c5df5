package org.encours.analytics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.warehouse.CanonicalTable;

/**
 * Per-customer payment behaviour as of a date, from the history known at that date only: the
 * features the late-payment models use. One function serves one date for all customers (the {@code
 * payment_behaviour} job) and many (customer_id, as_of_date) points at once (training sets: for
 * example one point per invoice, as of the day before its issue date).
 *
 * <p>How: the customer's events (invoice issued, allocation effective, dispute raised, dunning
 * event) and its points are put in one stream, partitioned by customer and sorted by date (events
 * of a day before the points of that day); {@link PaymentBehaviourSweep} walks each customer's
 * stream once, keeping running totals, a histogram of days late and the list of settlement dates,
 * and emits one row per point. Cost is linear in events plus points times the customer's open items
 * at the point, instead of points times invoices for a point-by-invoice join; a very large customer
 * still sits in one task (time proportional to its events), but its memory is its state (open
 * items, histograms, settlement dates), not its whole history: Spark's sort spills to disk.
 */
public final class PaymentBehaviourFeatures {
  private PaymentBehaviourFeatures() {}

  /** The dunning stages in order of severity; other stages are ignored by the stage features. */
  static final Map<String, Integer> DUNNING_STAGE_RANK =
      Map.of("reminder_1", 1, "reminder_2", 2, "registered_letter", 3, "formal_notice", 4);

  /** A customer's carried state ({@link Start}): before any event of its date. */
  static final int STATE = -1;

  static final int ISSUE = 0;
  static final int ALLOCATION = 1;
  static final int DISPUTE = 2;
  static final int DUNNING = 3;
  static final int POINT = 9;

  static final StructType EVENT_SCHEMA =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("event_date", DataTypes.DateType, false)
          .add("kind", DataTypes.IntegerType, false)
          .add("invoice_id", DataTypes.StringType, true)
          .add("amount", CanonicalTable.MONEY, true)
          .add("issue_date", DataTypes.DateType, true)
          .add("due_date", DataTypes.DateType, true)
          .add("doc_type", DataTypes.StringType, true)
          .add("stage", DataTypes.StringType, true)
          .add("state", DataTypes.BinaryType, true);

  /** Position of the carried state in an event row. */
  static final int STATE_FIELD = EVENT_SCHEMA.fieldIndex("state");

  public static final StructType FEATURE_SCHEMA =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("as_of_date", DataTypes.DateType, false)
          .add("invoices_issued", DataTypes.IntegerType, false)
          .add("credit_notes_issued", DataTypes.IntegerType, false)
          .add("invoices_paid", DataTypes.IntegerType, false)
          .add("paid_late_count", DataTypes.IntegerType, false)
          .add("paid_late_share", DataTypes.DoubleType, true)
          .add("days_late_mean", DataTypes.DoubleType, true)
          .add("days_late_median", DataTypes.IntegerType, true)
          .add("days_late_p90", DataTypes.IntegerType, true)
          .add("days_late_max", DataTypes.IntegerType, true)
          .add("days_late_mean_by_amount", DataTypes.DoubleType, true)
          .add("days_late_median_by_amount", DataTypes.IntegerType, true)
          .add("days_late_p90_by_amount", DataTypes.IntegerType, true)
          .add("dbt_paid", DataTypes.DoubleType, true)
          .add("dbt_open", DataTypes.DoubleType, true)
          .add("paid_3m", DataTypes.IntegerType, false)
          .add("late_share_3m", DataTypes.DoubleType, true)
          .add("paid_12m", DataTypes.IntegerType, false)
          .add("late_share_12m", DataTypes.DoubleType, true)
          .add("late_share_trend", DataTypes.DoubleType, true)
          .add("avg_days_to_pay", DataTypes.DoubleType, true)
          .add("open_items", DataTypes.IntegerType, false)
          .add("open_exposure", CanonicalTable.MONEY, false)
          .add("overdue_items", DataTypes.IntegerType, false)
          .add("overdue_exposure", CanonicalTable.MONEY, false)
          .add("credit_balance", CanonicalTable.MONEY, false)
          .add("disputed_invoices", DataTypes.IntegerType, false)
          .add("disputed_open_amount", CanonicalTable.MONEY, false)
          .add("dunning_stage_rank", DataTypes.IntegerType, false)
          .add("dunning_stage_max", DataTypes.StringType, true)
          .add("invoices_with_payments", DataTypes.IntegerType, false)
          .add("partial_payment_share", DataTypes.DoubleType, true)
          .add("days_since_last_payment", DataTypes.IntegerType, true);

  /**
   * What the walk also gives the late-payment models, besides {@link #FEATURE_SCHEMA} (not
   * published in {@code payment_behaviour}): among the customer's last five invoices settled on or
   * before the date (by settlement date, then invoice id), how many were paid late (late0_last5),
   * more than 30 days late (late30_last5), and how many there are (settled_last5); the count and
   * total amount of its invoices issued on or before the date (prior_invoices, prior_amount). Null
   * when there are none.
   */
  public static final StructType MODEL_HISTORY_SCHEMA =
      new StructType()
          .add("late0_last5", DataTypes.IntegerType, true)
          .add("late30_last5", DataTypes.IntegerType, true)
          .add("settled_last5", DataTypes.IntegerType, true)
          .add("prior_invoices", DataTypes.IntegerType, true)
          .add("prior_amount", DataTypes.createDecimalType(28, 2), true);

  private static final StructType SWEEP_SCHEMA = merge(FEATURE_SCHEMA, MODEL_HISTORY_SCHEMA);

  /**
   * The customer's walk state on the date a walk keeps it ({@link #compute(Start, Dataset, Dataset,
   * Dataset, Dataset, Dataset, LocalDate)}), else null.
   */
  public static final String STATE_COLUMN = "walk_state";

  /** Its open invoices on that date: the only ones a walk going on from the state knows. */
  public static final String OPEN_INVOICES_COLUMN = "open_invoice_ids";

  private static final StructType KEEPING_SCHEMA =
      SWEEP_SCHEMA
          .add(STATE_COLUMN, DataTypes.BinaryType, true)
          .add(OPEN_INVOICES_COLUMN, DataTypes.createArrayType(DataTypes.StringType, false), true);

  /**
   * Where a walk can start from, instead of each customer's first event: the state ({@link
   * #STATE_COLUMN}) of some customers after the events of {@code date}. Their events dated on or
   * before it are not read again; the caller guarantees they have not changed since the state was
   * kept, that no later allocation goes to an invoice closed by then, and that none of their points
   * is dated before it. Customers without a state are walked from their first event.
   */
  public record Start(LocalDate date, Dataset<Row> states) {}

  private static StructType merge(StructType a, StructType b) {
    StructType out = a;
    for (var f : b.fields()) {
      out = out.add(f);
    }
    return out;
  }

  /**
   * The {@code payment_behaviour} columns of {@link #compute} rows: without the {@link
   * #MODEL_HISTORY_SCHEMA} ones nor a kept state.
   */
  public static Dataset<Row> published(Dataset<Row> behaviour) {
    return behaviour
        .drop(MODEL_HISTORY_SCHEMA.fieldNames())
        .drop(STATE_COLUMN, OPEN_INVOICES_COLUMN);
  }

  /** One point per invoice: its customer as of the day before the invoice's issue date. */
  public static Dataset<Row> pointsBeforeEachInvoice(Dataset<Row> invoices) {
    return invoices
        .select(col("customer_id"), date_sub(col("issue_date"), 1).as("as_of_date"))
        .distinct();
  }

  /** One point per known customer (customers table or invoices issued by D) as of D. */
  public static Dataset<Row> pointsAt(
      Dataset<Row> customers, Dataset<Row> invoices, LocalDate asOf) {
    Dataset<Row> ids =
        customers
            .select("customer_id")
            .union(invoices.filter(col("issue_date").leq(Columns.date(asOf))).select("customer_id"))
            .distinct();
    return ids.select(col("customer_id"), Columns.date(asOf).as("as_of_date"));
  }

  /** All events of the customers that have points, in the {@link #EVENT_SCHEMA} layout. */
  static Dataset<Row> events(
      Dataset<Row> invoices, Dataset<Row> allocations, Dataset<Row> dunning, Dataset<Row> points) {
    return forPoints(history(invoices, allocations, dunning), points);
  }

  /**
   * Every customer's issues, allocations, disputes and dunning events, in the {@link #EVENT_SCHEMA}
   * layout.
   */
  private static Dataset<Row> history(
      Dataset<Row> invoices, Dataset<Row> allocations, Dataset<Row> dunning) {
    Dataset<Row> issues =
        invoices.select(
            col("customer_id"),
            col("issue_date").as("event_date"),
            lit(ISSUE).as("kind"),
            col("invoice_id"),
            col("amount"),
            col("issue_date"),
            col("due_date"),
            col("doc_type"),
            noString().as("stage"),
            noState().as("state"));
    Dataset<Row> allocs =
        allocations.select(
            col("customer_id"),
            col("effective_date").as("event_date"),
            lit(ALLOCATION).as("kind"),
            col("invoice_id"),
            col("amount"),
            noDate().as("issue_date"),
            noDate().as("due_date"),
            noString().as("doc_type"),
            noString().as("stage"),
            noState().as("state"));
    // A dispute is an event on its date (on the issue date when dated before it); a dispute known
    // from the flag alone (no date) on the issue date, the earliest it can have been raised.
    Dataset<Row> disputes =
        invoices
            .filter(col("disputed"))
            .select(
                col("customer_id"),
                coalesce(greatest(col("dispute_date"), col("issue_date")), col("issue_date"))
                    .as("event_date"),
                lit(DISPUTE).as("kind"),
                col("invoice_id"),
                noMoney().as("amount"),
                noDate().as("issue_date"),
                noDate().as("due_date"),
                noString().as("doc_type"),
                noString().as("stage"),
                noState().as("state"));
    Dataset<Row> dunningEvents =
        dunning.select(
            col("customer_id"),
            col("event_date"),
            lit(DUNNING).as("kind"),
            col("invoice_id"),
            noMoney().as("amount"),
            noDate().as("issue_date"),
            noDate().as("due_date"),
            noString().as("doc_type"),
            col("stage"),
            noState().as("state"));
    return issues.unionByName(allocs).unionByName(disputes).unionByName(dunningEvents);
  }

  /** The events of {@code history} of the customers that have points, and the points as events. */
  private static Dataset<Row> forPoints(Dataset<Row> history, Dataset<Row> points) {
    Dataset<Row> pointEvents =
        points
            .select(col("customer_id"), col("as_of_date"))
            .distinct()
            .select(
                col("customer_id"),
                col("as_of_date").as("event_date"),
                lit(POINT).as("kind"),
                noString().as("invoice_id"),
                noMoney().as("amount"),
                noDate().as("issue_date"),
                noDate().as("due_date"),
                noString().as("doc_type"),
                noString().as("stage"),
                noState().as("state"));
    Dataset<Row> wanted = points.select("customer_id").distinct();
    return history.join(wanted, new String[] {"customer_id"}, "left_semi").unionByName(pointEvents);
  }

  /**
   * The features for every (customer_id, as_of_date) point, exact to the day: a point sees the
   * events dated on or before its date. Columns: {@link #FEATURE_SCHEMA}, {@link
   * #MODEL_HISTORY_SCHEMA}, then credit_limit and exposure_to_limit (open exposure / credit limit;
   * the limit is the customer's current one, as the canonical tables keep no history of limits).
   */
  public static Dataset<Row> compute(
      Dataset<Row> invoices,
      Dataset<Row> allocations,
      Dataset<Row> customers,
      Dataset<Row> dunning,
      Dataset<Row> points) {
    return withLimits(walk(events(invoices, allocations, dunning, points), null), customers);
  }

  /**
   * As {@link #compute(Dataset, Dataset, Dataset, Dataset, Dataset)}, going on from the states of
   * {@code start} (when not null) for the customers it has, and keeping each customer's state on
   * {@code keepStateAt} in two more columns ({@link #STATE_COLUMN}, {@link #OPEN_INVOICES_COLUMN};
   * null on the other dates). The rows are those of a walk over the whole history.
   */
  public static Dataset<Row> compute(
      Start start,
      Dataset<Row> invoices,
      Dataset<Row> allocations,
      Dataset<Row> customers,
      Dataset<Row> dunning,
      Dataset<Row> points,
      LocalDate keepStateAt) {
    Dataset<Row> history = history(invoices, allocations, dunning);
    if (start != null) {
      // The carried customers' events after the state's date only; a broadcast set, so the history
      // is filtered where it is read, before any shuffle (the points' semi-join included).
      Dataset<Row> carried =
          start.states().select(col("customer_id").as("_carried_id"), lit(true).as("_carried"));
      history =
          history
              .join(
                  broadcast(carried),
                  history.col("customer_id").equalTo(carried.col("_carried_id")),
                  "left")
              .filter(col("_carried").isNull().or(col("event_date").gt(Columns.date(start.date()))))
              .drop("_carried_id", "_carried");
    }
    Dataset<Row> events = forPoints(history, points);
    if (start != null) {
      // Their states join after the points' semi-join: the state blobs need not go through its
      // shuffle.
      events =
          events.unionByName(
              start
                  .states()
                  .select(
                      col("customer_id"),
                      Columns.date(start.date()).as("event_date"),
                      lit(STATE).as("kind"),
                      noString().as("invoice_id"),
                      noMoney().as("amount"),
                      noDate().as("issue_date"),
                      noDate().as("due_date"),
                      noString().as("doc_type"),
                      noString().as("stage"),
                      col(STATE_COLUMN).as("state")));
    }
    return withLimits(walk(events, keepStateAt), customers);
  }

  /**
   * The customers of {@code kept} (customer_id and {@link #OPEN_INVOICES_COLUMN} on {@code date})
   * that a walk cannot go on from: an allocation effective after the date goes to an invoice issued
   * on or before it that was not open then (a refund of a settled invoice, say), which the state no
   * longer holds. Their whole history must be walked. An allocation takes effect on the later of
   * its payment date and its invoice's issue date, so for an invoice issued by the date it takes
   * effect after it exactly when it is dated after it: only the payments dated after the date are
   * read.
   */
  public static Dataset<Row> allocatedToClosed(
      LocalDate date, Dataset<Row> kept, Dataset<Row> invoices, Dataset<Row> payments) {
    Column d = Columns.date(date);
    SmallSets.Counted later =
        SmallSets.counted(
            payments.filter(col("payment_date").gt(d)).select("invoice_id").distinct());
    // Computed before the anti-join: else the optimizer would anti-join every invoice with the open
    // ones first, a shuffle of the whole table, and only then keep those paid later.
    Dataset<Row> toOlder =
        invoices
            .filter(col("issue_date").leq(d))
            .select("invoice_id", "customer_id")
            .join(later.forJoin(), "invoice_id")
            .localCheckpoint(true);
    Dataset<Row> open = kept.select(explode(col(OPEN_INVOICES_COLUMN)).as("invoice_id"));
    return toOlder
        .join(open, new String[] {"invoice_id"}, "left_anti")
        .select("customer_id")
        .distinct();
  }

  // The columns an event of one kind does not have, typed as in EVENT_SCHEMA.
  private static Column noString() {
    return lit(null).cast(DataTypes.StringType);
  }

  private static Column noDate() {
    return lit(null).cast(DataTypes.DateType);
  }

  private static Column noMoney() {
    return lit(null).cast(CanonicalTable.MONEY);
  }

  private static Column noState() {
    return lit(null).cast(DataTypes.BinaryType);
  }

  /** Each customer's events in date order (a carried state first), walked once. */
  private static Dataset<Row> walk(Dataset<Row> events, LocalDate keepStateAt) {
    Dataset<Row> sorted =
        events
            .repartition(col("customer_id"))
            .sortWithinPartitions("customer_id", "event_date", "kind");
    return sorted.mapPartitions(
        new PaymentBehaviourSweep(keepStateAt),
        Encoders.row(keepStateAt == null ? SWEEP_SCHEMA : KEEPING_SCHEMA));
  }

  private static Dataset<Row> withLimits(Dataset<Row> features, Dataset<Row> customers) {
    Dataset<Row> limits =
        customers.select(col("customer_id").as("_limit_customer_id"), col("credit_limit"));
    return features
        .join(limits, features.col("customer_id").equalTo(limits.col("_limit_customer_id")), "left")
        .drop("_limit_customer_id")
        .withColumn(
            "exposure_to_limit",
            when(
                col("credit_limit").gt(0),
                col("open_exposure").cast("double").divide(col("credit_limit").cast("double"))));
  }
}
