package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
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
    return level(l, "portfolio", from, to, ReceivablesKpis.Options.defaults());
  }

  static List<Row> level(
      Ledger l, String level, String from, String to, ReceivablesKpis.Options options) {
    AnalyticsInputs in = l.inputs();
    Dataset<Row> kpis =
        ReceivablesKpis.monthly(
            in.invoices(),
            in.allocations(),
            in.customers(),
            YearMonth.parse(from),
            YearMonth.parse(to),
            options);
    return kpis.filter(col("level").equalTo(level)).orderBy("as_of_date").collectAsList();
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
    // monthly CEI: AR(begin 2023-12-31) 0, S 3,000: (0 + 3,000 - 3,000) / (0 + 3,000 - 3,000):
    // nothing was due yet, undefined
    assertThat((Object) jan.getAs("cei")).isNull();
    // the data start in January: the 3-month DSO window reaches back to November
    assertThat((Boolean) jan.getAs("history_complete")).isFalse();
    assertThat(jan.<String>getList(jan.fieldIndex("caveats")))
        .containsExactly(
            "insufficient history: the data start in 2024-01 and this month's DSO and CEI"
                + " windows reach back to 2023-11",
            "CEI undefined: nothing was collectible in the period (opening AR plus credit sales,"
                + " less the current AR at month end, is not positive)");
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
    // monthly CEI: (3,000 + 2,000 - 1,500) / (3,000 + 2,000 - 1,500): all that was due collected
    assertThat(num(feb, "cei")).isEqualTo(100.0);
    assertThat((Boolean) feb.getAs("history_complete")).isFalse();
  }

  @Test
  void marchCountBackSpansTwoMonthsOnTheGrossArAndCreditsReduceTheNetAr() {
    Row mar = portfolio(fixture(), "2024-01", "2024-03").get(2);
    // B 1,500 open, 25 days overdue (paid 04-10, after D); C 1,000 current; CN -100 credit
    // AR = 1,500 + 1,000 - 100 = 2,400 (net); gross 2,500; sales March = 1,000 - 100 = 900
    assertThat(money(mar, "ar")).isEqualTo("2400.00");
    assertThat(money(mar, "gross_ar")).isEqualTo("2500.00");
    assertThat(money(mar, "current_ar")).isEqualTo("1000.00");
    assertThat(money(mar, "overdue_ar")).isEqualTo("1500.00");
    assertThat(money(mar, "overdue_60_ar")).isEqualTo("0.00");
    assertThat(money(mar, "credits")).isEqualTo("-100.00");
    assertThat(money(mar, "credit_sales")).isEqualTo("900.00");
    assertThat(num(mar, "share_overdue_60")).isEqualTo(0.0);
    // standard, on the gross AR: Jan-Mar = 91 days, sales 3,000 + 2,000 + 900 = 5,900:
    // 2,500 x 91 / 5,900 = 38.559...
    assertThat(num(mar, "dso_standard")).isCloseTo(2500.0 * 91 / 5900, within(1e-9));
    // count-back on 2,500: March 900 absorbed (31 d, 1,600 left), then 1,600 / 2,000 x 29 = 23.2
    assertThat(num(mar, "dso_count_back")).isCloseTo(54.2, within(1e-9));
    // BPDSO count-back on current 1,000: March 900 (31 d, 100 left), 100 / 2,000 x 29 = 1.45: 32.45
    assertThat(num(mar, "bpdso_count_back")).isCloseTo(32.45, within(1e-9));
    assertThat(num(mar, "add_count_back")).isCloseTo(21.75, within(1e-9));
    // ADD standard = overdue 1,500 x 91 / 5,900
    assertThat(num(mar, "add_standard")).isCloseTo(1500.0 * 91 / 5900, within(1e-9));
    // monthly CEI: (1,500 + 900 - 2,400) / (1,500 + 900 - 1,000) = 0 / 1,400: nothing collected
    assertThat(num(mar, "cei")).isEqualTo(0.0);
    assertThat((Boolean) mar.getAs("history_complete")).isTrue();
    assertThat(mar.<String>getList(mar.fieldIndex("caveats"))).isEmpty();
  }

  /**
   * Credits larger than the overdue AR. C1: I1 1,000 issued 01-05 due 02-04, unpaid (overdue at
   * March end); I2 2,000 issued 02-10 due 03-11, paid 03-05; I3 1,000 issued 03-20 due 04-19
   * (current); CN -1,500 issued 03-25, unsettled. At March end: net AR 1,000 + 1,000 - 1,500 = 500,
   * gross 2,000; sales January-March 1,000 + 2,000 + (1,000 - 1,500) = 2,500 over 91 days.
   */
  @Test
  void largeCreditsNeitherMakeAddNegativeNorHideWhyTheCeiPassesOneHundred() {
    Ledger l =
        new Ledger()
            .customer("C1", "FR", "retail", "small", null)
            .invoice("I1", "C1", "2024-01-05", "2024-02-04", "1000")
            .invoice("I2", "C1", "2024-02-10", "2024-03-11", "2000")
            .payment("P2", "I2", "2024-03-05", "2000")
            .invoice("I3", "C1", "2024-03-20", "2024-04-19", "1000")
            .creditNote("CN", "C1", "2024-03-25", "-1500");
    Row mar = portfolio(l, "2024-03", "2024-03").get(0);
    assertThat(money(mar, "ar")).isEqualTo("500.00");
    assertThat(money(mar, "gross_ar")).isEqualTo("2000.00");
    // DSO 2,000 x 91 / 2,500 = 72.8; BPDSO 1,000 x 91 / 2,500 = 36.4; ADD = overdue 1,000 x 91 /
    // 2,500 (on the net AR, DSO 18.2 would sit below the BPDSO)
    assertThat(num(mar, "dso_standard")).isCloseTo(72.8, within(1e-9));
    assertThat(num(mar, "bpdso_standard")).isCloseTo(36.4, within(1e-9));
    assertThat(num(mar, "add_standard")).isCloseTo(36.4, within(1e-9));
    // count-back on 2,000: March's net -500 absorbed whole (31 d, 2,500 left), February 2,000
    // (29 d, 500 left), 500 / 1,000 x 31 = 15.5: 75.5; on current 1,000: 31 d (1,500 left), then
    // 1,500 / 2,000 x 29 = 21.75: 52.75
    assertThat(num(mar, "dso_count_back")).isCloseTo(75.5, within(1e-9));
    assertThat(num(mar, "add_count_back")).isCloseTo(75.5 - 52.75, within(1e-9));
    // CEI: opening AR 3,000 (I1, I2), sales -500: collected 3,000 - 500 - 500 = 2,000 of a
    // collectible 3,000 - 500 - 1,000 = 1,500: 133.3 %, because the credits exceed the overdue AR
    assertThat(num(mar, "cei")).isCloseTo(100.0 * 2000 / 1500, within(1e-9));
    assertThat(mar.<String>getList(mar.fieldIndex("caveats")))
        .containsExactly(
            "CEI above 100 %: credit balances (-1500.00) exceed the overdue AR (1000.00) at month"
                + " end");
    // a customer's CEI outside 0-100 % is not shown, and the row says why
    Row customer =
        level(l, "customer", "2024-03", "2024-03", ReceivablesKpis.Options.defaults()).get(0);
    assertThat((Object) customer.getAs("cei")).isNull();
    assertThat(customer.<String>getList(customer.fieldIndex("caveats")))
        .containsExactly(
            "customer CEI not shown: CEI above 100 %: credit balances (-1500.00) exceed the overdue"
                + " AR (1000.00) at month end");
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
    // CEI opening AR (the monthly CEI): 2024-06-30, A still open
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
  void theCreditguruExampleOverThreeMonthsGives7963Percent() {
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
    Row mar = level(l, "portfolio", "2025-03", "2025-03", new ReceivablesKpis.Options(3, 3)).get(0);
    assertThat(money(mar, "cei_ar_begin")).isEqualTo("6200.00");
    assertThat(money(mar, "cei_period_sales")).isEqualTo("10890.00");
    assertThat(money(mar, "ar")).isEqualTo("6340.00");
    assertThat(money(mar, "current_ar")).isEqualTo("3590.00");
    // over N months the CEI takes the period's whole sales: 10,750 / 13,500 (S/N would give 55.9 %)
    assertThat((Integer) mar.getAs("cei_period_months")).isEqualTo(3);
    assertThat(Math.round(num(mar, "cei") * 100) / 100.0).isEqualTo(79.63);
  }
}
