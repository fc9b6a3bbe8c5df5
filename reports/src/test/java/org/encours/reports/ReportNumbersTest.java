package org.encours.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.encours.reports.ReportRenderTest.cell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.core.cli.Progress;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A small warehouse written in the test, loaded by {@link ReportLoader} and rendered: every figure
 * shown in the page and stored in the workbook equals the table row it comes from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportNumbersTest {
  static final LocalDate D = LocalDate.of(2026, 10, 31);
  static final LocalDate PREVIOUS = LocalDate.of(2026, 9, 30);
  static final StructType REASON =
      new StructType()
          .add("rank", DataTypes.IntegerType)
          .add("reason", DataTypes.StringType)
          .add("feature", DataTypes.StringType)
          .add("points", DataTypes.DoubleType);

  Warehouse warehouse;
  ReportData data;
  String html;
  XSSFWorkbook workbook;

  /** customer, probability, grade, exposure, expected loss as written at D. */
  final List<Object[]> scoresAtD = new ArrayList<>();

  @BeforeAll
  void buildWarehouseAndRender() throws Exception {
    warehouse = SharedSpark.newWarehouse();
    SparkSession spark = warehouse.spark();
    sql(
        spark,
        "receivables_kpis",
        """
        SELECT level, entity_id, CAST(d AS DATE) AS as_of_date, CAST(ar AS DECIMAL(18,2)) AS ar, CAST(cur AS DECIMAL(18,2)) AS current_ar,
               CAST(od AS DECIMAL(18,2)) AS overdue_ar, CAST(od60 AS DECIMAL(18,2)) AS overdue_60_ar, CAST(dcb AS DOUBLE) AS dso_count_back,
               CAST(ds AS DOUBLE) AS dso_standard, CAST(bp AS DOUBLE) AS bpdso_count_back, CAST(ad AS DOUBLE) AS add_count_back,
               CAST(cei AS DOUBLE) AS cei, map('invoices', 7L, 'payments', 5L) AS input_versions
        FROM VALUES
          ('portfolio', 'all', '2026-08-31', 900.00, 800.00, 100.00, 0.00, 40.0, 41.0, 38.0, 2.0, 90.0),
          ('portfolio', 'all', '2026-09-30', 1100000.00, 800000.00, 300000.00, 100000.00, 45.5, 47.25, 40.0, 5.5, 81.3),
          ('portfolio', 'all', '2026-10-31', 1234567.89, 1000000.00, 234567.89, 34567.89, 52.34, 50.0, 44.44, 7.9, 77.7),
          ('customer', 'C01', '2026-10-31', 999.00, 999.00, 0.00, 0.00, 1.0, 1.0, 1.0, 0.0, 1.0)
        AS t(level, entity_id, d, ar, cur, od, od60, dcb, ds, bp, ad, cei)""");
    StringBuilder customers = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      customers.append(
          String.format(
              ",%n ('2026-10-31', 'customer', 'C%02d', 'not_due', 0, %d.25, 1, %d.25, 1.0)",
              i, 1000 * i, 1000 * i));
    }
    sql(
        spark,
        "aging",
        """
        SELECT CAST(d AS DATE) AS as_of_date, level, entity_id, bucket, bucket_order, CAST(amount AS DECIMAL(18,2)) AS open_amount,
               CAST(n AS BIGINT) AS open_count, CAST(total AS DECIMAL(18,2)) AS total_open, CAST(share AS DOUBLE) AS share,
               map('invoices', 7L) AS input_versions
        FROM VALUES
          ('2026-10-31', 'portfolio', 'all', 'not_due', 0, 1000000.00, 10, 1234567.89, 0.81),
          ('2026-10-31', 'portfolio', 'all', '1-30', 1, 200000.00, 3, 1234567.89, 0.162),
          ('2026-10-31', 'portfolio', 'all', '>120', 5, 40000.00, 1, 1234567.89, 0.0324),
          ('2026-10-31', 'portfolio', 'all', 'credits', 6, -5432.11, 2, 1234567.89, -0.0044),
          ('2026-09-30', 'portfolio', 'all', 'not_due', 0, 5.00, 99, 5.00, 1.0)"""
            + customers
            + """

        AS t(d, level, entity_id, bucket, bucket_order, amount, n, total, share)""");
    writeScores(spark);
    sql(
        spark,
        "recommendations",
        """
        SELECT customer_id, CAST('2026-10-31' AS DATE) AS as_of_date, block_orders, false AS review_limit,
               CAST(dep AS DECIMAL(18,2)) AS deposit_share, CAST(lim AS DECIMAL(18,2)) AS credit_limit, terms AS max_terms_days,
               'compressed' AS ladder, 'v0007' AS model_version
        FROM VALUES ('C25', true, 0.50, 0, 0), ('C24', false, 0.30, 1200, 30) AS t(customer_id, block_orders, dep, lim, terms)""");
    sql(
        spark,
        "dunning_plan",
        """
        SELECT invoice_id, customer_id, CAST('2026-10-31' AS DATE) AS as_of_date, next_action,
               CAST(next_date AS DATE) AS next_action_date, CAST(o AS DECIMAL(18,2)) AS outstanding, CAST(p AS DECIMAL(18,2)) AS penalties,
               CAST(i AS DECIMAL(18,2)) AS indemnity, CAST(o + p + i AS DECIMAL(18,2)) AS amount_due, CAST(lim AS DATE) AS limitation_date,
               status AS limitation_status, map('invoices', 7L) AS input_versions
        FROM VALUES
          ('I1', 'C01', 'reminder_1', '2026-11-02', 100.00, 0.00, 0.00, '2031-10-01', 'ok'),
          ('I2', 'C02', 'reminder_1', '2026-10-31', 250.50, 3.21, 40.00, '2031-09-01', 'ok'),
          ('I3', 'C03', 'formal_notice', '2026-11-05', 1000.00, 12.34, 40.00, '2031-08-01', 'ok'),
          ('I4', 'C04', 'formal_notice', '2026-11-20', 2000.00, 20.00, 40.00, '2031-07-01', 'ok'),
          ('I5', 'C05', 'injonction_de_payer', '2026-11-10', 6000.00, 100.00, 40.00, '2031-06-01', 'ok'),
          ('I6', 'C06', 'registered_letter', '2026-11-08', 300.00, 1.00, 40.00, '2031-05-01', 'ok'),
          ('I7', 'C07', NULL, NULL, 500.00, 200.00, 40.00, '2026-09-30', 'expired'),
          ('I8', 'C08', 'formal_notice', '2026-12-20', 700.00, 80.00, 40.00, '2027-03-01', 'warn')
        AS t(invoice_id, customer_id, next_action, next_date, o, p, i, lim, status)""");

    Path models = SharedSpark.tempDir("models");
    Files.writeString(models.resolve("CHAMPION"), "v0007\n");
    Files.createDirectories(models.resolve("v0007"));
    Files.writeString(
        models.resolve("v0007/report.json"),
        """
        {"model_version": "v0007", "created_at": "2026-11-01T10:00:00Z", "cutoff": "2026-09-01",
         "targets": {"t30": {"label": "paid more than 30 days after the due date", "chosen": "logistic_regression l2=0.01",
           "test": {"model (logistic_regression l2=0.01, calibrated)": {"rows": 2749, "rocAuc": 0.8123, "prAuc": 0.4, "brier": 0.09, "ece": 0.0142,
             "calibration": [{"lower": 0.0, "upper": 0.1, "rows": 1000, "meanPredicted": 0.04, "observedShare": 0.05},
                             {"lower": 0.1, "upper": 0.2, "rows": 300, "meanPredicted": 0.15, "observedShare": 0.13},
                             {"lower": 0.5, "upper": 0.6, "rows": 20, "meanPredicted": 0.55, "observedShare": 0.6}]}}}},
         "drift_fit_to_test": {"pd_t30": {"psi": 0.031, "status": "stable"}}}""");

    data = new ReportLoader(warehouse, models, Progress.silent("report")).load(D);
    html = ReportHtml.render(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportWorkbook.write(data, out);
    workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
  }

  private void writeScores(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("as_of_date", DataTypes.DateType)
            .add("customer_id", DataTypes.StringType)
            .add("probability_late_30d", DataTypes.DoubleType)
            .add("points", DataTypes.IntegerType)
            .add("grade", DataTypes.StringType)
            .add("reasons", DataTypes.createArrayType(REASON))
            .add("exposure", DataTypes.createDecimalType(18, 2))
            .add("expected_loss", DataTypes.createDecimalType(18, 2))
            .add("model_version", DataTypes.StringType)
            .add(
                "input_versions",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));
    List<org.apache.spark.sql.Row> rows = new ArrayList<>();
    String[] grades = {"A", "B", "C", "D", "E"};
    for (int i = 1; i <= 25; i++) {
      double p = (i % 10) / 10.0 + 0.05;
      BigDecimal exposure = new BigDecimal(1000 * i + ".50");
      BigDecimal el = exposure.multiply(BigDecimal.valueOf(p)).setScale(2, RoundingMode.HALF_UP);
      String grade = grades[i % 5];
      scoresAtD.add(new Object[] {String.format("C%02d", i), p, grade, exposure, el});
      rows.add(
          RowFactory.create(
              Date.valueOf(D),
              String.format("C%02d", i),
              p,
              600 - 10 * i,
              grade,
              List.of(
                  RowFactory.create(1, "reason one of C" + i, "late_share_3m", 20.0),
                  RowFactory.create(2, "reason two", "dbt_open", 5.0)),
              exposure,
              el,
              "v0007",
              Map.of("invoices", 7L)));
    }
    // the month before: C01..C20 known, one grade better than now for even customers (so some
    // migrate), C21..C25 new
    for (int i = 1; i <= 20; i++) {
      String grade = i % 2 == 0 ? grades[Math.max(0, (i % 5) - 1)] : grades[i % 5];
      rows.add(
          RowFactory.create(
              Date.valueOf(PREVIOUS),
              String.format("C%02d", i),
              0.1,
              500,
              grade,
              List.of(),
              BigDecimal.ONE,
              BigDecimal.ONE,
              "v0006",
              Map.of("invoices", 6L)));
    }
    // a customer scored last month and no longer
    rows.add(
        RowFactory.create(
            Date.valueOf(PREVIOUS),
            "C99",
            0.1,
            500,
            "A",
            List.of(),
            BigDecimal.ONE,
            BigDecimal.ONE,
            "v0006",
            Map.of()));
    spark
        .createDataFrame(rows, schema)
        .write()
        .format("delta")
        .save(warehouse.path("customer_scores"));
  }

  private void sql(SparkSession spark, String table, String query) {
    Dataset<org.apache.spark.sql.Row> rows = spark.sql(query);
    rows.write().format("delta").save(warehouse.path(table));
  }

  /** "EUR 1,234.50", "EUR -5.00", "12.5 %", "1,234" back to a number. */
  static BigDecimal number(String shown) {
    return new BigDecimal(
        shown.replace("EUR", "").replace("\u00a0", "").replace(",", "").replace("%", "").trim());
  }

  private org.apache.spark.sql.Row kpi(LocalDate date) {
    return warehouse
        .read("receivables_kpis")
        .where("level = 'portfolio' AND as_of_date = DATE'" + date + "'")
        .first();
  }

  @Test
  void headlineFiguresEqualThePortfolioKpisOfThisAndLastMonthEnd() {
    org.apache.spark.sql.Row now = kpi(D);
    org.apache.spark.sql.Row before = kpi(PREVIOUS);
    assertThat(number(cell(html, "kpi.ar"))).isEqualByComparingTo(now.<BigDecimal>getAs("ar"));
    assertThat(number(cell(html, "kpi.ar.previous")))
        .isEqualByComparingTo(before.<BigDecimal>getAs("ar"));
    assertThat(number(cell(html, "kpi.dso-count-back")))
        .isEqualByComparingTo("52.3"); // 52.34 shown with one decimal
    assertThat(number(cell(html, "kpi.dso-standard.previous")))
        .isEqualByComparingTo("47.3"); // 47.25 rounds half up
    assertThat(number(cell(html, "kpi.bpdso"))).isEqualByComparingTo("44.4");
    assertThat(number(cell(html, "kpi.add"))).isEqualByComparingTo("7.9");
    assertThat(number(cell(html, "kpi.add.change"))).isEqualByComparingTo("2.4"); // 7.9 - 5.5
    assertThat(number(cell(html, "kpi.cei"))).isEqualByComparingTo("77.7");
    assertThat(cell(html, "kpi.cei.change")).isEqualTo("-3.6 pt");
    // overdue share = overdue / gross open AR (current + overdue; this table has no gross_ar
    // column,
    // as one written before it): 234,567.89 / 1,234,567.89 = 19.0 %; last month 300,000 /
    // 1,100,000 = 27.3 %
    assertThat(cell(html, "kpi.overdue-share")).isEqualTo("19.0\u00a0%");
    assertThat(cell(html, "kpi.overdue-share.previous")).isEqualTo("27.3\u00a0%");

    Sheet sheet = workbook.getSheet("Headline");
    assertThat(sheet.getRow(1).getCell(1).getNumericCellValue())
        .isEqualTo(now.<BigDecimal>getAs("ar").doubleValue());
    assertThat(sheet.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(1100000.00);
    assertThat(sheet.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(134567.89);
    assertThat(sheet.getRow(3).getCell(1).getNumericCellValue())
        .isEqualTo(now.<Double>getAs("dso_count_back"));
    assertThat(data.trend().value())
        .hasSize(3); // 2026-08..10 exist of the 12 months asked; the customer row is not portfolio
  }

  @Test
  void agingLinesAndConcentrationEqualTheAgingTable() {
    for (org.apache.spark.sql.Row r :
        warehouse
            .read("aging")
            .where("level = 'portfolio' AND as_of_date = DATE'2026-10-31'")
            .collectAsList()) {
      String key = "aging." + r.getAs("bucket");
      assertThat(number(cell(html, key + ".amount")))
          .as(key)
          .isEqualByComparingTo(r.<BigDecimal>getAs("open_amount"));
      assertThat(number(cell(html, key + ".count")).longValue())
          .as(key)
          .isEqualTo(r.<Long>getAs("open_count"));
    }
    assertThat(html)
        .contains("class=\"num neg\" data-key=\"aging.credits.amount\">EUR\u00a0-5,432.11<");
    Sheet aging = workbook.getSheet("Aging");
    assertThat(aging.getLastRowNum()).isEqualTo(4);
    assertThat(aging.getRow(4).getCell(0).getStringCellValue()).isEqualTo("credits");
    assertThat(aging.getRow(4).getCell(2).getNumericCellValue()).isEqualTo(-5432.11);
    assertThat(aging.getRow(2).getCell(3).getNumericCellValue()).isEqualTo(0.162);

    // customers C03..C12 are the ten largest: (3,000.25 + ... + 12,000.25) = 75,002.50 of
    // 1,234,567.89 = 6.1 %
    assertThat(data.concentration().value().top10Ar()).isEqualByComparingTo("75002.50");
    assertThat(cell(html, "concentration.share")).isEqualTo("6.1\u00a0%");
    assertThat(number(cell(html, "concentration.C12"))).isEqualByComparingTo("12000.25");
    assertThat(html).doesNotContain("data-key=\"concentration.C01\"");
    assertThat(workbook.getSheet("Concentration").getRow(11).getCell(1).getNumericCellValue())
        .isEqualTo(75002.50);
  }

  @Test
  void topCustomersAreTheTwentyLargestExpectedLossesWithGradeReasonsAndAction() {
    List<Object[]> expected = new ArrayList<>(scoresAtD);
    expected.sort(
        Comparator.comparing((Object[] r) -> (BigDecimal) r[4])
            .reversed()
            .thenComparing(r -> (String) r[0]));
    List<ReportData.TopCustomer> top = data.topCustomers().value();
    assertThat(top).hasSize(20);
    Sheet sheet = workbook.getSheet("Top customers");
    for (int i = 0; i < 20; i++) {
      Object[] e = expected.get(i);
      String id = (String) e[0];
      assertThat(top.get(i).customerId()).isEqualTo(id);
      assertThat(cell(html, "top." + id + ".grade")).isEqualTo(e[2]);
      assertThat(number(cell(html, "top." + id + ".expected-loss")))
          .isEqualByComparingTo(((BigDecimal) e[4]).setScale(0, RoundingMode.HALF_UP));
      Row row = sheet.getRow(i + 1);
      assertThat(row.getCell(1).getStringCellValue()).isEqualTo(id);
      assertThat(row.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(((BigDecimal) e[4]).doubleValue());
      assertThat(row.getCell(3).getNumericCellValue()).isEqualTo((Double) e[1]);
    }
    ReportData.TopCustomer c25 =
        top.stream().filter(c -> c.customerId().equals("C25")).findFirst().orElseThrow();
    assertThat(c25.reasons()).containsExactly("reason one of C25", "reason two");
    assertThat(c25.action())
        .isEqualTo(
            "block new orders; deposit 50\u00a0%; no credit; payment with order; compressed reminders");
    assertThat(html).contains("reason one of C25; reason two");
    assertThat(data.modelVersion()).isEqualTo("v0007");
  }

  @Test
  void gradesAndMigrationCountTheCustomersOfBothMonthEnds() {
    Map<String, Long> byGrade = new LinkedHashMap<>();
    scoresAtD.forEach(r -> byGrade.merge((String) r[2], 1L, Long::sum));
    for (String g : ReportLoader.GRADES) {
      assertThat(number(cell(html, "grade." + g + ".customers")).longValue())
          .as(g)
          .isEqualTo(byGrade.getOrDefault(g, 0L));
    }
    ReportData.Migration m = data.migration().value();
    long total = 0;
    for (String f : List.of("A", "B", "C", "D", "E", "new")) {
      for (String t : List.of("A", "B", "C", "D", "E", "gone")) {
        total += m.count(f, t);
        assertThat(number(cell(html, "migration." + f + "." + t)).longValue())
            .isEqualTo(m.count(f, t));
      }
    }
    assertThat(total).isEqualTo(26); // 25 scored now + C99 gone
    assertThat(
            m.count("new", "A")
                + m.count("new", "B")
                + m.count("new", "C")
                + m.count("new", "D")
                + m.count("new", "E"))
        .isEqualTo(5);
    assertThat(m.count("A", "gone")).isEqualTo(1);
    // C02 (grade C now) was B: grades[(2 % 5) - 1]
    assertThat(m.count("B", "C")).isGreaterThanOrEqualTo(1);
    assertThat(workbook.getSheet("Migration").getRow(6).getCell(0).getStringCellValue())
        .isEqualTo("new");
  }

  @Test
  void dunningAndLegalFiguresSumTheDunningPlan() {
    // week 2026-10-31..2026-11-06: I1 and I2 (reminder_1), I3 (formal notice); I6 on 11-08 is
    // outside
    assertThat(cell(html, "dunning.week.reminder_1.invoices")).isEqualTo("2");
    assertThat(number(cell(html, "dunning.week.reminder_1.outstanding")))
        .isEqualByComparingTo("350.50");
    assertThat(number(cell(html, "dunning.week.reminder_1.amount-due")))
        .isEqualByComparingTo("393.71");
    assertThat(number(cell(html, "dunning.week.formal_notice.amount-due")))
        .isEqualByComparingTo("1052.34");
    assertThat(html).doesNotContain("dunning.week.registered_letter");
    // within 30 days: formal notices I3 and I4 (I8 is on 12-20); escalation I5
    assertThat(cell(html, "dunning.formal-notices.count")).isEqualTo("2");
    assertThat(cell(html, "dunning.escalations.count")).isEqualTo("1");
    assertThat(number(cell(html, "dunning.escalations.I5.amount-due")))
        .isEqualByComparingTo("6140.00");

    org.apache.spark.sql.Row sums =
        warehouse
            .spark()
            .sql(
                "SELECT sum(penalties), sum(indemnity), sum(CASE WHEN penalties > 0 OR indemnity > 0 "
                    + "THEN amount_due END) FROM delta.`"
                    + warehouse.path("dunning_plan")
                    + "`")
            .first();
    assertThat(number(cell(html, "legal.penalties"))).isEqualByComparingTo(sums.getDecimal(0));
    assertThat(number(cell(html, "legal.indemnities"))).isEqualByComparingTo(sums.getDecimal(1));
    assertThat(number(cell(html, "legal.amount-due"))).isEqualByComparingTo(sums.getDecimal(2));
    assertThat(number(cell(html, "legal.limitation.expired.outstanding")))
        .isEqualByComparingTo("500.00");
    assertThat(number(cell(html, "legal.limitation.warn.outstanding")))
        .isEqualByComparingTo("700.00");
    assertThat(workbook.getSheet("Legal").getRow(1).getCell(1).getNumericCellValue())
        .isEqualTo(sums.getDecimal(0).doubleValue());
    Sheet week = workbook.getSheet("Dunning this week");
    assertThat(week.getRow(1).getCell(0).getStringCellValue()).isEqualTo("reminder_1");
    assertThat(week.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(350.50);
  }

  @Test
  void modelHealthAndVersionsAreStated() {
    assertThat(cell(html, "model.auc")).isEqualTo("0.812");
    assertThat(cell(html, "model.ece")).isEqualTo("0.0142");
    assertThat(cell(html, "drift.pd_t30")).isEqualTo("0.031");
    assertThat(cell(html, "model-version")).isEqualTo("v0007");
    assertThat(cell(html, "version.receivables_kpis")).isEqualTo("0");
    assertThat(html).contains("invoices 7, payments 5");
    assertThat(workbook.getSheet("Model").getRow(5).getCell(1).getNumericCellValue())
        .isEqualTo(0.8123);
  }

  @Test
  void anEmptyWarehouseGivesAReportOfNotAvailableLines() {
    ReportData empty =
        new ReportLoader(
                SharedSpark.newWarehouse(),
                SharedSpark.tempDir("no-models"),
                Progress.silent("report"))
            .load(D);
    assertThat(ReportJob.missingSections(empty)).hasSize(10);
    assertThat(ReportHtml.render(empty))
        .contains(
            "not available: table receivables_kpis is absent; run encours analytics --from 2025-11 --to 2026-10 --monthly",
            "not available: table customer_scores is absent; run encours score --as-of 2026-10-31",
            "not available: table dunning_plan is absent; run encours recommend --as-of 2026-10-31",
            "not available: no model registry at");
  }
}
