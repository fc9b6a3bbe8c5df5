package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.Warehouse;

/**
 * The count-back walk's sales history, kept by each KPI run for the next one (internal table {@code
 * kpi_sales_history}, replaced by each run that writes months): one row per level and entity, its
 * credit sales of every month from its first month with a document ({@code first_month}) to the
 * run's last month ({@code through}), stamped with the input versions the run read.
 *
 * <p>A month built on the months already written then adds its own sales to this history instead of
 * summing every invoice of the history again. The kept history is used only when it runs at least
 * to the month before the first month rewritten and nothing changed since its input versions before
 * that month (the same change data {@link KpiRefresh} reads for the rows); else the history is
 * built from the invoices.
 */
final class KeptSalesHistory {
  static final String TABLE = DerivedTable.KPI_SALES_HISTORY.tableName();

  private KeptSalesHistory() {}

  /**
   * The kept history in {@link ReceivablesKpis#salesHistory}'s layout, or null; and, in words,
   * where the history comes from.
   */
  record Found(Dataset<Row> history, String how) {}

  /**
   * The kept history, when it can give the months before {@code first}; {@code changesRead} holds
   * the changes since input versions already read by {@link KpiRefresh} (and gets these ones).
   */
  static Found find(
      Warehouse warehouse,
      AnalyticsInputs inputs,
      YearMonth first,
      Map<Map<String, Long>, KpiRefresh.Changes> changesRead) {
    if (!warehouse.exists(TABLE)) {
      return fromInvoices("no sales history kept yet");
    }
    Dataset<Row> kept = warehouse.read(TABLE);
    // one run writes the whole table: its rows share these two
    List<Row> stamp = kept.select(col("through"), col(Provenance.COLUMN)).limit(1).collectAsList();
    if (stamp.isEmpty()) {
      return fromInvoices("the kept sales history is empty");
    }
    if (stamp.get(0).isNullAt(1)) {
      return fromInvoices("the kept sales history records no input versions");
    }
    YearMonth through = YearMonth.from(stamp.get(0).getDate(0).toLocalDate());
    if (through.isBefore(first.minusMonths(1))) {
      return fromInvoices("the kept sales history ends at " + through);
    }
    Map<String, Long> versions = stamp.get(0).getJavaMap(1);
    KpiRefresh.Changes changes = changesRead.get(versions);
    if (changes == null) {
      try {
        changes = KpiRefresh.changesSince(warehouse, versions, inputs);
      } catch (Exception e) {
        return fromInvoices("the kept sales history's input versions can no longer be read");
      }
      changesRead.put(versions, changes);
    }
    if (changes.earliest().isPresent()
        && YearMonth.from(changes.earliest().get()).isBefore(first)) {
      return fromInvoices(
          "inputs changed since the kept sales history from " + changes.earliest().get());
    }
    Dataset<Row> history =
        kept.select(
            col("level"),
            col("entity_id"),
            ReceivablesKpis.monthIndex(col("first_month")).as("_first_index"),
            col("monthly_sales").as("_sales_to_date"));
    return new Found(history, "the history kept through " + through);
  }

  private static Found fromInvoices(String why) {
    return new Found(null, "the invoices (" + why + ")");
  }

  /**
   * Replaces the kept history by {@code history} ({@link ReceivablesKpis.Series#salesHistory},
   * through {@code through}; computed once, a local checkpoint); returns its rows.
   */
  static long keep(
      Warehouse warehouse, Dataset<Row> history, YearMonth through, Map<String, Long> versions) {
    Dataset<Row> rows =
        history.select(
            col("level"),
            col("entity_id"),
            ReceivablesKpis.monthStartOf(col("_first_index")).as("first_month"),
            col("_sales_to_date").as("monthly_sales"),
            lit(Date.valueOf(through.atEndOfMonth())).as("through"));
    warehouse.overwrite(DerivedTable.KPI_SALES_HISTORY, Provenance.stamp(rows, versions));
    return history.count();
  }
}
