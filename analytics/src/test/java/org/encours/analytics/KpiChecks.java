package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.SparkSessions;
import org.encours.warehouse.Warehouse;

/**
 * The figures a CFO reads first, checked over a whole warehouse (bench/kpi-checks.sh): the
 * portfolio's monthly CEI within 0-100 % or with its reason, ADD never negative at any level, no
 * aging share above 100 %, the first months of the data marked. Prints one line per check with the
 * rows that break it (zero everywhere is the expected result) and the caveats found.
 *
 * <p>Usage: KpiChecks WAREHOUSE_DIR
 */
public final class KpiChecks {
  private KpiChecks() {}

  public static void main(String[] args) {
    SparkSession spark =
        SparkSessions.create(
            "encours-kpi-checks", System.getProperty("checks.master", "local[2]"), Map.of());
    Warehouse w = new Warehouse(spark, args[0]);
    Dataset<Row> kpis = w.read(DerivedTable.RECEIVABLES_KPIS).cache();
    Dataset<Row> portfolio = kpis.filter(col("level").equalTo("portfolio"));
    Column outside = col("cei").lt(0).or(col("cei").gt(100));
    Column noReason = size(col("caveats")).equalTo(0);
    print("KPI rows", kpis.count());
    print("portfolio months", portfolio.count());
    print(
        "portfolio months with insufficient history",
        portfolio.filter(col("history_complete").equalTo(false)).count());
    print(
        "portfolio months with full history, CEI outside 0-100 %",
        portfolio.filter(col("history_complete").and(outside)).count());
    print(
        "... of which without a caveat saying why (must be 0)",
        portfolio.filter(col("history_complete").and(outside).and(noReason)).count());
    print(
        "portfolio months with full history and no CEI",
        portfolio.filter(col("history_complete").and(col("cei").isNull())).count());
    print(
        "rows at any level with a negative ADD, standard or count-back (must be 0)",
        kpis.filter(col("add_standard").lt(0).or(col("add_count_back").lt(0))).count());
    print(
        "customer rows with a CEI outside 0-100 % (must be 0)",
        kpis.filter(col("level").equalTo("customer").and(outside)).count());
    print(
        "customer rows whose CEI is not shown, with the reason",
        kpis.filter(
                col("level")
                    .equalTo("customer")
                    .and(col("cei").isNull())
                    .and(size(col("caveats")).gt(0)))
            .count());
    if (w.exists(DerivedTable.AGING)) {
      print(
          "aging rows with a share above 100 % or below 0 (must be 0)",
          w.read(DerivedTable.AGING).filter(col("share").gt(1.0).or(col("share").lt(0))).count());
    }
    System.out.println("portfolio months, CEI and caveats:");
    for (Row r :
        portfolio
            .orderBy("as_of_date")
            .select(
                "as_of_date",
                "history_complete",
                "dso_count_back",
                "add_count_back",
                "cei",
                "caveats")
            .collectAsList()) {
      System.out.printf(
          Locale.ROOT,
          "  %s  complete=%-5s  DSO %s  ADD %s  CEI %s  %s%n",
          r.get(0),
          r.get(1),
          r.isNullAt(2) ? "n/a" : String.format(Locale.ROOT, "%.1f", r.getDouble(2)),
          r.isNullAt(3) ? "n/a" : String.format(Locale.ROOT, "%.1f", r.getDouble(3)),
          r.isNullAt(4) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", r.getDouble(4)),
          r.getList(5));
    }
    spark.stop();
  }

  private static void print(String what, long n) {
    System.out.printf(Locale.ROOT, "%-75s %,d%n", what, n);
  }
}
