package org.encours.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.core.UserFacingException;
import org.encours.core.cli.EncoursCli;
import org.encours.core.metrics.AgingSlabs;
import org.encours.core.tables.DerivedTable;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.Test;

/** The job reads and writes the warehouse; a rerun rewrites only the months that changed. */
class AnalyticsJobTest {

  static Warehouse warehouseWith(Ledger l) {
    Warehouse w = SharedSpark.newWarehouse();
    l.invoicesDf().write().format("delta").save(w.path(CanonicalTable.INVOICES));
    l.paymentsDf().write().format("delta").save(w.path(CanonicalTable.PAYMENTS));
    l.customersDf().write().format("delta").save(w.path(CanonicalTable.CUSTOMERS));
    return w;
  }

  /**
   * A copy of the warehouse with the tables of {@link ReceivablesKpisTest#fixture()} (built once
   * for the class; each test changes its own copy).
   */
  static Warehouse fixtureWarehouse() {
    return SharedSpark.copyOfFixture(
        "receivables-kpis-fixture", () -> warehouseWith(ReceivablesKpisTest.fixture()));
  }

  static AnalyticsJob.Result monthly(Warehouse w, String from, String to) {
    return new AnalyticsJob(w, new PrintWriter(new StringWriter()))
        .monthly(YearMonth.parse(from), YearMonth.parse(to))
        .execute();
  }

  static Map<String, Long> versionsAt(Warehouse w, String monthEnd) {
    Row r =
        w.read(AnalyticsJob.RECEIVABLES_KPIS)
            .filter("level = 'portfolio' and as_of_date = '" + monthEnd + "'")
            .first();
    return r.getJavaMap(r.fieldIndex(Provenance.COLUMN));
  }

  @Test
  void theOpenItemsOfADateAreReadBackOnlyWhenComputedFromTheSameInputVersions() {
    Warehouse w = fixtureWarehouse();
    LocalDate d = LocalDate.parse("2024-03-31");
    new AnalyticsJob(w, null).asOf(d).execute();
    AnalyticsInputs inputs = AnalyticsInputs.read(w);
    assertThat(AgingSnapshot.writtenItems(w, inputs.versions(), d)).isNotNull();
    assertThat(AgingSnapshot.writtenItems(w, inputs.versions(), d.plusDays(1)))
        .isNull(); // no partition for that date
    assertThat(openBook(AgingSnapshot.openItems(w, inputs, d)))
        .isEqualTo(
            openBook(
                AgingSnapshot.items(
                    inputs.invoices(), inputs.allocations(), d, AgingSlabs.defaults())))
        .anyMatch(r -> r.startsWith("[C,")); // C (1,000, issued 03-15) is open

    // C is paid on 03-20: the stored partition is from older versions, the open items are
    // recomputed
    new Ledger()
        .payment("PC", "C", "2024-03-20", "1000")
        .paymentsDf()
        .write()
        .format("delta")
        .mode("append")
        .save(w.path(CanonicalTable.PAYMENTS));
    AnalyticsInputs later = AnalyticsInputs.read(w);
    assertThat(AgingSnapshot.writtenItems(w, later.versions(), d)).isNull();
    assertThat(openBook(AgingSnapshot.openItems(w, later, d))).noneMatch(r -> r.startsWith("[C,"));
  }

