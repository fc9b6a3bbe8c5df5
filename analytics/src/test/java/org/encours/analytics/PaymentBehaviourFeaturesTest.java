package org.encours.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** Payment behaviour as of a date, and for many dates at once, computed by hand. */
class PaymentBehaviourFeaturesTest {

  /**
   * A 1,000 issued 01-10 due 02-09 paid on its due date (not late, 30 days to pay). B 3,000 issued
   * 01-15 due 02-14 paid 1,000 on 02-20 and 2,000 on 02-24 (partial; 10 days late, 40 days to pay).
   * C 500 issued 02-01 due 03-02 paid 04-05. E 200 issued 03-10 due 04-09, disputed 03-20. Dunning:
   * reminder_1 03-05, reminder_2 03-15, formal_notice 04-02. Credit limit 5,000.
   */
  static Ledger fixture() {
    return new Ledger()
        .customer("C1", "FR", "retail", "small", "5000")
        .invoice("A", "C1", "2024-01-10", "2024-02-09", "1000")
        .payment("PA", "A", "2024-02-09", "1000")
        .invoice("B", "C1", "2024-01-15", "2024-02-14", "3000")
        .payment("PB1", "B", "2024-02-20", "1000")
        .payment("PB2", "B", "2024-02-24", "2000")
        .invoice("C", "C1", "2024-02-01", "2024-03-02", "500")
        .payment("PC", "C", "2024-04-05", "500")
        .invoice("E", "C1", "2024-03-10", "2024-04-09", "200")
        .disputed("E", "2024-03-20")
        .dunning("D1", "C", "C1", "2024-03-05", "reminder_1")
        .dunning("D2", "C", "C1", "2024-03-15", "reminder_2")
        .dunning("D3", "C", "C1", "2024-04-02", "formal_notice");
  }

  static Dataset<Row> points(String... dates) {
    StructType schema =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("as_of_date", DataTypes.DateType);
    List<Row> rows = new java.util.ArrayList<>();
    for (String d : dates) {
      rows.add(RowFactory.create("C1", java.sql.Date.valueOf(d)));
    }
    return SharedSpark.session().createDataFrame(rows, schema);
  }

  static List<Row> features(Ledger l, Dataset<Row> points) {
    AnalyticsInputs in = l.inputs();
    return PaymentBehaviourFeatures.compute(
            in.invoices(), in.allocations(), in.customers(), in.dunning(), points)
        .orderBy("as_of_date")
        .collectAsList();
  }

  static Row at(String date) {
    return features(fixture(), points(date)).get(0);
  }

  @Test
  void aDisputeKnownFromTheFlagAloneCountsFromTheIssueDate() {
    // E (200, issued 03-10) flagged disputed without a date: disputed from 03-10, not before
    Ledger flagOnly = fixture().disputed("E", null);
    Row before = features(flagOnly, points("2024-03-09")).get(0);
    Row onIssue = features(flagOnly, points("2024-03-10")).get(0);
    assertThat((Integer) before.getAs("disputed_invoices")).isZero();
    assertThat((Integer) onIssue.getAs("disputed_invoices")).isEqualTo(1);
    assertThat(onIssue.getAs("disputed_open_amount").toString()).isEqualTo("200.00");
  }

  @Test
  void anInvoicePaidOnItsDueDateIsNotLate() {
    Row r = at("2024-02-09");
    assertThat((Integer) r.getAs("invoices_paid")).isEqualTo(1);
    assertThat((Integer) r.getAs("paid_late_count")).isZero();
    assertThat((Integer) r.getAs("days_late_max")).isZero();
    assertThat((Double) r.getAs("dbt_paid")).isEqualTo(0.0);
  }

