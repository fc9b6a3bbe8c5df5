package org.encours.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import org.encours.core.metrics.CollectionEffectivenessIndex.Variant;
import org.encours.core.metrics.CountBackDso.MonthSales;
import org.junit.jupiter.api.Test;

class ReceivablesFormulasTest {

  private static BigDecimal eur(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void theCreditguruExampleGives559PercentWithMonthlyAverageSales() {
    // CreditGuru sample ATB: AR end of January 6,200 (beginning), sales Jan-Mar 3,390 + 3,610 +
    // 3,890
    // = 10,890 over N = 3, AR end of March 6,340 of which current 3,590.
    // (6,200 + 10,890/3 - 6,340) / (6,200 + 3,630 - 3,590) = 3,490 / 6,240 = 55.929 %
    Double cei =
        CollectionEffectivenessIndex.percent(
            Variant.MONTHLY_AVERAGE_SALES, eur("6200"), eur("10890"), 3, eur("6340"), eur("3590"));
    assertThat(cei).isCloseTo(100.0 * 3490 / 6240, within(1e-9));
    assertThat(Math.round(cei * 10) / 10.0).isEqualTo(55.9);
  }

  @Test
  void theSameDataGives7963PercentWithWholePeriodSales() {
    // (6,200 + 10,890 - 6,340) / (6,200 + 10,890 - 3,590) = 10,750 / 13,500 = 79.6296 %
    Double cei =
        CollectionEffectivenessIndex.percent(
            Variant.WHOLE_PERIOD_SALES, eur("6200"), eur("10890"), 3, eur("6340"), eur("3590"));
    assertThat(Math.round(cei * 100) / 100.0).isEqualTo(79.63);
    assertThat(Variant.DEFAULT).isEqualTo(Variant.WHOLE_PERIOD_SALES);
  }

  @Test
  void overOneMonthBothVariantsGiveTheMonthlyCei() {
    // AR(begin) 1,000, sales 500, AR(end) 600 of which current 400: collected 900 of 1,100 = 81.8 %
    for (Variant v : Variant.values()) {
      assertThat(
              CollectionEffectivenessIndex.percent(
                  v, eur("1000"), eur("500"), 1, eur("600"), eur("400")))
          .isCloseTo(100.0 * 900 / 1100, within(1e-9));
    }
    assertThat(CollectionEffectivenessIndex.DEFAULT_PERIOD_MONTHS).isEqualTo(1);
  }

  @Test
  void ceiIsUndefinedWhenNothingWasCollectible() {
    assertThat(
            CollectionEffectivenessIndex.percent(
                Variant.DEFAULT, eur("0"), eur("0"), 1, eur("0"), eur("0")))
        .isNull();
  }

  @Test
  void standardDsoUsesTheActualDaysOfThePeriod() {
    // Jan-Mar 2024 = 31 + 29 + 31 = 91 days (leap year); AR 4,550 / sales 9,100 x 91 = 45.5
    assertThat(StandardDso.days(eur("4550.00"), eur("9100.00"), 91)).isEqualTo(45.5);
    assertThat(StandardDso.days(eur("4550.00"), eur("0.00"), 91)).isNull();
  }

  @Test
  void countBackDsoWalksBackOverMoreThanOneMonth() {
    // AR 250; March 100 absorbed whole (31 d, 150 left), February 100 (29 d, 50 left),
    // January 200 absorbs the rest: 50 / 200 x 31 = 7.75 d. Total 31 + 29 + 7.75 = 67.75 days.
    List<MonthSales> newestFirst =
        List.of(
            new MonthSales(eur("100"), 31),
            new MonthSales(eur("100"), 29),
            new MonthSales(eur("200"), 31));
    assertThat(CountBackDso.days(eur("250"), newestFirst)).isEqualTo(67.75);
  }

  @Test
  void countBackDsoWithinTheCurrentMonthIsAFractionOfIt() {
    // AR 50 < March sales 100: 50 / 100 x 31 = 15.5 days
    assertThat(CountBackDso.days(eur("50"), List.of(new MonthSales(eur("100"), 31))))
        .isEqualTo(15.5);
  }

  @Test
  void countBackDsoIsZeroWithoutReceivablesAndUndefinedBeyondHistory() {
    assertThat(CountBackDso.days(eur("0"), List.of(new MonthSales(eur("100"), 31)))).isEqualTo(0.0);
    assertThat(CountBackDso.days(eur("-5"), List.of(new MonthSales(eur("100"), 31))))
        .isEqualTo(0.0);
    assertThat(CountBackDso.days(eur("150"), List.of(new MonthSales(eur("100"), 31)))).isNull();
    // exactly absorbed by the history: 100 (31 d) then 0 left
    assertThat(CountBackDso.days(eur("100"), List.of(new MonthSales(eur("100"), 31))))
        .isEqualTo(31.0);
  }

  @Test
  void countBackAbsorbsAMonthOfNetCreditNotesWhole() {
    // AR 120; March sales -20 (credit notes only): absorbed, 31 d, remaining 140;
    // February 200: 140 / 200 x 29 = 20.3 d. Total 51.3.
    List<MonthSales> newestFirst =
        List.of(new MonthSales(eur("-20"), 31), new MonthSales(eur("200"), 29));
    assertThat(CountBackDso.days(eur("120"), newestFirst)).isCloseTo(51.3, within(1e-12));
  }

  @Test
  void bestPossibleDsoAndAddUseTheSameMethodOnBothSides() {
    // DSO 4,550 / 9,100 x 91 = 45.5; BPDSO (current 3,000) 3,000 / 9,100 x 91 = 30.0; ADD 15.5
    Double dso = StandardDso.days(eur("4550"), eur("9100"), 91);
    Double bpdso = BestPossibleDso.standard(eur("3000"), eur("9100"), 91);
    assertThat(bpdso).isEqualTo(30.0);
    assertThat(AverageDaysDelinquent.days(dso, bpdso)).isEqualTo(15.5);
    assertThat(AverageDaysDelinquent.days(null, bpdso)).isNull();
  }

  @Test
  void defaultSlabsPutAnItemDueTodayInNotDue() {
    AgingSlabs slabs = AgingSlabs.defaults();
    assertThat(slabs.labels())
        .containsExactly("not_due", "1-30", "31-60", "61-90", "91-120", ">120");
    assertThat(slabs.label(0)).isEqualTo("not_due");
    assertThat(slabs.label(-3)).isEqualTo("not_due");
    assertThat(slabs.label(1)).isEqualTo("1-30");
    assertThat(slabs.label(30)).isEqualTo("1-30");
    assertThat(slabs.label(31)).isEqualTo("31-60");
    assertThat(slabs.label(120)).isEqualTo("91-120");
    assertThat(slabs.label(121)).isEqualTo(">120");
  }

  @Test
  void slabsAgedFromTheIssueDateStartAtZero() {
    AgingSlabs slabs = AgingSlabs.parse("45, 90", AgingSlabs.Basis.ISSUE_DATE);
    assertThat(slabs.labels()).containsExactly("0-45", "46-90", ">90");
    assertThat(slabs.label(0)).isEqualTo("0-45");
    assertThat(slabs.label(91)).isEqualTo(">90");
  }

  @Test
  void slabsMustIncrease() {
    assertThatThrownBy(() -> AgingSlabs.parse("30,30", AgingSlabs.Basis.DUE_DATE))
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> AgingSlabs.parse("30,x", AgingSlabs.Basis.DUE_DATE))
        .hasMessageContaining("'x'");
  }
}