  @Test
  void aNewDateStartsFromTheEarlierDatesOpenItemsAndWhatHappenedOrChangedSince() {
    // At 02-29: A (3,000) was paid on 02-20, B (2,000) is open for 1,500; C and CN are not issued
    // yet.
    Warehouse w = fixtureWarehouse();
    assertThat(
            new AnalyticsJob(w, null).asOf(LocalDate.parse("2024-02-29")).execute().rowsWritten())
        .containsEntry(AnalyticsJob.AGING_ITEMS, 1L); // B alone
    // Then the ERP sends: E issued 03-10 (new), F issued 02-01 (arrives late: dated before 02-29),
    // a chargeback of 1,000 on A dated 03-05 (reopens a closed invoice), a payment of 200 on B
    // dated
    // 02-10 (backdated: changes 02-29's balance of B).
    new Ledger()
        .invoice("E", "C1", "2024-03-10", "2024-04-09", "700")
        .invoice("F", "C1", "2024-02-01", "2024-03-02", "400")
        .invoicesDf()
        .write()
        .format("delta")
        .mode("append")
        .save(w.path(CanonicalTable.INVOICES));
    new Ledger()
        .payment("PA-R", "A", "2024-03-05", "-1000")
        .payment("PB0", "B", "2024-02-10", "200")
        .paymentsDf()
        .write()
        .format("delta")
        .mode("append")
        .save(w.path(CanonicalTable.PAYMENTS));
    LocalDate d = LocalDate.parse("2024-03-31");

    AnalyticsJob.Result carried = new AnalyticsJob(w, null).asOf(d).execute();
    assertThat(carried.detail())
        .contains(
            "aging items from those of 2024-02-29", "change data feed of invoices versions 1..1");
    // the six items below, as the one commit of aging_items since 02-29's (version 0, B alone)
    // counted them
    assertThat(carried.rowsWritten()).containsEntry(AnalyticsJob.AGING_ITEMS, 6L);
    assertThat(DeltaCommits.rowsWrittenAfter(w, DerivedTable.AGING_ITEMS, 0)).hasValue(6L);
    assertThat(DeltaCommits.rowsWrittenAfter(w, DerivedTable.AGING_ITEMS, -1))
        .as("two commits since the table was created: not one write's count")
        .isEmpty();
    Dataset<Row> items = w.read(AnalyticsJob.AGING_ITEMS).filter("as_of_date = '2024-03-31'");
    List<String> fromEarlierDate = openBook(items);
    assertThat(
            items.select("invoice_id", "open_amount").collectAsList().stream()
                .map(Row::toString)
                .sorted())
        .containsExactly(
            "[A,1000.00]",
            "[B,1300.00]",
            "[C,1000.00]",
            "[CN,-100.00]",
            "[E,700.00]",
            "[F,400.00]");

    AnalyticsJob.Result whole = new AnalyticsJob(w, null).asOf(d).fromWholeHistory().execute();
    assertThat(whole.detail()).contains("aging items from the whole history");
    assertThat(openBook(w.read(AnalyticsJob.AGING_ITEMS).filter("as_of_date = '2024-03-31'")))
        .isEqualTo(fromEarlierDate);
  }

  @Test
  void withoutAnEarlierDateTheAgingItemsComeFromTheWholeHistory() {
    Warehouse w = fixtureWarehouse();
    new AnalyticsJob(w, null).asOf(LocalDate.parse("2024-03-31")).execute();
    // an earlier date than any computed: nothing to start from
    assertThat(new AnalyticsJob(w, null).asOf(LocalDate.parse("2024-02-29")).execute().detail())
        .contains("aging items from the whole history (no earlier date to start from)");
  }