  @Test
  void theFeaturesAtTheEndOfMarchMatchTheHandComputation() {
    Row r = at("2024-03-31");
    assertThat((Integer) r.getAs("invoices_issued")).isEqualTo(4);
    assertThat((Integer) r.getAs("invoices_paid")).isEqualTo(2); // A and B; C is paid after D
    assertThat((Double) r.getAs("paid_late_share")).isEqualTo(0.5);
    assertThat((Double) r.getAs("days_late_mean")).isEqualTo(5.0); // (0 + 10) / 2
    assertThat((Integer) r.getAs("days_late_median"))
        .isZero(); // nearest rank: ceil(0.5 x 2) = 1st of [0, 10]
    assertThat((Integer) r.getAs("days_late_p90")).isEqualTo(10); // ceil(0.9 x 2) = 2nd
    // by amount: (1,000 x 0 + 3,000 x 10) / 4,000 = 7.5; 50 % of 4,000 reached at 10 days
    assertThat((Double) r.getAs("days_late_mean_by_amount")).isEqualTo(7.5);
    assertThat((Integer) r.getAs("days_late_median_by_amount")).isEqualTo(10);
    assertThat((Double) r.getAs("dbt_paid")).isEqualTo(7.5);
    // open: C 500, 29 days past due (03-02 -> 03-31); E 200, due in 9 days:
    // DBT open = (500 x 29 + 200 x -9) / 700 = 12,700 / 700
    assertThat(r.getAs("open_exposure").toString()).isEqualTo("700.00");
    assertThat(r.getAs("overdue_exposure").toString()).isEqualTo("500.00");
    assertThat((Double) r.getAs("dbt_open")).isCloseTo(12700.0 / 700, within(1e-12));
    assertThat((Double) r.getAs("exposure_to_limit")).isCloseTo(0.14, within(1e-12));
    assertThat((Integer) r.getAs("disputed_invoices")).isEqualTo(1);
    assertThat(r.getAs("disputed_open_amount").toString()).isEqualTo("200.00");
    // formal_notice is dated 04-02, after D: the highest stage reached is reminder_2
    assertThat((String) r.getAs("dunning_stage_max")).isEqualTo("reminder_2");
    assertThat((Integer) r.getAs("dunning_stage_rank")).isEqualTo(2);
    assertThat((Double) r.getAs("partial_payment_share")).isEqualTo(0.5); // B of {A, B}
    assertThat((Integer) r.getAs("days_since_last_payment")).isEqualTo(36); // 02-24 -> 03-31
    assertThat((Double) r.getAs("avg_days_to_pay")).isEqualTo(35.0); // (30 + 40) / 2
    assertThat((Double) r.getAs("late_share_3m")).isEqualTo(0.5);
    assertThat((Double) r.getAs("late_share_trend")).isEqualTo(0.0);
  }

  @Test
  void manyPointsSeeOnlyTheirOwnPastToTheDay() {
    List<Row> rows =
        features(fixture(), points("2024-01-09", "2024-02-23", "2024-02-24", "2024-04-05"));
    // before anything was issued
    assertThat((Integer) rows.get(0).getAs("invoices_issued")).isZero();
    assertThat(rows.get(0).getAs("open_exposure").toString()).isEqualTo("0.00");
    // 02-23: B still has 2,000 open, 9 days past due; 02-24: B settled that day
    assertThat((Integer) rows.get(1).getAs("invoices_paid")).isEqualTo(1);
    assertThat(rows.get(1).getAs("overdue_exposure").toString()).isEqualTo("2000.00");
    assertThat((Integer) rows.get(2).getAs("invoices_paid")).isEqualTo(2);
    // 04-05: C paid that day, 34 days late (03-02 -> 04-05); the formal notice of 04-02 is known
    assertThat((Integer) rows.get(3).getAs("days_late_max")).isEqualTo(34);
    assertThat((String) rows.get(3).getAs("dunning_stage_max")).isEqualTo("formal_notice");
  }

  @Test
  void onePointPerInvoiceIsTheDayBeforeItsIssueDate() {
    AnalyticsInputs in = fixture().inputs();
    List<Row> rows =
        features(fixture(), PaymentBehaviourFeatures.pointsBeforeEachInvoice(in.invoices()));
    assertThat(rows)
        .extracting(r -> r.getAs("as_of_date").toString())
        .containsExactly("2024-01-09", "2024-01-14", "2024-01-31", "2024-03-09");
    // before C (01-31): A and B issued, none paid; the invoice being scored is never visible
    assertThat(rows)
        .extracting(r -> (Integer) r.getAs("invoices_issued"))
        .containsExactly(0, 1, 2, 3);
  }

