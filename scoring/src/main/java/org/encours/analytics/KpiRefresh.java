package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;

/**
 * Decides which months of an existing {@code receivables_kpis} table are stale, so that a rerun
 * rewrites only those (with Delta {@code replaceWhere}).
 *
 * <p>Each row records the input versions it was computed from. For each distinct set of recorded
 * versions, the rows that changed since then (Delta time travel: the table at the recorded version
 * against the current one, compared on the business columns, both directions so that updates and
 * deletes count) give the earliest date they can affect: an invoice's issue date, a payment's date,
 * and for a customer whose segment changed the first issue date of its invoices. A month is stale
 * when it is on or after that date's month; months asked for but absent are stale too. The run then
 * rewrites every month from the first stale one to the end of the range. Changed periods or an input
 * version no longer readable (vacuumed) mean a full recompute.
 */
final class KpiRefresh {
  private KpiRefresh() {}

  /** What to rewrite: the first month, or empty when everything asked for is up to date. */
  record Plan(Optional<YearMonth> firstMonth, String reason) {}

  static Plan plan(
      Warehouse warehouse,
      Dataset<Row> existing,
      AnalyticsInputs inputs,
      YearMonth from,
      YearMonth to,
      ReceivablesKpis.Options options) {
    if (existing == null) {
      return new Plan(Optional.of(from), "no existing series: computing all months");
    }
    Dataset<Row> inRange =
        existing.filter(
            col("as_of_date").geq(Date.valueOf(from.atEndOfMonth())).and(col("as_of_date").leq(Date.valueOf(to.atEndOfMonth()))));
    List<Row> periods = inRange.select("dso_period_months", "cei_period_months").distinct().collectAsList();
    for (Row p : periods) {
      if (p.getInt(0) != options.dsoMonths() || p.getInt(1) != options.ceiMonths()) {
        return new Plan(Optional.of(from), "the DSO or CEI period changed: recomputing all months");
      }
    }
    // every month is written by one run, so all its rows carry the same versions
    List<Row> present =
        inRange.groupBy("as_of_date").agg(first(Provenance.COLUMN).as(Provenance.COLUMN)).collectAsList();
    TreeSet<YearMonth> missing = new TreeSet<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      missing.add(m);
    }
    Map<Map<String, Long>, List<YearMonth>> monthsByVersions = new HashMap<>();
    for (Row r : present) {
      YearMonth m = YearMonth.from(((Date) r.get(0)).toLocalDate());
      missing.remove(m);
      monthsByVersions.computeIfAbsent(r.getJavaMap(1), k -> new ArrayList<>()).add(m);
    }
    YearMonth first = missing.isEmpty() ? null : missing.first();
    String reason = first == null ? null : "month " + first + " not computed yet";
    for (Map.Entry<Map<String, Long>, List<YearMonth>> e : monthsByVersions.entrySet()) {
      Optional<LocalDate> changed;
      try {
        changed = earliestAffected(warehouse, e.getKey(), inputs);
      } catch (AnalysisException | RuntimeException ex) {
        return new Plan(Optional.of(from), "recorded input versions no longer readable (" + ex.getMessage().lines().findFirst().orElse("") + "): recomputing all months");
      }
      if (changed.isPresent()) {
        YearMonth affected = YearMonth.from(changed.get());
        for (YearMonth m : e.getValue()) {
          if (!m.isBefore(affected) && (first == null || m.isBefore(first))) {
            first = m;
            reason = "inputs changed since versions " + e.getKey() + " from " + changed.get();
          }
        }
      }
    }
    if (first == null) {
      return new Plan(Optional.empty(), "up to date with input versions " + inputs.versions());
    }
    return new Plan(Optional.of(first), reason);
  }

  /** Earliest date affected by changes between the recorded versions and the inputs read now. */
  static Optional<LocalDate> earliestAffected(
      Warehouse warehouse, Map<String, Long> recorded, AnalyticsInputs now) throws AnalysisException {
    LocalDate earliest = null;
    for (CanonicalTable t : List.of(CanonicalTable.INVOICES, CanonicalTable.PAYMENTS, CanonicalTable.CUSTOMERS)) {
      long before = recorded.getOrDefault(t.tableName(), -1L);
      long after = now.versions().getOrDefault(t.tableName(), -1L);
      if (before == after) {
        continue;
      }
      Dataset<Row> old =
          before < 0
              ? warehouse.spark().createDataFrame(List.of(), t.storedSchema())
              : AnalyticsInputs.readAt(warehouse, t, before);
      Dataset<Row> current =
          switch (t) {
            case INVOICES -> now.invoices();
            case PAYMENTS -> now.payments();
            default -> now.customers();
          };
      Optional<LocalDate> d = earliestAffectedDate(t, old, current, now.invoices());
      if (d.isPresent() && (earliest == null || d.get().isBefore(earliest))) {
        earliest = d.get();
      }
    }
    return Optional.ofNullable(earliest);
  }

  /** The rows that differ between two snapshots (both directions), on the given columns. */
  static Dataset<Row> changedRows(Dataset<Row> before, Dataset<Row> after, String... columns) {
    Dataset<Row> b = before.selectExpr(columns);
    Dataset<Row> a = after.selectExpr(columns);
    return a.except(b).union(b.except(a));
  }

  /**
   * The earliest date a change to {@code table} can affect the KPI series; empty when nothing that
   * the series uses changed.
   */
  static Optional<LocalDate> earliestAffectedDate(
      CanonicalTable table, Dataset<Row> before, Dataset<Row> after, Dataset<Row> invoicesNow) {
    Dataset<Row> dates;
    switch (table) {
      case INVOICES -> dates =
          changedRows(before, after, "invoice_id", "customer_id", "issue_date", "due_date", "amount", "doc_type")
              .select(col("issue_date").as("d"));
      case PAYMENTS -> dates =
          changedRows(before, after, "payment_id", "invoice_id", "payment_date", "amount").select(col("payment_date").as("d"));
      case CUSTOMERS -> {
        Dataset<Row> moved =
            changedRows(before, after, "customer_id", "country", "sector", "size_band").select("customer_id").distinct();
        dates = invoicesNow.join(moved, "customer_id").select(col("issue_date").as("d"));
      }
      default -> {
        return Optional.empty();
      }
    }
    Row r = dates.agg(min("d")).first();
    return r.isNullAt(0) ? Optional.empty() : Optional.of(((Date) r.get(0)).toLocalDate());
  }
}
