package org.encours.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.encours.reports.ReportData.ActionCount;
import org.encours.reports.ReportData.AgingBucket;
import org.encours.reports.ReportData.CalibrationBin;
import org.encours.reports.ReportData.Concentration;
import org.encours.reports.ReportData.CustomerAr;
import org.encours.reports.ReportData.Drift;
import org.encours.reports.ReportData.Dunning;
import org.encours.reports.ReportData.GradeCount;
import org.encours.reports.ReportData.Headline;
import org.encours.reports.ReportData.KpiSnapshot;
import org.encours.reports.ReportData.LegalExposure;
import org.encours.reports.ReportData.LimitationClaim;
import org.encours.reports.ReportData.LimitationCount;
import org.encours.reports.ReportData.Migration;
import org.encours.reports.ReportData.ModelHealth;
import org.encours.reports.ReportData.Part;
import org.encours.reports.ReportData.PlannedAction;
import org.encours.reports.ReportData.Source;
import org.encours.reports.ReportData.TopCustomer;
import org.encours.reports.ReportData.TrendPoint;

/** Hand-built report contents for the renderer tests (no Spark). */
final class ReportFixtures {
  static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

  private ReportFixtures() {}

  static BigDecimal eur(String v) {
    return new BigDecimal(v);
  }

  /** Every section filled, with a negative amount (credits) and a falling KPI. */
  static ReportData full() {
    KpiSnapshot now =
        new KpiSnapshot(
            AS_OF,
            eur("14168771.98"),
            eur("1656104.36"),
            59.6,
            61.1,
            55.0,
            4.6,
            86.6,
            eur("14169993.98"),
            3,
            1,
            true,
            List.of());
    KpiSnapshot before =
        new KpiSnapshot(
            LocalDate.of(2026, 9, 30),
            eur("13900000.00"),
            eur("1700000.00"),
            60.2,
            61.0,
            55.1,
            5.1,
            84.0,
            eur("13901000.00"),
            3,
            1,
            true,
            List.of());
    List<AgingBucket> aging =
        List.of(
            new AgingBucket("not_due", 0, eur("12512667.62"), 1200, 0.8831),
            new AgingBucket("1-30", 1, eur("980000.00"), 150, 0.0692),
            new AgingBucket("31-60", 2, eur("400000.00"), 40, 0.0282),
            new AgingBucket("61-90", 3, eur("150000.00"), 12, 0.0106),
            new AgingBucket("91-120", 4, eur("80000.00"), 6, 0.0056),
            new AgingBucket(">120", 5, eur("46104.36"), 3, 0.0033),
            new AgingBucket("credits", 6, eur("-1222.00"), 2, null),
            new AgingBucket("unallocated", 7, eur("-500.00"), 1, null));
    List<TrendPoint> trend = new ArrayList<>();
    for (int i = 11; i >= 0; i--) {
      LocalDate m = YearMonth.from(AS_OF).minusMonths(i).atEndOfMonth();
      trend.add(
          new TrendPoint(
              m,
              eur("12000000").add(BigDecimal.valueOf(i * 50000L)),
              eur("1500000").add(BigDecimal.valueOf(i * 10000L)),
              eur("300000"),
              58.0 + i * 0.3,
              60.0 + i * 0.1,
              54.0 + (i % 3) * 0.4,
              4.0 + (i % 4) * 0.5,
              80.0 + i * 0.6,
              true));
    }
    List<TopCustomer> top = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      top.add(
          new TopCustomer(
              i,
              String.format("TOP-%02d", i),
              i <= 3 ? "E" : i <= 8 ? "D" : "C",
              0.6 - i * 0.02,
              420 + i * 5,
              eur("250000").subtract(BigDecimal.valueOf(i * 9000L)),
              eur("120000").subtract(BigDecimal.valueOf(i * 5000L)),
              List.of(
                  "pays late more and more often (late share 3 months 60 %)",
                  "overdue exposure is high", "reached registered letter"),
              "block new orders; deposit 50 %; no credit; payment with order; compressed reminders"));
    }
    List<CustomerAr> top10 = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 1; i <= 10; i++) {
      BigDecimal ar = eur("600000").subtract(BigDecimal.valueOf(i * 20000L));
      top10.add(new CustomerAr(String.format("C%04d", 100 + i), ar));
      sum = sum.add(ar);
    }
    List<GradeCount> grades =
        List.of(
            new GradeCount("A", 420, eur("5000000"), eur("100000")),
            new GradeCount("B", 300, eur("4000000"), eur("280000")),
            new GradeCount("C", 180, eur("3000000"), eur("450000")),
            new GradeCount("D", 70, eur("1500000"), eur("420000")),
            new GradeCount("E", 30, eur("668771.98"), eur("390000")));
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    String[] g = {"A", "B", "C", "D", "E"};
    for (int i = 0; i < g.length; i++) {
      Map<String, Long> row = new LinkedHashMap<>();
      row.put(g[i], 200L - i * 30);
      if (i + 1 < g.length) {
        row.put(g[i + 1], 12L);
      }
      if (i > 0) {
        row.put(g[i - 1], 9L);
      }
      row.put("gone", 2L);
      counts.put(g[i], row);
    }
    counts.put("new", Map.of("B", 5L, "C", 3L));
    Dunning dunning =
        new Dunning(
            AS_OF.plusDays(6),
            AS_OF.plusDays(30),
            List.of(
                new ActionCount("reminder_1", 40, 31, eur("310000.50"), eur("311200.75")),
                new ActionCount("reminder_2", 18, 15, eur("150000.00"), eur("152300.10")),
                new ActionCount("formal_notice", 4, 4, eur("60000.00"), eur("61800.00"))),
            6,
            List.of(
                new PlannedAction(
                    "INV-1001",
                    "C0001",
                    "formal_notice",
                    AS_OF.plusDays(3),
                    eur("12000.00"),
                    eur("12410.33"))),
            2,
            List.of(
                new PlannedAction(
                    "INV-0990",
                    "C0002",
                    "injonction_de_payer",
                    AS_OF.plusDays(12),
                    eur("8000.00"),
                    eur("8391.02"))));
    LegalExposure legal =
        new LegalExposure(
            210,
            eur("48211.37"),
            eur("8400.00"),
            eur("1712715.73"),
            List.of(
                new LimitationCount("warn", 3, eur("5400.00")),
                new LimitationCount("expired", 1, eur("900.00"))),
            List.of(
                new LimitationClaim(
                    "INV-0001", "C0042", "expired", LocalDate.of(2026, 9, 30), eur("900.00")),
                new LimitationClaim(
                    "INV-0007", "C0043", "warn", LocalDate.of(2027, 2, 28), eur("5400.00"))));
    List<CalibrationBin> bins = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      bins.add(
          new CalibrationBin(
              i / 10.0,
              (i + 1) / 10.0,
              100 + i,
              i / 10.0 + 0.05,
              Math.min(1, i / 10.0 + 0.03 + (i % 2) * 0.04)));
    }
    ModelHealth health =
        new ModelHealth(
            "v0002",
            "2026-11-25T08:39:00Z",
            "2026-09-01",
            "t30: paid more than 30 days after the due date",
            "gradient_boosted_trees depth=4",
            0.812,
            0.455,
            0.0931,
            0.0142,
            2749L,
            bins,
            "evaluation report: fit period against test period",
            List.of(
                new Drift("pd_t30", 0.031, "stable"), new Drift("days_late_mean", 0.142, "watch")));
    List<Source> sources =
        List.of(
            new Source("receivables_kpis", 3, Map.of("customers", 1L, "invoices", 1L)),
            new Source("aging", 1, Map.of()));
    return new ReportData(
        AS_OF,
        AS_OF,
        "EUR",
        "v0002",
        sources,
        Part.of(new Headline(now, before)),
        Part.of(aging),
        Part.of(trend),
        Part.of(top),
        Part.of(new Concentration(now.ar(), sum, top10)),
        Part.of(grades),
        Part.of(new Migration(LocalDate.of(2026, 9, 30), ReportLoader.GRADES, counts)),
        Part.of(dunning),
        Part.of(legal),
        Part.of(health));
  }

  /** Nothing available: an empty warehouse. */
  static ReportData empty() {
    return new ReportData(
        AS_OF,
        AS_OF,
        "EUR",
        null,
        List.of(),
        Part.missing(
            "not available: table receivables_kpis is absent; run encours analytics --monthly"),
        Part.missing(
            "not available: table aging is absent; run encours analytics --as-of 2026-10-31"),
        Part.missing(
            "not available: table receivables_kpis is absent; run encours analytics --monthly"),
        Part.missing(
            "not available: table customer_scores is absent; run encours score --as-of 2026-10-31"),
        Part.missing(
            "not available: table aging is absent; run encours analytics --as-of 2026-10-31"),
        Part.missing(
            "not available: table customer_scores is absent; run encours score --as-of 2026-10-31"),
        Part.missing(
            "not available: table customer_scores is absent; run encours score --as-of 2026-10-31"),
        Part.missing(
            "not available: table dunning_plan is absent; run encours recommend --as-of 2026-10-31"),
        Part.missing(
            "not available: table dunning_plan is absent; run encours recommend --as-of 2026-10-31"),
        Part.missing(
            "not available: no model registry at var/models (no CHAMPION file); run encours train"));
  }
}