  private static List<String> openBook(Dataset<Row> items) {
    return items
        .select(
            "invoice_id",
            "customer_id",
            "doc_type",
            "issue_date",
            "due_date",
            "amount",
            "paid_to_date",
            "open_amount",
            "days_past_due")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  @Test
  void aNewPaymentInMarchRewritesOnlyMarchOnwards() {
    Warehouse w = fixtureWarehouse();
    monthly(w, "2024-01", "2024-04");
    assertThat(versionsAt(w, "2024-01-31"))
        .containsEntry("payments", 0L)
        .containsEntry("invoices", 0L);

    // C (1,000, issued 03-15) is paid on 03-20: payments version 1, earliest affected month March
    new Ledger()
        .payment("PC", "C", "2024-03-20", "1000")
        .paymentsDf()
        .write()
        .format("delta")
        .mode("append")
        .save(w.path(CanonicalTable.PAYMENTS));
    AnalyticsJob.Result second = monthly(w, "2024-01", "2024-04");
    assertThat(second.detail()).startsWith("months 2024-03..2024-04 rewritten");
    assertThat(versionsAt(w, "2024-02-29")).containsEntry("payments", 0L);
    assertThat(versionsAt(w, "2024-03-31")).containsEntry("payments", 1L);
    Row march =
        w.read(AnalyticsJob.RECEIVABLES_KPIS)
            .filter("level = 'portfolio' and as_of_date = '2024-03-31'")
            .first();
    assertThat(march.getAs("ar").toString()).isEqualTo("1400.00"); // 2,400 - 1,000

    // the table equals a full recompute on the new data
    AnalyticsInputs now = AnalyticsInputs.read(w).smallTablesInMemory();
    Dataset<Row> full =
        ReceivablesKpis.monthly(
            now.invoices(),
            now.allocations(),
            now.customers(),
            YearMonth.parse("2024-01"),
            YearMonth.parse("2024-04"),
            ReceivablesKpis.Options.defaults());
    Dataset<Row> stored =
        w.read(AnalyticsJob.RECEIVABLES_KPIS)
            .select(
                full.columns()[0],
                java.util.Arrays.copyOfRange(full.columns(), 1, full.columns().length));
    // Delta stores every column as nullable: compare the values under one schema
    SharedSpark.assertDataFrameNoOrderEquals(
        SharedSpark.session().createDataFrame(full.collectAsList(), stored.schema()), stored);

    // nothing changed since: nothing rewritten
    assertThat(monthly(w, "2024-01", "2024-04").rowsWritten()).isEmpty();

    // a longer range: only the missing month is computed, on the two months its windows reach
    // (the 3-month DSO period's sales, the monthly CEI's opening AR)
    assertThat(monthly(w, "2024-01", "2024-05").detail())
        .isEqualTo(
            "months 2024-05..2024-05 rewritten, on top of months"
                + " 2024-03..2024-04 already written, open amounts from the allocations, sales history from the history kept through 2024-04");

    // a new invoice issued in January: everything from January is stale
    new Ledger()
        .invoice("Z", "C1", "2024-01-31", "2024-02-29", "10")
        .invoicesDf()
        .write()
        .format("delta")
        .mode("append")
        .save(w.path(CanonicalTable.INVOICES));
    assertThat(monthly(w, "2024-02", "2024-05").detail())
        .isEqualTo(
            "months 2024-02..2024-05 rewritten, from the whole history"); // January is stale too
    // January was outside the range asked for: it keeps its old versions and is found stale next
    // time
    assertThat(versionsAt(w, "2024-01-31")).containsEntry("invoices", 0L);
    assertThat(monthly(w, "2024-01", "2024-05").detail())
        .isEqualTo("months 2024-01..2024-05 rewritten, from the whole history");
  }

  @Test
  void monthAfterMonthOnTheMonthsAlreadyWrittenGivesTheRowsOfTheWholeSeries() {
    // the seeded random ledger (partial payments, over-payments, credit notes, prepayments,
    // customers
    // not in the customers table), its series to 2024-08 at once, then one month at a time as a
    // monthly refresh runs it: the odd months with their month end's aging items (a refresh as of
    // the
    // month end leaves them), the even ones without
    Warehouse w = warehouseWith(IndependentComputationTest.randomLedger(20240229L));
    assertThat(monthly(w, "2023-01", "2024-08").detail())
        .isEqualTo("months 2023-01..2024-08 rewritten, from the whole history");
    for (YearMonth m = YearMonth.parse("2024-09");
        !m.isAfter(YearMonth.parse("2024-12"));
        m = m.plusMonths(1)) {
      boolean withItems = m.getMonthValue() % 2 == 1;
      if (withItems) {
        new AnalyticsJob(w, null).asOf(m.atEndOfMonth()).withoutBehaviour().execute();
      }
      assertThat(monthly(w, "2023-01", m.toString()).detail())
          .isEqualTo(
              "months "
                  + m
                  + ".."
                  + m
                  + " rewritten, on top of months "
                  + m.minusMonths(ReceivablesKpis.reach(ReceivablesKpis.Options.defaults()))
                  + ".."
                  + m.minusMonths(1)
                  + " already written, open amounts from "
                  + (withItems ? "the aging items of " + m.atEndOfMonth() : "the allocations")
                  + ", sales history from the history kept through "
                  + m.minusMonths(1));
    }
    assertStoredSeriesIsTheWholeSeries(w, "2023-01", "2024-12");

    // late news: a payment on I1 dated 2024-11-20 and a new invoice for a new customer in December;
    // November onwards is stale, built on August to October
    new Ledger()
        .payment("PLATE", "I1", "2024-11-20", "10.00")
        .paymentsDf()
        .write()
        .format("delta")
        .mode("append")
        .save(w.path(CanonicalTable.PAYMENTS));
    new Ledger()
        .invoice("INEW", "CNEW", "2024-12-02", "2025-01-01", "500.00")
        .invoicesDf()
        .write()
        .format("delta")
        .mode("append")
        .save(w.path(CanonicalTable.INVOICES));
    assertThat(monthly(w, "2023-01", "2024-12").detail())
        .isEqualTo(
            "months 2024-11..2024-12 rewritten, on top of months 2024-09..2024-10 already written, open amounts from the"
                + " allocations, sales history from the history kept through 2024-12");
    assertStoredSeriesIsTheWholeSeries(w, "2023-01", "2024-12");
    assertThat(w.read(AnalyticsJob.RECEIVABLES_KPIS).filter("entity_id = 'CNEW'").count())
        .isEqualTo(1L);

    // a series that starts after the first invoice (2023-01): the kept history still holds the
    // sales the count-back walk may reach before the series
    io.delta.tables.DeltaTable.forPath(w.spark(), w.path(AnalyticsJob.RECEIVABLES_KPIS))
        .delete("as_of_date < '2023-06-01'");
    new Ledger()
        .invoice("IJAN", "C1", "2025-01-15", "2025-02-14", "900.00")
        .invoicesDf()
        .write()
        .format("delta")
        .mode("append")
        .save(w.path(CanonicalTable.INVOICES));
    assertThat(monthly(w, "2023-06", "2025-01").detail())
        .isEqualTo(
            "months 2025-01..2025-01 rewritten, on top of months 2024-11..2024-12 already written, open amounts from the"
                + " allocations, sales history from the history kept through 2024-12");
    assertStoredSeriesIsTheWholeSeries(w, "2023-06", "2025-01");
    assertKeptHistoryIsTheWholeHistory(w, "2025-01");

    // a credit note for C1 issued in 2024-12 arrives after the January run, in a month the kept
    // history holds: December is stale and rebuilt on the months before it, and the kept history
    // (from before the credit note) still gives the months before December
    new Ledger()
        .creditNote("CN-LATE", "C1", "2024-12-20", "-300.00")
        .invoicesDf()
        .write()
        .format("delta")
        .mode("append")
        .save(w.path(CanonicalTable.INVOICES));
    assertThat(monthly(w, "2023-06", "2025-02").detail())
        .isEqualTo(
            "months 2024-12..2025-02 rewritten, on top of months 2024-10..2024-11 already written, open amounts from the"
                + " allocations, sales history from the history kept through 2025-01");
    assertStoredSeriesIsTheWholeSeries(w, "2023-06", "2025-02");
    assertKeptHistoryIsTheWholeHistory(w, "2025-02");

    // a kept history that ends before the month before the first month rewritten cannot give it
    io.delta.tables.DeltaTable.forPath(w.spark(), w.path(AnalyticsJob.RECEIVABLES_KPIS))
        .delete("as_of_date > '2024-12-31'");
    w.spark()
        .sql(
            "UPDATE delta.`" + w.path(KeptSalesHistory.TABLE) + "` SET through = DATE'2024-10-31'");
    assertThat(monthly(w, "2023-06", "2025-02").detail())
        .isEqualTo(
            "months 2025-01..2025-02 rewritten, on top of months 2024-11..2024-12 already written, open amounts from the"
                + " allocations, sales history from the invoices (the kept sales history ends at 2024-10)");
    assertStoredSeriesIsTheWholeSeries(w, "2023-06", "2025-02");
    assertKeptHistoryIsTheWholeHistory(w, "2025-02");
  }

  /** The kept sales history equals the one built from every invoice, through the month given. */
  private static void assertKeptHistoryIsTheWholeHistory(Warehouse w, String through) {
    AnalyticsInputs now = AnalyticsInputs.read(w).smallTablesInMemory();
    YearMonth to = YearMonth.parse(through);
    Dataset<Row> whole =
        ReceivablesKpis.series(
                now.invoices(),
                now.allocations(),
                now.customers(),
                to,
                to,
                ReceivablesKpis.Options.defaults())
            .salesHistory();
    Dataset<Row> kept =
        KeptSalesHistory.find(w, now, to.plusMonths(1), new java.util.HashMap<>()).history();
    assertThat(kept).as("the kept history is usable for the month after " + through).isNotNull();
    assertThat(w.read(KeptSalesHistory.TABLE).select("through").distinct().collectAsList())
        .extracting(r -> r.getDate(0).toString())
        .containsExactly(to.atEndOfMonth().toString());
    assertThat(asSortedText(kept))
        .isEqualTo(
            asSortedText(whole.select("level", "entity_id", "_first_index", "_sales_to_date")));
  }

  /**
   * The stored series and the series recomputed at once from the whole history of the current
   * inputs, over the same months: every row of each as text, sorted (the stored provenance left
   * out).
   */
  private static void assertStoredSeriesIsTheWholeSeries(Warehouse w, String from, String to) {
    AnalyticsInputs now = AnalyticsInputs.read(w).smallTablesInMemory();
    Dataset<Row> whole =
        ReceivablesKpis.monthly(
            now.invoices(),
            now.allocations(),
            now.customers(),
            YearMonth.parse(from),
            YearMonth.parse(to),
            ReceivablesKpis.Options.defaults());
    String[] columns = whole.columns();
    Dataset<Row> stored = w.read(AnalyticsJob.RECEIVABLES_KPIS).selectExpr(columns);
    assertThat(asSortedText(stored)).isEqualTo(asSortedText(whole));
  }

  private static List<String> asSortedText(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void theAsOfCommandWritesAgingAndBehaviourWithTheirDateAndVersions() {
    Warehouse w = warehouseWith(AgingSnapshotTest.fixture());
    StringWriter out = new StringWriter();
    picocli.CommandLine cli = EncoursCli.commandLine();
    cli.setOut(new PrintWriter(out));
    String[] args = {
      "analytics", "--warehouse", w.root(), "--master", "local[2]", "--as-of", "2024-02-29"
    };
    assertThat(cli.execute(args)).isZero();
    assertThat(out.toString())
        .contains("aging items as of 2024-02-29...")
        .contains("wrote 7 rows to aging_items")
        .contains("analytics as of 2024-02-29: wrote {aging_items=7, aging=");
    Row behaviour = w.read(AnalyticsJob.PAYMENT_BEHAVIOUR).filter("customer_id = 'C1'").first();
    assertThat(behaviour.getAs("as_of_date").toString()).isEqualTo("2024-02-29");
    assertThat(behaviour.<String, Long>getJavaMap(behaviour.fieldIndex(Provenance.COLUMN)))
        .containsEntry("invoices", 0L)
        .containsEntry("dunning_events", -1L);
    Row portfolio =
        w.read(AnalyticsJob.AGING).filter("level = 'portfolio' and bucket = 'credits'").first();
    assertThat(portfolio.getAs("open_amount").toString()).isEqualTo("-250.00");
    // a rerun replaces the date's partition instead of appending
    assertThat(EncoursCli.commandLine().execute(args)).isZero();
    assertThat(w.read(AnalyticsJob.AGING_ITEMS).count()).isEqualTo(7L);
  }

  @Test
  void withoutCanonicalTablesTheMessageSaysToRunIngestFirst() {
    Warehouse empty = SharedSpark.newWarehouse();
    assertThatThrownBy(
            () -> new AnalyticsJob(empty, null).asOf(LocalDate.parse("2024-01-31")).execute())
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("Run 'encours ingest' first");
  }

  @Test
  void badArgumentsNameTheOption() {
    assertThat(error("analytics", "--as-of", "2024-02-30"))
        .contains("--as-of")
        .contains("2024-02-30");
    assertThat(error("analytics", "--from", "2024-01", "--monthly")).contains("--to");
    assertThat(error("analytics", "--from", "2024-05", "--to", "2024-01", "--monthly"))
        .contains("--to");
    assertThat(error("analytics", "--as-of", "2024-01-31", "--buckets", "30,20"))
        .contains("--buckets");
    assertThat(error("analytics", "--as-of", "2024-01-31", "--age-from", "payment"))
        .contains("--age-from");
    assertThat(error("analytics", "--from", "2024-01")).contains("--from").contains("--monthly");
  }

  @Test
  void aKpiTableWithTheColumnsOfAnotherVersionIsRewrittenWholeAndTheRunSaysSo() {
    Warehouse w = fixtureWarehouse();
    // a receivables_kpis table as an earlier Encours wrote it: a column since dropped, none of the
    // new ones
    SharedSpark.session()
        .sql(
            "SELECT 'portfolio' AS level, 'all' AS entity_id, DATE'2023-12-31' AS as_of_date,"
                + " CAST(1 AS DECIMAL(18,2)) AS ar, CAST(50.0 AS DOUBLE) AS cei_whole_period_sales")
        .write()
        .format("delta")
        .partitionBy("as_of_date")
        .save(w.path(DerivedTable.RECEIVABLES_KPIS));
    StringWriter out = new StringWriter();
    AnalyticsJob.Result result =
        new AnalyticsJob(w, new PrintWriter(out))
            .monthly(YearMonth.parse("2024-01"), YearMonth.parse("2024-03"))
            .execute();
    assertThat(out.toString())
        .contains("receivables_kpis holds the columns of another Encours version (")
        .contains("column 'cei_whole_period_sales' (double) is not in the contract")
        .contains("it is rewritten whole, with the months 2024-01..2024-03");
    Dataset<Row> stored = w.read(AnalyticsJob.RECEIVABLES_KPIS);
    assertThat(
            org.encours.warehouse.TableContract.differences(
                DerivedTable.RECEIVABLES_KPIS, stored.schema()))
        .isEmpty();
    // 3 months x 5 levels (customer, country, sector, size band, portfolio); the old month is gone
    assertThat(stored.count())
        .isEqualTo(15L)
        .isEqualTo(result.rowsWritten().get(AnalyticsJob.RECEIVABLES_KPIS));
  }

  @Test
  void withoutADateTheJobWorksAsOfTheDatasLastDateAndSaysSo() {
    // the fixture's last event is payment PB2 on 2024-04-10 (invoice C, issued 03-15, is then open)
    Warehouse w = fixtureWarehouse();
    StringWriter out = new StringWriter();
    AnalyticsJob.Result result = new AnalyticsJob(w, new PrintWriter(out)).execute();
    assertThat(result.mode()).isEqualTo("as of 2024-04-10 (the data's last date)");
    assertThat(out.toString()).contains("no date given: as of 2024-04-10, the data's last date");
    assertThat(
            w
                .read(AnalyticsJob.AGING_ITEMS)
                .select("as_of_date")
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> r.get(0).toString()))
        .containsExactly("2024-04-10");
  }

  @Test
  void theCommandOnAnEmptyWarehouseSaysToRunIngestFirst() {
    Warehouse empty = SharedSpark.newWarehouse();
    assertThat(
            error(
                "analytics",
                "--warehouse",
                empty.root(),
                "--master",
                "local[2]",
                "--as-of",
                "2024-01-31"))
        .contains("encours analytics: No invoices table")
        .contains("Run 'encours ingest' first");
  }

  private static String error(String... args) {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = EncoursCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertThat(code).isEqualTo(UserFacingException.EXIT_BAD_INPUT);
    return err.toString();
  }
}
