package org.encours.analytics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.encours.core.metrics.AgingSlabs;
import org.encours.warehouse.Warehouse;

/**
 * The aged balance as of a date D, rebuilt from invoices and allocations dated on or before D
 * (never from a current status).
 *
 * <ul>
 *   <li>An item is open at D when issued on or before D and its amount minus its allocations
 *       effective on or before D is not zero.
 *   <li>A positive open amount is a receivable, aged into the slabs (from the due date by default).
 *   <li>A negative open amount (an unsettled credit note, or an over-paid invoice) is a credit
 *       balance: it is not aged but shown on its own line {@code credits}, and it reduces the AR of
 *       its customer, segment and portfolio; the totals and shares are of the gross open AR (the
 *       aged buckets, credits apart), so the shares of the buckets add up to 100 %.
 *   <li>Cash allocated to an unknown invoice id cannot be attributed to a customer: it appears on a
 *       portfolio line {@code unallocated} (negative, the cash received) outside the total and
 *       shares.
 * </ul>
 */
public final class AgingSnapshot {
  static final String UNALLOCATED = "unallocated";

  private AgingSnapshot() {}

  /**
   * One row per item open at {@code asOf}: as_of_date, invoice_id, customer_id, doc_type,
   * issue_date, due_date, amount, paid_to_date, open_amount, days_past_due, age_days, bucket,
   * bucket_order, disputed (as of D: {@link #disputedAsOf}).
   */
  public static Dataset<Row> items(
      Dataset<Row> invoices, Dataset<Row> allocations, LocalDate asOf, AgingSlabs slabs) {
    Column d = Columns.date(asOf);
    Dataset<Row> paid =
        allocations
            .filter(col("effective_date").leq(d))
            .groupBy(col("invoice_id").as("_paid_invoice_id"))
            .agg(sum("amount").as("paid_to_date"));
    Dataset<Row> issued = invoices.filter(col("issue_date").leq(d));
    Dataset<Row> open =
        issued
            .join(paid, issued.col("invoice_id").equalTo(paid.col("_paid_invoice_id")), "left")
            .withColumn(
                "paid_to_date", Columns.money(coalesce(col("paid_to_date"), lit(BigDecimal.ZERO))))
            .withColumn("open_amount", Columns.money(col("amount").minus(col("paid_to_date"))))
            .filter(col("open_amount").notEqual(lit(BigDecimal.ZERO)));
    Column daysPastDue = datediff(d, col("due_date"));
    Column age =
        slabs.basis() == AgingSlabs.Basis.DUE_DATE ? daysPastDue : datediff(d, col("issue_date"));
    return open.select(
        d.as("as_of_date"),
        col("invoice_id"),
        col("customer_id"),
        col("doc_type"),
        col("issue_date"),
        col("due_date"),
        col("amount"),
        col("paid_to_date"),
        col("open_amount"),
        daysPastDue.as("days_past_due"),
        age.as("age_days"),
        bucket(col("open_amount"), age, slabs).as("bucket"),
        bucketOrder(col("open_amount"), age, slabs).as("bucket_order"),
        disputedAsOf(d).as("disputed"));
  }

  /**
   * Whether an item is disputed as of {@code d}: its dispute is dated on or before d, or it carries
   * the flag alone (the ledger does not say when the dispute was raised): such a dispute counts
   * from the invoice's issue date, the earliest it can have been raised.
   */
  static Column disputedAsOf(Column d) {
    return col("disputed").and(col("dispute_date").isNull().or(col("dispute_date").leq(d)));
  }

  /**
   * The items open at {@code asOf} for jobs that need the open book but not the buckets (score,
   * recommend): the {@code aging_items} partition of that date when it was computed from exactly
   * these input versions (as {@code encours refresh} and {@code encours analytics --as-of} leave
   * it), else recomputed with {@link #items}. Both give the same rows: the partition is what {@link
   * #items} wrote from the same data, and no column used here depends on the slabs. Reusing it
   * saves a pass over every allocation in the history.
   */
  public static Dataset<Row> openItems(
      Warehouse warehouse, AnalyticsInputs inputs, LocalDate asOf) {
    Dataset<Row> written = writtenItems(warehouse, inputs.versions(), asOf);
    return written != null
        ? written
        : items(inputs.invoices(), inputs.allocations(), asOf, AgingSlabs.defaults());
  }

