package org.encours.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.core.metrics.AgingSlabs;
import org.junit.jupiter.api.Test;

/** The aged balance on a leap day, with expectations computed by hand in the comments. */
class AgingSnapshotTest {
  static final LocalDate LEAP_DAY = LocalDate.parse("2024-02-29");

  /**
   * As of 2024-02-29: I1 1,000 - 400 (partial, 02-10) = 600 open, due 02-29: 0 days past due,
   * not_due (due today is not late) I2 500 due 01-30: 30 days past due -> 1-30; I3 300 due 01-29:
   * 31 days -> 31-60 I4 800 due 02-04, paid 03-05 after D: still open, 25 days -> 1-30 CN1 credit
   * note -200 unsettled -> credits; I5 250 over-paid 300 -> open -50 -> credits I6 issued 03-01
   * after D: absent; I7 100 prepaid on 02-01 before its issue 02-20: counted from issue, open 0 I8
   * 700 due 2023-10-01: 31+30+31+31+28 = 151 days -> >120, disputed only from 03-10 payment to
   * unknown invoice GHOST 75 on 02-15 -> unallocated -75 (outside the totals)
   */
  static Ledger fixture() {
    return new Ledger()
        .customer("C1", "FR", "retail", "small", "5000")
        .customer("C2", "DE", "industry", "large", null)
        .invoice("I1", "C1", "2024-01-15", "2024-02-29", "1000")
        .payment("P1", "I1", "2024-02-10", "400")
        .invoice("I2", "C1", "2023-12-01", "2024-01-30", "500")
        .invoice("I3", "C1", "2023-12-01", "2024-01-29", "300")
        .invoice("I4", "C2", "2024-01-05", "2024-02-04", "800")
        .payment("P4", "I4", "2024-03-05", "800")
        .creditNote("CN1", "C2", "2024-02-10", "-200")
        .invoice("I5", "C2", "2023-10-01", "2023-10-31", "250")
        .payment("P5", "I5", "2023-11-15", "300")
        .invoice("I6", "C2", "2024-03-01", "2024-03-31", "999")
        .invoice("I7", "C1", "2024-02-20", "2024-03-21", "100")
        .payment("P7", "I7", "2024-02-01", "100")
        .invoice("I8", "C2", "2023-09-01", "2023-10-01", "700")
        .disputed("I8", "2024-03-10")
        .payment("PX", "GHOST", "2024-02-15", "75");
  }

  static Dataset<Row> items(Ledger l, LocalDate d, AgingSlabs slabs) {
    AnalyticsInputs in = l.inputs();
    return AgingSnapshot.items(in.invoices(), in.allocations(), d, slabs);
  }

  static Dataset<Row> summary(Ledger l, LocalDate d) {
    AnalyticsInputs in = l.inputs();
    return AgingSnapshot.summary(
        items(l, d, AgingSlabs.defaults()),
        in.customers(),
        Allocations.unallocated(in.invoices(), in.payments()),
        d,
        AgingSlabs.defaults());
  }

  @Test
  void itemsOpenOnALeapDayAreAgedFromTheirDueDate() {
    List<Row> rows =
        items(fixture(), LEAP_DAY, AgingSlabs.defaults()).orderBy("invoice_id").collectAsList();
    assertThat(rows)
        .extracting(
            r -> r.getAs("invoice_id"),
            r -> r.getAs("open_amount").toString(),
            r -> r.getAs("days_past_due"),
            r -> r.getAs("bucket"))
        .containsExactly(
            tuple("CN1", "-200.00", 19, "credits"),
            tuple("I1", "600.00", 0, "not_due"),
            tuple("I2", "500.00", 30, "1-30"),
            tuple("I3", "300.00", 31, "31-60"),
            tuple("I4", "800.00", 25, "1-30"),
            tuple("I5", "-50.00", 121, "credits"),
            tuple("I8", "700.00", 151, ">120"));
  }

  @Test
  void anInvoicePaidAfterTheDateIsOpenAtTheDateAndClosedAfter() {
    assertThat(
            items(fixture(), LEAP_DAY, AgingSlabs.defaults()).filter("invoice_id = 'I4'").count())
        .isEqualTo(1);
    assertThat(
            items(fixture(), LocalDate.parse("2024-03-05"), AgingSlabs.defaults())
                .filter("invoice_id = 'I4'")
                .count())
        .isZero();
  }

