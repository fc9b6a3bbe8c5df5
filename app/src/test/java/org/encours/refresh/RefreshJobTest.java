package org.encours.refresh;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.analytics.AnalyticsJob;
import org.encours.core.cli.EncoursCli;
import org.encours.core.cli.Progress;
import org.encours.core.policy.Policy;
import org.encours.core.tables.DerivedTable;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.prevention.RecommendJob;
import org.encours.scoring.ModelRegistry;
import org.encours.scoring.ScoreJob;
import org.encours.scoring.TinyLedger;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.TableContract;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The month-end refresh on a small generated ledger (to 2026-10-31) with a trained champion and a
 * KPI series from 2026-01: November's export (one new invoice, partly paid) is ingested, then every
 * derived table gets its 2026-11-30 partition, and the KPI series is extended to 2026-11 from where
 * it started.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefreshJobTest {
  static final LocalDate NOVEMBER_END = LocalDate.parse("2026-11-30");
  static Warehouse warehouse;
  static ModelRegistry registry;
  static RefreshJob.Result result;
  static String customer;
  static Path november;

  @BeforeAll
  static void refreshNovember() throws Exception {
    TinyLedger.Trained trained = TinyLedger.trainedCopy();
    warehouse = trained.warehouse();
    registry = trained.registry();
    new AnalyticsJob(warehouse, null)
        .monthly(YearMonth.of(2026, 1), YearMonth.of(2026, 10))
        .execute();
    new AnalyticsJob(warehouse, null)
        .asOf(LocalDate.parse("2026-10-31"))
        .execute(); // the month end before

    Row c = warehouse.read(CanonicalTable.CUSTOMERS).orderBy("customer_id").first();
    customer = c.getAs("customer_id");
    Path export = SharedSpark.tempDir("november");
    november = export;
    Dataset<Row> customers =
        warehouse
            .read(CanonicalTable.CUSTOMERS)
            .drop(CanonicalTable.BATCH_COLUMN)
            .where(col("customer_id").equalTo(customer));
    customers
        .coalesce(1)
        .write()
        .option("header", "true")
        .csv(export.resolve("customers").toString());
    Files.writeString(
        export.resolve("invoices.csv"),
        "invoice_id,customer_id,issue_date,due_date,amount,currency,doc_type,channel,disputed,dispute_date,terms_code\n"
            + "INV-NOV-1,"
            + customer
            + ",2026-11-05,2026-12-05,1000.00,EUR,invoice,electronic,false,,NET30\n");
    Files.writeString(
        export.resolve("payments.csv"),
        "payment_id,invoice_id,payment_date,amount\nPAY-NOV-1,INV-NOV-1,2026-11-20,400.00\n");
    Files.move(onlyCsv(export.resolve("customers")), export.resolve("customers.csv"));
    deleteTree(export.resolve("customers"));

    result =
        new RefreshJob(warehouse, Progress.silent("refresh"), new PrintWriter(new StringWriter()))
            .ingest(export.toString(), MappingLoader.load("canonical-csv"))
            .models(registry, null)
            .policy(Policy.load(), "FR")
            .run(NOVEMBER_END);
  }

  @Test
  void runsTheStepsInOrderInOneApplication() {
    assertThat(result.steps())
        .extracting(RefreshJob.Step::name)
        .containsExactly("ingest", "aging", "kpis", "score", "recommend");
    assertThat(result.summary()).contains("refresh as of 2026-11-30", "recommend");
  }

  @Test
  void theNewInvoiceIsIngestedAgedScoredAndPlanned() {
    Date d = Date.valueOf(NOVEMBER_END);
    Row aged =
        warehouse
            .read(AnalyticsJob.AGING_ITEMS)
            .where(col("as_of_date").equalTo(lit(d)).and(col("invoice_id").equalTo("INV-NOV-1")))
            .first();
    assertThat(aged.<BigDecimal>getAs("open_amount")).isEqualByComparingTo("600.00");
    Row scored =
        warehouse
            .read(ScoreJob.INVOICE_SCORES)
            .where(col("as_of_date").equalTo(lit(d)).and(col("invoice_id").equalTo("INV-NOV-1")))
            .first();
    assertThat(scored.<BigDecimal>getAs("open_amount")).isEqualByComparingTo("600.00");
    assertThat(scored.<String>getAs("model_version")).isEqualTo("v0001");
    assertThat(
            warehouse
                .read(RecommendJob.DUNNING_PLAN)
                .where(
                    col("as_of_date").equalTo(lit(d)).and(col("invoice_id").equalTo("INV-NOV-1")))
                .count())
        .isEqualTo(1);
  }

  @Test
  void everyScoredCustomerGetsARecommendationOfTheSameDate() {
    Date d = Date.valueOf(NOVEMBER_END);
    long scored =
        warehouse.read(ScoreJob.CUSTOMER_SCORES).where(col("as_of_date").equalTo(lit(d))).count();
    assertThat(scored).isPositive();
    assertThat(
            warehouse
                .read(RecommendJob.RECOMMENDATIONS)
                .where(col("as_of_date").equalTo(lit(d)))
                .count())
        .isEqualTo(scored);
    Row mine =
        warehouse
            .read(RecommendJob.RECOMMENDATIONS)
            .where(col("as_of_date").equalTo(lit(d)).and(col("customer_id").equalTo(customer)))
            .first();
    assertThat(mine.<String>getAs("model_version")).isEqualTo("v0001");
  }

  @Test
  void theKpiSeriesIsExtendedFromWhereItStartedToTheLastClosedMonth() {
    List<Row> months =
        warehouse
            .read(AnalyticsJob.RECEIVABLES_KPIS)
            .select("as_of_date")
            .distinct()
            .orderBy("as_of_date")
            .collectAsList();
    assertThat(months).hasSize(11);
    assertThat(months.get(0).getDate(0).toLocalDate()).isEqualTo(LocalDate.parse("2026-01-31"));
    assertThat(months.get(10).getDate(0).toLocalDate()).isEqualTo(NOVEMBER_END);
  }

  @Test
  void everyTableEqualsWhatTheSingleCommandsWriteFromTheSameData() {
    // The refresh carries October's open items forward and shares work between steps (payment
    // behaviour from the score step's walk, the open items of aging_items reused by score and
    // recommend); the single commands compute each alone, the aging from the whole history.
    Map<String, List<String>> byRefresh = partitionsOfNovember();
    assertThat(result.steps().get(1).summary())
        .contains("aging items from those of 2026-10-31", "change data feed");
    new AnalyticsJob(warehouse, null).asOf(NOVEMBER_END).fromWholeHistory().execute();
    new ScoreJob(warehouse, registry, null).asOf(NOVEMBER_END).model("v0001").execute();
    new RecommendJob(warehouse, Policy.load(), Progress.silent("recommend"))
        .homeCountry("FR")
        .run(NOVEMBER_END);
    Map<String, List<String>> bySingleCommands = partitionsOfNovember();
    assertThat(byRefresh.get(AnalyticsJob.PAYMENT_BEHAVIOUR)).hasSizeGreaterThan(10);
    assertThat(bySingleCommands).isEqualTo(byRefresh);
  }

  private static Map<String, List<String>> partitionsOfNovember() {
    Map<String, List<String>> rows = new TreeMap<>();
    for (String table :
        List.of(
            AnalyticsJob.AGING_ITEMS,
            AnalyticsJob.AGING,
            AnalyticsJob.PAYMENT_BEHAVIOUR,
            ScoreJob.INVOICE_SCORES,
            ScoreJob.CUSTOMER_SCORES,
            ScoreJob.SCORE_DRIFT,
            RecommendJob.RECOMMENDATIONS,
            RecommendJob.DUNNING_PLAN)) {
      Dataset<Row> partition =
          warehouse.read(table).where(col("as_of_date").equalTo(lit(Date.valueOf(NOVEMBER_END))));
      if (table.equals(RecommendJob.RECOMMENDATIONS) || table.equals(RecommendJob.DUNNING_PLAN)) {
        // they record the version of customer_scores they read, which the single score run rewrote
        partition =
            partition.withColumn(
                "input_versions",
                expr("map_filter(input_versions, (k, v) -> k != 'customer_scores')"));
      }
      rows.put(table, partition.collectAsList().stream().map(Row::toString).sorted().toList());
    }
    return rows;
  }

  @Test
  void everyDerivedTableTheRefreshWritesHasTheColumnsOfItsContract() {
    for (DerivedTable table : DerivedTable.values()) {
      assertThat(warehouse.exists(table)).as(table.tableName()).isTrue();
      assertThatCode(() -> TableContract.check(table, warehouse.read(table).schema()))
          .as(table.tableName())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void theSeriesEndsAtTheLastMonthEndOnOrBeforeTheDate() {
    assertThat(RefreshJob.lastClosedMonth(LocalDate.parse("2026-11-30")))
        .isEqualTo(YearMonth.of(2026, 11));
    assertThat(RefreshJob.lastClosedMonth(LocalDate.parse("2026-11-29")))
        .isEqualTo(YearMonth.of(2026, 10));
    assertThat(RefreshJob.lastClosedMonth(LocalDate.parse("2026-12-01")))
        .isEqualTo(YearMonth.of(2026, 11));
    assertThat(RefreshJob.lastClosedMonth(LocalDate.parse("2024-02-29")))
        .isEqualTo(YearMonth.of(2024, 2));
  }

  /** Runs last: it adds December to the warehouse the tests above read as of November. */
  @Test
  @Order(Integer.MAX_VALUE)
  void theCommandRefreshesEachReadyExportOfAnInboxAsOfItsDateAndMovesItToDone() throws Exception {
    Path inbox = SharedSpark.tempDir("inbox");
    Path december = Files.createDirectories(inbox.resolve("2026-12-15"));
    Files.copy(november.resolve("customers.csv"), december.resolve("customers.csv"));
    Files.writeString(
        december.resolve("invoices.csv"),
        "invoice_id,customer_id,issue_date,due_date,amount,currency,doc_type,channel,disputed,dispute_date,terms_code\n"
            + "INV-DEC-1,"
            + customer
            + ",2026-12-01,2026-12-31,500.00,EUR,invoice,electronic,false,,NET30\n");
    Files.writeString(
        december.resolve("payments.csv"),
        "payment_id,invoice_id,payment_date,amount\nPAY-DEC-1,INV-NOV-1,2026-12-10,600.00\n");
    Files.writeString(december.resolve(ExportInbox.READY), "");
    Files.createDirectories(inbox.resolve("2026-12-31")); // still being copied: no READY file

    StringWriter out = new StringWriter();
    picocli.CommandLine cli = EncoursCli.commandLine();
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "refresh",
            "--inbox",
            inbox.toString(),
            "--mapping",
            "canonical-csv",
            "--warehouse",
            warehouse.root(),
            "--master",
            "local[2]",
            "--models",
            registry.root().toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("refresh as of 2026-12-15:", "refreshed 1 export(s) from " + inbox);
    assertThat(inbox.resolve("done").resolve("2026-12-15").resolve("invoices.csv")).exists();
    assertThat(inbox.resolve("2026-12-15")).doesNotExist();
    assertThat(inbox.resolve("2026-12-31")).isDirectory();
    Date d = Date.valueOf("2026-12-15");
    Dataset<Row> aged =
        warehouse.read(AnalyticsJob.AGING_ITEMS).where(col("as_of_date").equalTo(lit(d)));
    assertThat(
            aged.where(col("invoice_id").equalTo("INV-DEC-1"))
                .first()
                .<BigDecimal>getAs("open_amount"))
        .isEqualByComparingTo("500.00");
    assertThat(aged.where(col("invoice_id").equalTo("INV-NOV-1")).count())
        .as("paid in full on 2026-12-10")
        .isZero();
    assertThat(
            warehouse
                .read(RecommendJob.RECOMMENDATIONS)
                .where(col("as_of_date").equalTo(lit(d)).and(col("customer_id").equalTo(customer)))
                .count())
        .isEqualTo(1);
  }

  private static Path onlyCsv(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".csv"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static void deleteTree(Path folder) throws Exception {
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