  /** The aging_items partition of {@code asOf} when computed from {@code versions}, else null. */
  static Dataset<Row> writtenItems(
      Warehouse warehouse, Map<String, Long> versions, LocalDate asOf) {
    if (!warehouse.exists(AnalyticsJob.AGING_ITEMS)) {
      return null;
    }
    Dataset<Row> partition =
        written(warehouse).filter(col("as_of_date").equalTo(Columns.date(asOf)));
    return Provenance.recorded(partition).filter(versions::equals).isPresent() ? partition : null;
  }

  /**
   * Every date of the aging_items table, read at its latest version (one snapshot for all the reads
   * of a job).
   */
  static Dataset<Row> written(Warehouse warehouse) {
    return warehouse
        .spark()
        .read()
        .format("delta")
        .option("versionAsOf", warehouse.version(AnalyticsJob.AGING_ITEMS))
        .load(warehouse.path(AnalyticsJob.AGING_ITEMS));
  }

  /** The bucket of an item: {@code credits} for a negative open amount, else its aging slab. */
  static Column bucket(Column open, Column age, AgingSlabs slabs) {
    List<String> labels = slabs.labels();
    Column c = when(open.lt(0), lit(AgingSlabs.CREDITS));
    int offset = 0;
    if (slabs.basis() == AgingSlabs.Basis.DUE_DATE) {
      c = c.when(age.leq(0), lit(AgingSlabs.NOT_DUE));
      offset = 1;
    }
    for (int i = 0; i < slabs.bounds().size(); i++) {
      c = c.when(age.leq(slabs.bounds().get(i)), lit(labels.get(i + offset)));
    }
    return c.otherwise(lit(labels.get(labels.size() - 1)));
  }

  /** Position of the bucket in reports: the slabs in order, then credits, then unallocated. */
  static Column bucketOrder(Column open, Column age, AgingSlabs slabs) {
    int n = slabs.labels().size();
    Column c = when(open.lt(0), lit(n));
    int offset = 0;
    if (slabs.basis() == AgingSlabs.Basis.DUE_DATE) {
      c = c.when(age.leq(0), lit(0));
      offset = 1;
    }
    for (int i = 0; i < slabs.bounds().size(); i++) {
      c = c.when(age.leq(slabs.bounds().get(i)), lit(i + offset));
    }
    return c.otherwise(lit(n - 1));
  }

  /**
   * The aged balance per level: as_of_date, level (customer, country, sector, size_band,
   * portfolio), entity_id, bucket, bucket_order, open_amount, open_count, total_open (net AR of the
   * entity), share (open_amount / total_open; null when the total is zero or for unallocated cash).
   *
   * @param unallocated payments to unknown invoices (see {@link Allocations#unallocated})
   */
  static Dataset<Row> summary(
      Dataset<Row> items,
      Dataset<Row> customers,
      Dataset<Row> unallocated,
      LocalDate asOf,
      AgingSlabs slabs) {
    Dataset<Row> perBucket =
        Columns.expandLevels(Columns.withSegments(items, customers))
            .groupBy("level", "entity_id", "bucket", "bucket_order")
            .agg(Columns.sumMoney("open_amount").as("open_amount"), count(lit(1)).as("open_count"));
    WindowSpec entity = Window.partitionBy("level", "entity_id");
    Dataset<Row> withShares =
        perBucket
            .withColumn(
                "total_open",
                Columns.money(
                    coalesce(
                        sum(when(col("open_amount").gt(0), col("open_amount"))).over(entity),
                        lit(BigDecimal.ZERO))))
            .withColumn(
                "share",
                when(
                    col("bucket").notEqual(AgingSlabs.CREDITS).and(col("total_open").gt(0)),
                    col("open_amount").cast("double").divide(col("total_open").cast("double"))));
    Column d = Columns.date(asOf);
    Dataset<Row> cash =
        unallocated
            .filter(col("payment_date").leq(d))
            .agg(
                Columns.sumMoney("amount").as("cash"),
                count(lit(1)).as("open_count"),
                max("payment_date").as("_last"))
            .filter(col("open_count").gt(0))
            .select(
                lit(Columns.PORTFOLIO).as("level"),
                lit(Columns.ALL).as("entity_id"),
                lit(UNALLOCATED).as("bucket"),
                lit(slabs.labels().size() + 1).as("bucket_order"),
                Columns.money(functions.negate(col("cash"))).as("open_amount"),
                col("open_count"),
                lit(null).cast(org.encours.warehouse.CanonicalTable.MONEY).as("total_open"),
                lit(null).cast("double").as("share"));
    return withShares
        .unionByName(cash)
        .select(
            d.as("as_of_date"),
            col("level"),
            col("entity_id"),
            col("bucket"),
            col("bucket_order"),
            col("open_amount"),
            col("open_count"),
            col("total_open"),
            col("share"));
  }
}
