package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.core.metrics.AgingSlabs;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;

/**
 * The aging items of a new date D from those of the latest earlier date D0 in {@code aging_items}
 * and what happened or changed since, instead of from every invoice and allocation in the history.
 *
 * <p>An invoice can be open at D only if it is one of these <b>candidates</b>:
 *
 * <ul>
 *   <li>open at D0 (the D0 partition, computed from the input versions it records);
 *   <li>issued in (D0, D];
 *   <li>paid in (D0, D]: an allocation takes effect on the later of its payment date and the
 *       invoice's issue date, so for an invoice issued by D0 it takes effect in (D0, D] only if it
 *       is dated then;
 *   <li>changed since D0's versions: an invoice row, or a payment row of it, added, removed or
 *       updated on the columns the aging reads (Delta's change data feed between the versions,
 *       netted per row, or the two snapshots compared when the feed cannot be read).
 * </ul>
 *
 * Any other invoice was closed at D0, has the same rows as then, and no allocation taking effect
 * after D0 and on or before D: it is closed at D. The items of D are then {@link
 * AgingSnapshot#items} over the candidates and their payments only: the same rows as over the whole
 * history, which {@code AnalyticsJobTest} checks on a ledger with late-arriving and corrected rows.
 */
final class IncrementalAging {
  private IncrementalAging() {}

  /** The items of D from the candidates, and what the log says about how they were found. */
  record Result(Dataset<Row> items, LocalDate previous, long candidates, String howRead) {}

  /**
   * The items open at {@code asOf} from the latest earlier partition; empty when there is none, or
   * when it holds no item (then it records no input versions to compare with).
   *
   * @throws RuntimeException when the recorded versions can no longer be read (vacuumed): the
   *     caller recomputes from the whole history
   */
  static Optional<Result> items(
      Warehouse warehouse, AnalyticsInputs inputs, LocalDate asOf, AgingSlabs slabs) {
    if (!warehouse.exists(AnalyticsJob.AGING_ITEMS)) {
      return Optional.empty();
    }
    Dataset<Row> table = AgingSnapshot.written(warehouse);
    Row latest =
        table.filter(col("as_of_date").lt(Columns.date(asOf))).agg(max("as_of_date")).first();
    if (latest.isNullAt(0)) {
      return Optional.empty();
    }
    LocalDate previous = ((Date) latest.get(0)).toLocalDate();
    Dataset<Row> openBefore = table.filter(col("as_of_date").equalTo(Columns.date(previous)));
    Optional<Map<String, Long>> stamp = Provenance.recorded(openBefore);
    if (stamp.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Long> recorded = stamp.get();

    List<String> howRead = new ArrayList<>();
    Dataset<Row> changedInvoices =
        changed(warehouse, CanonicalTable.INVOICES, recorded, inputs, howRead);
    Dataset<Row> changedPayments =
        changed(warehouse, CanonicalTable.PAYMENTS, recorded, inputs, howRead);
    Dataset<Row> sinceBefore =
        inputs
            .invoices()
            .filter(
                col("issue_date")
                    .gt(Columns.date(previous))
                    .and(col("issue_date").leq(Columns.date(asOf))));
    Dataset<Row> paidSince =
        inputs
            .payments()
            .filter(
                col("payment_date")
                    .gt(Columns.date(previous))
                    .and(col("payment_date").leq(Columns.date(asOf))));
    SmallSets.Counted candidates =
        SmallSets.counted(
            openBefore
                .select("invoice_id")
                .union(sinceBefore.select("invoice_id"))
                .union(paidSince.select("invoice_id"))
                .union(changedInvoices.select("invoice_id"))
                .union(changedPayments.select("invoice_id"))
                .filter(col("invoice_id").isNotNull())
                .distinct());
    Dataset<Row> ids = candidates.forJoin();
    Dataset<Row> invoices = inputs.invoices().join(ids, new String[] {"invoice_id"}, "left_semi");
    Dataset<Row> payments = inputs.payments().join(ids, new String[] {"invoice_id"}, "left_semi");
    Dataset<Row> items =
        AgingSnapshot.items(invoices, Allocations.effective(invoices, payments), asOf, slabs);
    String how = howRead.isEmpty() ? "no input changed since" : String.join("; ", howRead);
    return Optional.of(new Result(items, previous, candidates.count(), how));
  }

  /** The columns of an input the aging items read: a change to any other column changes no item. */
  static String[] agingColumns(CanonicalTable table) {
    return switch (table) {
      case INVOICES ->
          new String[] {
            "invoice_id",
            "customer_id",
            "issue_date",
            "due_date",
            "amount",
            "doc_type",
            "disputed",
            "dispute_date"
          };
      case PAYMENTS -> new String[] {"payment_id", "invoice_id", "payment_date", "amount"};
      default -> throw new IllegalArgumentException("the aging does not read " + table.tableName());
    };
  }

  /**
   * Rows of a table changed between the recorded version and the one read now, on {@link
   * #agingColumns}.
   */
  private static Dataset<Row> changed(
      Warehouse warehouse,
      CanonicalTable table,
      Map<String, Long> recorded,
      AnalyticsInputs now,
      List<String> howRead) {
    return ChangedHistories.changed(warehouse, table, agingColumns(table), recorded, now, howRead);
  }
}
