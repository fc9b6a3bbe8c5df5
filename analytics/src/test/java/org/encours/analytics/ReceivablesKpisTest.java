package org.encours.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The monthly series over a leap February, with hand-computed expectations in the comments. */
class ReceivablesKpisTest {

  /**
   * One customer. A 3,000 issued 01-10 due 02-09, paid 02-20. B 2,000 issued 02-05 due 03-06, paid
   * 500 on 02-25 and 1,500 on 04-10 (after the series). C 1,000 issued 03-15 due 04-14, unpaid. CN
   * credit note -100 issued 03-20, unsettled.
   */
  static Ledger fixture() {
    return new Ledger()
        .customer("C1", "FR", "retail", "small", null)
        .invoice("A", "C1", "2024-01-10", "2024-02-09", "3000")
        .payment("PA", "A", "2024-02-20", "3000")
        .invoice("B", "C1", "2024-02-05", "2024-03-06", "2000")
        .payment("PB1", "B", "2024-02-25", "500")
        .payment("PB2", "B", "2024-04-10", "1500")
        .invoice("C", "C1", "2024-03-15", "2024-04-14", "1000")
        .creditNote("CN", "C1", "2024-03-20", "-100");
  }

  static List<Row> portfolio(Ledger l, String from, String to) {
    AnalyticsInputs in = l.inputs();
    Dataset<Row> kpis =
        ReceivablesKpis.monthly(
            in.invoices(),
            in.allocations(),
            in.customers(),
            YearMonth.parse(from),
            YearMonth.parse(to),
            ReceivablesKpis.Options.defaults());
    return kpis.filter("level = 'portfolio'").orderBy("as_of_date").collectAsList();
  }

  static String money(Row r, String column) {
    return r.getAs(column).toString();
  }

  static double num(Row r, String column) {
    return ((Number) r.getAs(column)).doubleValue();
  }

  @Test
  void januaryMonthEndCountsBackWithinTheMonth() {
    Row jan = portfolio(fixture(), "2024-01", "2024-03").get(0);
    assertThat(jan.getAs("as_of_date").toString()).isEqualTo("2024-01-31");
    // AR 3,000 all current; period Nov-Jan = 30 + 31 + 31 = 92 days, sales 3,000: DSO 92.0
    assertThat(money(jan, "ar")).isEqualTo("3000.00");
    assertThat(money(jan, "current_ar")).isEqualTo("3000.00");
    assertThat((Integer) jan.getAs("dso_period_days")).isEqualTo(92);
    assertThat(num(jan, "dso_standard")).isEqualTo(92.0);
    // count-back: 3,000 absorbs January's 3,000 exactly: 31 days
    assertThat(num(jan, "dso_count_back")).isEqualTo(31.0);
    // CEI: AR(begin 2023-10-31) 0, S/N = 1,000: (0 + 1,000 - 3,000) / (0 + 1,000 - 3,000) = 100 %;
    // whole S: (3,000 - 3,000) / (3,000 - 3,000): undefined
    assertThat(num(jan, "cei")).isEqualTo(100.0);
    assertThat((Object) jan.getAs("cei_whole_period_sales")).isNull();
  }

  @Test
  void theLeapFebruaryHas29DaysInThePeriodAndInTheWalk() {
    Row feb = portfolio(fixture(), "2024-01", "2024-03").get(1);
    assertThat(feb.getAs("as_of_date").toString()).isEqualTo("2024-02-29");
    // A paid 02-20; B 2,000 - 500 (partial) = 1,500 open, due 03-06: current
    assertThat(money(feb, "ar")).isEqualTo("1500.00");
    assertThat(money(feb, "credit_sales")).isEqualTo("2000.00");
    // Dec-Feb = 31 + 31 + 29 = 91 days; 1,500 / 5,000 x 91 = 27.3
    assertThat((Integer) feb.getAs("dso_period_days")).isEqualTo(91);
    assertThat(num(feb, "dso_standard")).isCloseTo(27.3, within(1e-9));
    // count-back: 1,500 < February's 2,000: 1,500 / 2,000 x 29 = 21.75
    assertThat(num(feb, "dso_count_back")).isEqualTo(21.75);
    assertThat(num(feb, "add_count_back")).isEqualTo(0.0);
  }

  @Test
  void marchCountBackSpansTwoMonthsAndCreditsReduceAr() {
    Row mar = portfolio(fixture(), "2024-01", "2024-03").get(2);
    // B 1,500 open, 25 days overdue (paid 04-10, after D); C 1,000 current; CN -100 credit
    // AR = 1,500 + 1,000 - 100 = 2,400; sales March = 1,000 - 100 = 900
    assertThat(money(mar, "ar")).isEqualTo("2400.00");
    assertThat(money(mar, "current_ar")).isEqualTo("1000.00");
    assertThat(money(mar, "overdue_ar")).isEqualTo("1500.00");
    assertThat(money(mar, "overdue_60_ar")).isEqualTo("0.00");
    assertThat(money(mar, "credits")).isEqualTo("-100.00");
    assertThat(money(mar, "credit_sales")).isEqualTo("900.00");
    assertThat(num(mar, "share_overdue_60")).isEqualTo(0.0);
    // standard: Jan-Mar = 91 days, sales 3,000 + 2,000 + 900 = 5,900: 2,400 x 91 / 5,900 =
    // 37.0169...
    assertThat(num(mar, "dso_standard")).isCloseTo(2400.0 * 91 / 5900, within(1e-9));
    // count-back: March 900 absorbed (31 d, 1,500 left), then 1,500 / 2,000 x 29 = 21.75: 52.75
    assertThat(num(mar, "dso_count_back")).isEqualTo(52.75);
    // BPDSO count-back on current 1,000: March 900 (31 d, 100 left), 100 / 2,000 x 29 = 1.45: 32.45
    assertThat(num(mar, "bpdso_count_back")).isCloseTo(32.45, within(1e-9));
    assertThat(num(mar, "add_count_back")).isCloseTo(20.3, within(1e-9));
    // ADD standard = (2,400 - 1,000) x 91 / 5,900
    assertThat(num(mar, "add_standard")).isCloseTo(1400.0 * 91 / 5900, within(1e-9));
    // CEI whole S: (0 + 5,900 - 2,400) / (0 + 5,900 - 1,000) = 3,500 / 4,900 = 71.43 %
    assertThat(num(mar, "cei_whole_period_sales")).isCloseTo(100.0 * 3500 / 4900, within(1e-9));
    // CEI S/N: (5,900/3 - 2,400) / (5,900/3 - 1,000) = -433.33 / 966.67 = -44.83 %
    assertThat(num(mar, "cei"))
        .isCloseTo(100.0 * (5900.0 / 3 - 2400) / (5900.0 / 3 - 1000), within(1e-9));
  }

