package org.encours.scoring;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.warehouse.CanonicalTable;
import org.junit.jupiter.api.Test;

/**
 * The training rows see nothing dated on or after an invoice's issue date, and the labels follow
 * the censoring rule. Customer C1: I1 issued 10 Jan 2024 due 9 Feb, paid 15 Mar (35 days late); I2,
 * the invoice under test, issued 1 Mar 2024 due 31 Mar.
 */
class PointInTimeTest {
  static TinyLedger base() {
    return new TinyLedger()
        .customer("C1", "FR", "retail", "small", "2023-06-01")
        .invoice("I0", "C1", "2023-12-01", "2023-12-31", "50.00")
        .payment("P0", "I0", "2024-01-20", "50.00") // 20 days late, before I2
        .invoice("I1", "C1", "2024-01-10", "2024-02-09", "100.00")
        .payment("P1", "I1", "2024-03-15", "100.00")
        .dunning("D1", "I1", "C1", "2024-02-20", "reminder_1")
        .invoice("I2", "C1", "2024-03-01", "2024-03-31", "200.00");
  }

  /** I2's feature row in each ledger, computed in one Spark job over all of them. */
  static List<Row> featuresOfI2(List<TinyLedger> ledgers) {
    TinyLedger l = TinyLedger.variants(ledgers);
    Dataset<Row> inv = l.df(CanonicalTable.INVOICES);
    Dataset<Row> f =
        TrainingSet.features(
            inv,
            l.allocations(),
            l.df(CanonicalTable.CUSTOMERS),
            l.df(CanonicalTable.DUNNING_EVENTS),
            TrainingSet.invoicePoints(inv.filter(col("invoice_id").endsWith("-I2"))));
    List<String> cols = new ArrayList<>(List.of("point_id"));
    cols.addAll(TrainingSet.NUMERIC_FEATURES);
    cols.addAll(TrainingSet.CATEGORICAL_FEATURES);
    cols.addAll(
        List.of("dunning_stage_max", "open_exposure", "overdue_exposure", "paid_late_count"));
    List<Row> rows =
        f.select(
                cols.stream()
                    .map(org.apache.spark.sql.functions::col)
                    .toArray(org.apache.spark.sql.Column[]::new))
            .collectAsList();
    List<Row> out = new ArrayList<>();
    for (int k = 0; k < ledgers.size(); k++) {
      String id = "V" + k + "-I2";
      Row r = rows.stream().filter(x -> x.getString(0).equals(id)).findFirst().orElseThrow();
      Object[] v = new Object[r.length() - 1];
      for (int i = 1; i < r.length(); i++) {
        v[i - 1] = r.get(i);
      }
      out.add(
          new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
              v,
              new org.apache.spark.sql.types.StructType(
                  java.util.Arrays.copyOfRange(r.schema().fields(), 1, r.length()))));
    }
    return out;
  }

  @Test
  void aDisputeWithoutADateIsLeftOutOfTheTrainingRowsAndCountedWhenScoring() {
    // I1 (issued 01-10, before I2) flagged disputed without a date: it may have been raised after
    // I2's issue, so I2's training row ignores it; scoring (features as of a date) counts it
    TinyLedger l =
        TinyLedger.variants(
            List.of(
                base(),
                base().invoice("I1", "C1", "2024-01-10", "2024-02-09", "100.00", true, null)));
    Dataset<Row> inv = l.df(CanonicalTable.INVOICES);
    Dataset<Row> customers = l.df(CanonicalTable.CUSTOMERS);
    Dataset<Row> dunning = l.df(CanonicalTable.DUNNING_EVENTS);
    Dataset<Row> training =
        TrainingSet.labelled(
                inv, l.allocations(), customers, dunning, LocalDate.parse("2024-06-30"))
            .filter(col("point_id").endsWith("-I2"));
    assertThat(disputedInvoicesByPoint(training)).containsExactly(0.0, 0.0);
    Dataset<Row> scoring =
        TrainingSet.features(
            inv,
            l.allocations(),
            customers,
            dunning,
            TrainingSet.invoicePoints(inv.filter(col("invoice_id").endsWith("-I2"))));
    assertThat(disputedInvoicesByPoint(scoring)).containsExactly(0.0, 1.0);
  }

  /** The disputed_invoices feature of each row, in point_id order (variant 0 first). */
  private static List<Object> disputedInvoicesByPoint(Dataset<Row> rows) {
    return rows.orderBy("point_id").select("disputed_invoices").collectAsList().stream()
        .map(r -> r.get(0))
        .toList();
  }

  @Test
  void eventsDatedOnOrAfterTheIssueDateLeaveTheInvoiceFeaturesUnchanged() {
    List<TinyLedger> ledgers =
        new ArrayList<>(
            List.of(
                base(),
                base()
                    .payment(
                        "P1", "I1", "2024-03-25", "100.00"), // a later payment moved later still
                base()
                    .payment(
                        "P2", "I2", "2024-03-01", "200.00"), // the invoice paid on its issue day
                base()
                    .invoice(
                        "I2",
                        "C1",
                        "2024-03-01",
                        "2024-03-31",
                        "200.00",
                        true,
                        "2024-03-01"), // disputed from issue
                base()
                    .invoice(
                        "I1",
                        "C1",
                        "2024-01-10",
                        "2024-02-09",
                        "100.00",
                        true,
                        "2024-03-05"), // later dispute of I1
                base()
                    .dunning(
                        "D2",
                        "I1",
                        "C1",
                        "2024-03-01",
                        "formal_notice"), // a reminder on the issue day
                base().dunning("D3", "I2", "C1", "2024-04-10", "registered_letter"),
                base()
                    .invoice(
                        "I3",
                        "C1",
                        "2024-03-01",
                        "2024-03-31",
                        "9000.00"), // another invoice the same day
                base()
                    .invoice("I4", "C1", "2024-03-02", "2024-04-01", "9000.00")
                    .payment("P4", "I4", "2024-03-03", "9000.00"),
                // and the check can see: a payment of I1 before the issue date changes the row
                base().payment("P1", "I1", "2024-02-28", "100.00")));
    List<Row> rows = featuresOfI2(ledgers);
    Row before = rows.get(0);
    // what the row says, by hand: as of 29 Feb, I0 paid 20 days late, I1 open and 20 days overdue,
    // one reminder
    assertThat((double) before.getAs("invoices_paid")).isEqualTo(1.0);
    assertThat((double) before.getAs("paid_late_share")).isEqualTo(1.0);
    assertThat((double) before.getAs("late0_last5")).isEqualTo(1.0);
    assertThat((double) before.getAs("late30_last5")).isEqualTo(0.0);
    assertThat((double) before.getAs("overdue_items")).isEqualTo(1.0);
    assertThat((double) before.getAs("dunning_stage_rank")).isEqualTo(1.0);
    assertThat((double) before.getAs("amount_to_usual")).isEqualTo(200.0 / 75.0);
    assertThat((double) before.getAs("first_invoice")).isEqualTo(0.0);
    assertThat((double) before.getAs("terms_days")).isEqualTo(30.0);

    for (int k = 1; k < ledgers.size() - 1; k++) {
      assertThat(rows.get(k)).as("variant %d", k).isEqualTo(before);
    }
    assertThat(rows.get(ledgers.size() - 1)).isNotEqualTo(before);
  }

  @Test
  void labelsAreKnownOnlyWhenSettledByTheCutoffOrPastDuePlusT() {
    TinyLedger l =
        new TinyLedger()
            .customer("C1", "FR", "retail", "small", "2023-06-01")
            .invoice("A", "C1", "2024-03-01", "2024-03-31", "10.00")
            .payment("PA", "A", "2024-03-31", "10.00") // on the due date
            .invoice("B", "C1", "2024-03-01", "2024-03-31", "10.00")
            .payment("PB", "B", "2024-04-30", "10.00") // 30 days late
            .invoice("C", "C1", "2024-03-01", "2024-03-31", "10.00")
            .payment("PC", "C", "2024-05-01", "10.00") // 31 days late
            .invoice(
                "D", "C1", "2024-05-15", "2024-06-14", "10.00") // open, not yet due at the cutoff
            .invoice("E", "C1", "2024-03-01", "2024-03-31", "10.00")
            .payment("PE1", "E", "2024-04-01", "4.00") // partial: open
            .invoice("F", "C1", "2024-04-10", "2024-05-10", "10.00")
            .payment("PF", "F", "2024-06-02", "10.00"); // paid after the cutoff
    LocalDate cutoff = LocalDate.parse("2024-06-01");
    Dataset<Row> rows =
        TrainingSet.labelled(
                l.df(CanonicalTable.INVOICES),
                l.allocations(),
                l.df(CanonicalTable.CUSTOMERS),
                l.df(CanonicalTable.DUNNING_EVENTS),
                cutoff)
            .select("point_id", "late_t0", "late_t30", "days_late", "time_to_pay", "observed")
            .orderBy("point_id");
    List<Row> got = rows.collectAsList();
    // A: on time; B: 30 days (not more than 30); C: 31 days; D: open, not yet due at the cutoff
    // (both unknown);
    // E: open 62 days after due (late for both); F: settled after the cutoff, 22 days past due at
    // the cutoff
    assertThat(got.toString())
        .isEqualTo(
            "[[A,false,false,0,31.0,1.0], [B,true,false,30,61.0,1.0], [C,true,true,31,62.0,1.0],"
                + " [D,null,null,null,19.0,0.0], [E,true,true,null,94.0,0.0], [F,true,null,null,54.0,0.0]]");
  }
}