  @Test
  void aDisputeCountsOnlyFromItsDisputeDate() {
    Row before =
        items(fixture(), LEAP_DAY, AgingSlabs.defaults()).filter("invoice_id = 'I8'").first();
    Row after =
        items(fixture(), LocalDate.parse("2024-03-10"), AgingSlabs.defaults())
            .filter("invoice_id = 'I8'")
            .first();
    assertThat((Boolean) before.getAs("disputed")).isFalse();
    assertThat((Boolean) after.getAs("disputed")).isTrue();
  }

  @Test
  void aDisputeKnownFromTheFlagAloneCountsFromTheIssueDate() {
    // I8 (issued 2023-09-01) flagged disputed without a date: disputed at every date it is open
    Ledger flagOnly = fixture().disputed("I8", null);
    Row r = items(flagOnly, LEAP_DAY, AgingSlabs.defaults()).filter("invoice_id = 'I8'").first();
    assertThat((Boolean) r.getAs("disputed")).isTrue();
    assertThat(
            items(flagOnly, LEAP_DAY, AgingSlabs.defaults())
                .filter("disputed and invoice_id <> 'I8'")
                .count())
        .isZero();
  }

  @Test
  void itemsCanBeAgedFromTheirIssueDate() {
    // I1 issued 01-15: 16 + 29 = 45 days on 02-29 -> 31-60; I3 issued 2023-12-01: 31 + 31 + 29 =
    // 90... minus 1 = 90 days -> 61-90
    List<Row> rows =
        items(fixture(), LEAP_DAY, AgingSlabs.parse("30,60,90", AgingSlabs.Basis.ISSUE_DATE))
            .filter("invoice_id in ('I1', 'I3')")
            .orderBy("invoice_id")
            .collectAsList();
    assertThat(rows)
        .extracting(r -> r.getAs("age_days"), r -> r.getAs("bucket"))
        .containsExactly(tuple(45, "31-60"), tuple(90, "61-90"));
  }

  @Test
  void thePortfolioShowsCreditsAndUnallocatedCashExplicitly() {
    // gross open AR = 600 + 1,300 + 300 + 700 = 2,900: the shares of the aged buckets; credits
    // (-250) on their own line without a share; unallocated cash outside
    List<Row> rows =
        summary(fixture(), LEAP_DAY)
            .filter("level = 'portfolio'")
            .orderBy("bucket_order")
            .collectAsList();
    assertThat(rows)
        .extracting(
            r -> r.getAs("bucket"),
            r -> r.getAs("open_amount").toString(),
            r -> r.getAs("open_count"),
            r -> r.getAs("share"))
        .containsExactly(
            tuple("not_due", "600.00", 1L, 600 / 2900.0),
            tuple("1-30", "1300.00", 2L, 1300 / 2900.0),
            tuple("31-60", "300.00", 1L, 300 / 2900.0),
            tuple(">120", "700.00", 1L, 700 / 2900.0),
            tuple("credits", "-250.00", 2L, null),
            tuple("unallocated", "-75.00", 1L, null));
    assertThat(rows.get(0).getAs("total_open").toString()).isEqualTo("2900.00");
  }

  @Test
  void customersAndSegmentsGetTheirOwnSharesOfTheirGrossArNeverAboveOneHundredPercent() {
    // C2 (DE): 1-30 800, >120 700, credits -250; gross 1,500 -> 0.5333, 0.4667 (net 1,250 would
    // give 0.64 and 0.56)
    List<Row> rows =
        summary(fixture(), LEAP_DAY)
            .filter("level = 'country' and entity_id = 'DE'")
            .orderBy("bucket_order")
            .collectAsList();
    assertThat(rows)
        .extracting(
            r -> r.getAs("bucket"), r -> r.getAs("open_amount").toString(), r -> r.getAs("share"))
        .containsExactly(
            tuple("1-30", "800.00", 800 / 1500.0),
            tuple(">120", "700.00", 700 / 1500.0),
            tuple("credits", "-250.00", null));
    assertThat(
            summary(fixture(), LEAP_DAY).filter("level = 'customer' and entity_id = 'C1'").count())
        .isEqualTo(3);
  }
}