  @Test
  void aCustomerWithoutHistoryGetsARowWithEmptyStatistics() {
    Row r =
        features(new Ledger().customer("C1", "FR", null, null, null), points("2024-01-01")).get(0);
    assertThat((Integer) r.getAs("invoices_paid")).isZero();
    assertThat((Object) r.getAs("paid_late_share")).isNull();
    assertThat((Object) r.getAs("days_since_last_payment")).isNull();
  }

  /**
   * Seven invoices of 100, all due 01-31. Settled: V1 01-20 (on time), V2 02-05 (5 days late), V3
   * 03-15 (44 late), V4 and V5 both 04-01 (61 late), V6 04-01 too but issued 02-01 due 03-02 (30
   * late), V7 never. At 04-01 the last five settled, by date then id, are V2, V3, V4, V5, V6: all
   * late, V3, V4 and V5 more than 30 days late (V6 exactly 30 is not). At 03-31: V1, V2, V3.
   */
  @Test
  void theLastFiveSettledInvoicesAreRankedBySettlementDateThenInvoiceId() {
    Ledger l = new Ledger().customer("C1", "FR", "retail", "small", "5000");
    for (String v : List.of("V1", "V2", "V3", "V4", "V5", "V7")) {
      l.invoice(v, "C1", "2024-01-01", "2024-01-31", "100");
    }
    l.invoice("V6", "C1", "2024-02-01", "2024-03-02", "100")
        .payment("P1", "V1", "2024-01-20", "100")
        .payment("P2", "V2", "2024-02-05", "100")
        .payment("P3", "V3", "2024-03-15", "100")
        .payment("P6", "V6", "2024-04-01", "100")
        .payment("P5", "V5", "2024-04-01", "100")
        .payment("P4", "V4", "2024-04-01", "100");
    List<Row> rows = features(l, points("2024-03-31", "2024-04-01"));
    Row march = rows.get(0);
    assertThat(
            List.of(
                march.getAs("late0_last5"),
                march.getAs("late30_last5"),
                march.getAs("settled_last5")))
        .containsExactly(2, 1, 3);
    Row april = rows.get(1);
    assertThat(
            List.of(
                april.getAs("late0_last5"),
                april.getAs("late30_last5"),
                april.getAs("settled_last5")))
        .containsExactly(5, 3, 5);
    assertThat((Integer) april.getAs("prior_invoices")).isEqualTo(7);
    assertThat(april.getAs("prior_amount").toString()).isEqualTo("700.00");
  }

  /**
   * A 100 issued 02-01 due 03-02: on 03-01 a payment of 100 and its reversal (-100); paid again
   * 03-20. Settlement is judged on the day's total: A is settled on 03-20 (18 days late), not on
   * 03-01, whatever order the day's two allocations come in.
   */
  @Test
  void anInvoiceIsSettledOnTheFirstDayWhoseTotalReachesItsAmount() {
    Ledger l =
        new Ledger()
            .customer("C1", "FR", "retail", "small", "5000")
            .invoice("A", "C1", "2024-02-01", "2024-03-02", "100")
            .payment("P1", "A", "2024-03-01", "100")
            .payment("P2", "A", "2024-03-01", "-100")
            .payment("P3", "A", "2024-03-20", "100");
    List<Row> rows = features(l, points("2024-03-01", "2024-03-20"));
    assertThat((Integer) rows.get(0).getAs("invoices_paid")).isZero();
    assertThat((Object) rows.get(0).getAs("settled_last5")).isNull();
    assertThat((Integer) rows.get(1).getAs("invoices_paid")).isEqualTo(1);
    assertThat((Integer) rows.get(1).getAs("days_late_max")).isEqualTo(18);
    assertThat((Integer) rows.get(1).getAs("late0_last5")).isEqualTo(1);
  }