  @Test
  void everyLevelHasARowPerMonth() {
    AnalyticsInputs in = fixture().inputs();
    Dataset<Row> kpis =
        ReceivablesKpis.monthly(
            in.invoices(),
            in.allocations(),
            in.customers(),
            YearMonth.parse("2024-02"),
            YearMonth.parse("2024-03"),
            ReceivablesKpis.Options.defaults());
    // 5 levels (customer C1, country FR, sector retail, size small, portfolio) x 2 months
    assertThat(kpis.count()).isEqualTo(10);
    assertThat(
            kpis.filter("level = 'customer' and entity_id = 'C1' and as_of_date = '2024-03-31'")
                .first()
                .getAs("ar")
                .toString())
        .isEqualTo("2400.00");
  }

  /**
   * A month asked for alone is built from its own few months of rows, yet its count-back walk
   * reaches back to the first invoice. C1: A 6,000 issued 2024-01-10, unpaid; then one 100 invoice
   * on the 15th of each month February to July, each paid on the 20th. At 2024-07-31 AR = 6,000;
   * the walk absorbs July to February (100 each: 31 + 30 + 31 + 30 + 31 + 29 = 182 days, 5,400
   * left), then 5,400 / 6,000 x 31 = 27.9 days of January: 209.9 days.
   */
  @Test
  void oneMonthAloneCountsBackThroughTheWholeHistoryAndEqualsTheWholeSeries() {
    Ledger l =
        new Ledger()
            .customer("C1", "FR", "retail", "small", null)
            .invoice("A", "C1", "2024-01-10", "2024-02-09", "6000");
    for (int m = 2; m <= 7; m++) {
      String id = "M" + m;
      l.invoice(id, "C1", "2024-0" + m + "-15", "2024-0" + m + "-28", "100")
          .payment("P" + m, id, "2024-0" + m + "-20", "100");
    }
    Row alone = portfolio(l, "2024-07", "2024-07").get(0);
    assertThat(money(alone, "ar")).isEqualTo("6000.00");
    assertThat(num(alone, "dso_count_back")).isCloseTo(209.9, within(1e-9));
    // CEI opening AR: 2024-04-30, A still open
    assertThat(money(alone, "cei_ar_begin")).isEqualTo("6000.00");
    Row inSeries = portfolio(l, "2024-01", "2024-07").get(6);
    assertThat(inSeries.getAs("as_of_date").toString()).isEqualTo("2024-07-31");
    assertThat(alone).isEqualTo(inSeries);
  }

  /**
   * CreditGuru's worked CEI example rebuilt as a ledger: AR at 2024-12-31 = 6,200 (D1); sales
   * January 3,390, February 3,610, March 3,890 (10,890); at 2025-03-31 D1 has 2,750 left (overdue)
   * and M1 3,890 - 300 = 3,590 (current): AR 6,340, current 3,590.
   */
  @Test
  void theCreditguruExampleGives559And7963Percent() {
    Ledger l =
        new Ledger()
            .customer("G", "FR", "retail", "small", null)
            .invoice("D1", "G", "2024-12-01", "2024-12-31", "6200")
            .payment("PD1", "D1", "2025-03-15", "3450")
            .invoice("J1", "G", "2025-01-10", "2025-02-09", "3390")
            .payment("PJ1", "J1", "2025-02-05", "3390")
            .invoice("F1", "G", "2025-02-10", "2025-03-12", "3610")
            .payment("PF1", "F1", "2025-03-10", "3610")
            .invoice("M1", "G", "2025-03-10", "2025-04-09", "3890")
            .payment("PM1", "M1", "2025-03-25", "300");
    Row mar = portfolio(l, "2025-03", "2025-03").get(0);
    assertThat(money(mar, "cei_ar_begin")).isEqualTo("6200.00");
    assertThat(money(mar, "cei_period_sales")).isEqualTo("10890.00");
    assertThat(money(mar, "ar")).isEqualTo("6340.00");
    assertThat(money(mar, "current_ar")).isEqualTo("3590.00");
    assertThat(Math.round(num(mar, "cei") * 10) / 10.0).isEqualTo(55.9);
    assertThat(Math.round(num(mar, "cei_whole_period_sales") * 100) / 100.0).isEqualTo(79.63);
  }
}
