package org.encours.analytics;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;

/**
 * The customers whose history up to a date changed between some recorded input versions and the
 * versions read now: what a walk kept on that date ({@link PaymentBehaviourFeatures.Start}) and the
 * model outputs of their invoices at issue no longer hold for them.
 *
 * <p>A customer's history up to D0 changed when, between the versions (Delta's change data feed,
 * netted per row, or the two snapshots compared when the feed cannot be read), a row was added,
 * removed or changed on a column the walk or the models read:
 *
 * <ul>
 *   <li>one of its invoices issued on or before D0 (before or after the change): the issue, its
 *       allocations' effective dates, a dispute, the amount, terms or channel;
 *   <li>a payment dated on or before D0 of one of its invoices;
 *   <li>one of its dunning events dated on or before D0;
 *   <li>its customers row, on the attributes the models read (country, sector, size band, creation
 *       date).
 * </ul>
 *
 * Changes dated after D0 are the new events a walk going on from D0 reads anyway.
 */
public final class ChangedHistories {
  private ChangedHistories() {}

  /**
   * customer_id of the changed customers (distinct), and how each input was read, in user words.
   */
  public record Result(Dataset<Row> customers, List<String> howRead) {}

  public static Result since(
      Warehouse warehouse, Map<String, Long> recorded, AnalyticsInputs now, LocalDate d0) {
    List<String> howRead = new ArrayList<>();
    Column upToD0Issue = col("issue_date").leq(Columns.date(d0));
    Dataset<Row> invoices =
        changed(warehouse, CanonicalTable.INVOICES, recorded, now, howRead)
            .filter(upToD0Issue)
            .select("customer_id");
    SmallSets.Counted paidBy =
        SmallSets.counted(
            changed(warehouse, CanonicalTable.PAYMENTS, recorded, now, howRead)
                .filter(col("payment_date").leq(Columns.date(d0)))
                .select("invoice_id")
                .distinct());
    Dataset<Row> payments =
        now.invoices()
            .select("invoice_id", "customer_id")
            .join(paidBy.forJoin(), "invoice_id")
            .select("customer_id");
    Dataset<Row> dunning =
        changed(warehouse, CanonicalTable.DUNNING_EVENTS, recorded, now, howRead)
            .filter(col("event_date").leq(Columns.date(d0)))
            .select("customer_id");
    Dataset<Row> customers =
        changed(warehouse, CanonicalTable.CUSTOMERS, recorded, now, howRead).select("customer_id");
    Dataset<Row> all = invoices.union(payments).union(dunning).union(customers).distinct();
    return new Result(all, howRead);
  }

  /**
   * The columns of an input a walk or the models read: a change to any other column changes no
   * history.
   */
  static String[] historyColumns(CanonicalTable table) {
    return switch (table) {
      case INVOICES ->
          new String[] {
            "invoice_id",
            "customer_id",
            "issue_date",
            "due_date",
            "amount",
            "doc_type",
            "channel",
            "disputed",
            "dispute_date"
          };
      case PAYMENTS -> new String[] {"payment_id", "invoice_id", "payment_date", "amount"};
      case DUNNING_EVENTS ->
          new String[] {"event_id", "invoice_id", "customer_id", "event_date", "stage"};
      case CUSTOMERS ->
          new String[] {"customer_id", "country", "sector", "size_band", "created_date"};
    };
  }

  private static Dataset<Row> current(CanonicalTable table, AnalyticsInputs now) {
    return switch (table) {
      case INVOICES -> now.invoices();
      case PAYMENTS -> now.payments();
      case DUNNING_EVENTS -> now.dunning();
      case CUSTOMERS -> now.customers();
    };
  }

  private static Dataset<Row> changed(
      Warehouse warehouse,
      CanonicalTable table,
      Map<String, Long> recorded,
      AnalyticsInputs now,
      List<String> howRead) {
    return changed(warehouse, table, historyColumns(table), recorded, now, howRead);
  }

  /**
   * Rows of a table changed between the recorded version and the one read now, on the given columns
   * (also for {@link IncrementalAging}); says in {@code howRead} how they were read.
   */
  static Dataset<Row> changed(
      Warehouse warehouse,
      CanonicalTable table,
      String[] columns,
      Map<String, Long> recorded,
      AnalyticsInputs now,
      List<String> howRead) {
    long before = recorded.getOrDefault(table.tableName(), -1L);
    long after = now.versions().getOrDefault(table.tableName(), -1L);
    if (before == after) {
      return KpiRefresh.emptyTable(warehouse, table).selectExpr(columns);
    }
    if (before < 0) {
      howRead.add(table.tableName() + " did not exist at the recorded versions: every row is new");
      return current(table, now).selectExpr(columns);
    }
    String range = table.tableName() + " versions " + (before + 1) + ".." + after;
    try {
      Dataset<Row> feed =
          KpiRefresh.changedRowsInFeed(warehouse, table, before, after, columns)
              .localCheckpoint(true);
      howRead.add("changes read from the change data feed of " + range);
      return feed;
    } catch (Exception feedUnavailable) {
      howRead.add(
          "the change data feed of "
              + range
              + " cannot be read ("
              + KpiRefresh.whyNoFeed(feedUnavailable)
              + "): compared the snapshots at versions "
              + before
              + " and "
              + after);
      return KpiRefresh.changedRows(
          AnalyticsInputs.readAt(warehouse, table, before), current(table, now), columns);
    }
  }
}