  /**
   * A walk that goes on from the states kept on D0 gives, for every later point, the rows of a walk
   * over the whole history: on the seeded random ledger (partial payments, over-payments, credit
   * notes, prepayments, disputes, dunning, a refund on a settled invoice), from each quarter's end
   * D0 to the next month end, with the customers whose later allocations go to an invoice closed on
   * D0 walked whole. The states kept on D are the same bytes.
   */
  @Test
  void aWalkGoingOnFromTheStatesKeptOnADateGivesTheRowsOfAWalkOverTheWholeHistory() {
    Ledger l = IndependentComputationTest.randomLedger(20240229L);
    // and a refund of 20.00 in May 2024 on an invoice settled in March 2023: it reopens
    l.invoice("R1", "C5", "2023-02-01", "2023-03-03", "100.00")
        .payment("PR1", "R1", "2023-03-01", "100.00")
        .payment("PR2", "R1", "2024-05-10", "-20.00");
    AnalyticsInputs in = l.inputs();
    Dataset<Row> allocations = in.allocations().cache();
    int carried = 0;
    int replayed = 0;
    for (java.time.YearMonth m = java.time.YearMonth.of(2023, 7);
        m.isBefore(java.time.YearMonth.of(2025, 3));
        m = m.plusMonths(3)) {
      LocalDate d0 = m.atEndOfMonth();
      LocalDate d = m.plusMonths(1).atEndOfMonth();
      Dataset<Row> kept =
          PaymentBehaviourFeatures.compute(
                  null,
                  in.invoices(),
                  allocations,
                  in.customers(),
                  in.dunning(),
                  PaymentBehaviourFeatures.pointsAt(in.customers(), in.invoices(), d0),
                  d0)
              .select(
                  "customer_id",
                  PaymentBehaviourFeatures.STATE_COLUMN,
                  PaymentBehaviourFeatures.OPEN_INVOICES_COLUMN)
              .localCheckpoint(true); // walked once, read by the three uses below
      Dataset<Row> walkedWhole =
          PaymentBehaviourFeatures.allocatedToClosed(d0, kept, in.invoices(), in.payments())
              .localCheckpoint(true);
      Dataset<Row> states =
          kept.join(walkedWhole, new String[] {"customer_id"}, "left_anti").cache();
      // the later points: every customer on D0 and D, and the day before each invoice issued after
      // D0
      Dataset<Row> later =
          PaymentBehaviourFeatures.pointsAt(in.customers(), in.invoices(), d)
              .union(PaymentBehaviourFeatures.pointsAt(in.customers(), in.invoices(), d0))
              .union(
                  PaymentBehaviourFeatures.pointsBeforeEachInvoice(
                      in.invoices().filter(functions.col("issue_date").gt(Columns.date(d0)))));
      Dataset<Row> goingOn =
          PaymentBehaviourFeatures.compute(
              new PaymentBehaviourFeatures.Start(d0, states),
              in.invoices(),
              allocations,
              in.customers(),
              in.dunning(),
              later,
              d);
      Dataset<Row> whole =
          PaymentBehaviourFeatures.compute(
              null, in.invoices(), allocations, in.customers(), in.dunning(), later, d);
      assertThat(rows(goingOn)).as("as of %s from %s", d, d0).isEqualTo(rows(whole));
      carried += (int) states.count();
      replayed += (int) walkedWhole.count();
    }
    assertThat(carried).isGreaterThan(7 * 20);
    assertThat(replayed).isPositive();
  }

  /** The rows as text, sorted: the kept state in hexadecimal, its open invoices sorted. */
  private static List<String> rows(Dataset<Row> behaviour) {
    return behaviour
        .withColumn(
            PaymentBehaviourFeatures.OPEN_INVOICES_COLUMN,
            functions.sort_array(functions.col(PaymentBehaviourFeatures.OPEN_INVOICES_COLUMN)))
        .withColumn(
            PaymentBehaviourFeatures.STATE_COLUMN,
            functions.hex(functions.col(PaymentBehaviourFeatures.STATE_COLUMN)))
        .collectAsList()
        .stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }
}
