package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.encours.core.metrics.AgingSlabs;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.SparkSessions;
import org.encours.warehouse.Warehouse;

/**
 * Benchmark driver for bench/analytics.sh: builds a seeded synthetic warehouse (N invoices, N/20
 * customers, 36 months from 2022-01, partial payments, credit notes, over-payments, open items)
 * unless it exists, then times the aging as of the last month end, the 36-month KPI series and the
 * payment behaviour as of that date, each run twice in one process; prints the second run's wall
 * seconds. Outputs go to Spark's no-op sink so that the figures measure computation, not writing.
 *
 * <p>Usage: AnalyticsBench WAREHOUSE_DIR [INVOICES]
 */
public final class AnalyticsBench {
  private AnalyticsBench() {}

  public static void main(String[] args) {
    String dir = args[0];
    long n = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
    SparkSession spark =
        SparkSessions.create(
            "encours-bench", System.getProperty("bench.master", "local[2]"), Map.of());
    Warehouse w = new Warehouse(spark, dir);
    if (!w.exists(CanonicalTable.INVOICES)) {
      long t = System.nanoTime();
      generate(spark, w, n);
      System.out.printf(
          Locale.ROOT, "generated %,d invoices in %.1f s%n", n, (System.nanoTime() - t) / 1e9);
    }
    AnalyticsInputs in = AnalyticsInputs.read(w);
    LocalDate asOf = LocalDate.parse("2024-12-31");
    YearMonth from = YearMonth.parse("2022-01");
    YearMonth to = YearMonth.parse("2024-12");
    double[] aging = new double[2];
    double[] series = new double[2];
    double[] behaviour = new double[2];
    for (int run = 0; run < 2; run++) {
      long t = System.nanoTime();
      Dataset<Row> alloc = in.allocations();
      Dataset<Row> items =
          AgingSnapshot.items(in.invoices(), alloc, asOf, AgingSlabs.defaults()).cache();
      items.count();
      AgingSnapshot.summary(
              items,
              in.customers(),
              Allocations.unallocated(in.invoices(), in.payments()),
              asOf,
              AgingSlabs.defaults())
          .write()
          .format("noop")
          .mode("overwrite")
          .save();
      items.unpersist();
      aging[run] = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      ReceivablesKpis.monthly(
              in.invoices(),
              in.allocations(),
              in.customers(),
              from,
              to,
              ReceivablesKpis.Options.defaults())
          .write()
          .format("noop")
          .mode("overwrite")
          .save();
      series[run] = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      PaymentBehaviourFeatures.compute(
              in.invoices(),
              in.allocations(),
              in.customers(),
              in.dunning(),
              PaymentBehaviourFeatures.pointsAt(in.customers(), in.invoices(), asOf))
          .write()
          .format("noop")
          .mode("overwrite")
          .save();
      behaviour[run] = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "run %d: aging %.2f s, series %.2f s, behaviour %.2f s%n",
          run + 1,
          aging[run],
          series[run],
          behaviour[run]);
    }
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT invoices=%d aging_s=%.2f series_s=%.2f behaviour_s=%.2f total_s=%.2f peak_heap_mib=%d%n",
        n,
        aging[1],
        series[1],
        behaviour[1],
        aging[1] + series[1] + behaviour[1],
        peakHeap >> 20);
    spark.stop();
  }

  /** Seeded synthetic data, built in Spark from hashes of the row id (deterministic). */
  static void generate(SparkSession spark, Warehouse w, long n) {
    long customers = Math.max(1, n / 20);
    Dataset<Row> ids = spark.range(0, n, 1, 8).toDF();
    String h = "pmod(hash(id, %d), %d)";
    Dataset<Row> invoices =
        ids.withColumn(
                "customer_id",
                concat(lit("C"), expr(String.format(h, 1, customers)).cast("string")))
            .withColumn("invoice_id", concat(lit("I"), col("id").cast("string")))
            .withColumn(
                "issue_date",
                date_add(
                    lit(java.sql.Date.valueOf("2022-01-01")),
                    expr(String.format(h, 2, 1096)).cast("int")))
            .withColumn("credit", expr(String.format(h, 3, 20)).equalTo(0))
            .withColumn(
                "due_date",
                date_add(
                    col("issue_date"),
                    when(col("credit"), lit(0))
                        .otherwise(expr("30 + 15 * " + String.format(h, 4, 3)).cast("int"))))
            .withColumn("_cents", expr(String.format(h, 5, 500000)).plus(1000))
            .withColumn(
                "amount",
                expr("CAST(_cents AS DECIMAL(18,2)) / 100")
                    .multiply(when(col("credit"), lit(-1)).otherwise(lit(1)))
                    .cast(CanonicalTable.MONEY))
            .withColumn("currency", lit("EUR"))
            .withColumn(
                "doc_type", when(col("credit"), lit("credit_note")).otherwise(lit("invoice")))
            .withColumn("channel", lit("electronic"))
            .withColumn("disputed", expr(String.format(h, 6, 50)).equalTo(0))
            .withColumn("dispute_date", when(col("disputed"), date_add(col("issue_date"), 20)))
            .withColumn("terms_code", lit(null).cast("string"))
            .withColumn("_batch_id", lit("bench"));
    invoices
        .selectExpr(CanonicalTable.INVOICES.storedSchema().fieldNames())
        .write()
        .format("delta")
        .save(w.path(CanonicalTable.INVOICES));
    Dataset<Row> inv = spark.read().format("delta").load(w.path(CanonicalTable.INVOICES));
    // kind: 0-13 paid once (early to 60 days late), 14-16 partial then rest, 17 over-paid, 18-19
    // open
    Dataset<Row> base =
        inv.withColumn("_k", expr("pmod(hash(invoice_id, 7), 20)"))
            .withColumn("_late", expr("pmod(hash(invoice_id, 8), 81) - 20"));
    Dataset<Row> once =
        base.filter("_k < 14")
            .selectExpr(
                "concat('P', invoice_id) AS payment_id",
                "invoice_id",
                "date_add(due_date, _late) AS payment_date",
                "amount");
    Dataset<Row> part1 =
        base.filter("_k >= 14 AND _k < 17")
            .selectExpr(
                "concat('Q', invoice_id) AS payment_id",
                "invoice_id",
                "date_add(due_date, _late) AS payment_date",
                "CAST(amount / 2 AS DECIMAL(18,2)) AS amount");
    Dataset<Row> part2 =
        base.filter("_k >= 14 AND _k < 17")
            .selectExpr(
                "concat('R', invoice_id) AS payment_id",
                "invoice_id",
                "date_add(due_date, _late + 30) AS payment_date",
                "CAST(amount - CAST(amount / 2 AS DECIMAL(18,2)) AS DECIMAL(18,2)) AS amount");
    Dataset<Row> over =
        base.filter("_k = 17")
            .selectExpr(
                "concat('O', invoice_id) AS payment_id",
                "invoice_id",
                "date_add(due_date, _late) AS payment_date",
                "CAST(amount + 1 AS DECIMAL(18,2)) AS amount");
    once.union(part1)
        .union(part2)
        .union(over)
        .withColumn("_batch_id", lit("bench"))
        .write()
        .format("delta")
        .save(w.path(CanonicalTable.PAYMENTS));
    spark
        .range(0, customers, 1, 2)
        .selectExpr(
            "concat('C', CAST(id AS STRING)) AS customer_id",
            "concat('Customer ', CAST(id AS STRING)) AS name",
            "element_at(array('FR','DE','IT','ES','BE'), CAST(pmod(id, 5) + 1 AS INT)) AS country",
            "element_at(array('retail','industry','services','construction'), CAST(pmod(id, 4) + 1 AS INT)) AS sector",
            "element_at(array('small','medium','large'), CAST(pmod(id, 3) + 1 AS INT)) AS size_band",
            "DATE'2020-01-01' AS created_date",
            "CAST(50000 AS DECIMAL(18,2)) AS credit_limit",
            "CAST(NULL AS DECIMAL(18,2)) AS insured_limit",
            "30 AS payment_terms_days",
            "'bench' AS _batch_id")
        .write()
        .format("delta")
        .save(w.path(CanonicalTable.CUSTOMERS));
  }
}
