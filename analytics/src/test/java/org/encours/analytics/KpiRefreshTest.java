package org.encours.analytics;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.YearMonth;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.Test;

/**
 * Which months of the KPI series a change to the inputs makes stale, read from Delta's change data
 * feed, and the same answer from comparing snapshots when the feed cannot be read.
 *
 * <p>The canonical tables are built as ingest builds them: created with deletion vectors (version
 * 0), loaded (version 1), then changed by MERGE on the business key (version 2, ...). The series
 * 2024-01..2024-04 is computed once at versions 1; each test changes the inputs and asks the plan.
 */
class KpiRefreshTest {
  static final YearMonth FROM = YearMonth.parse("2024-01");
  static final YearMonth TO = YearMonth.parse("2024-04");

  /**
   * {@link ReceivablesKpisTest#fixture()} (customer C1, invoices A in January, B in February, C and
   * the credit note in March) plus customer C2, whose first invoice D is issued in March.
   */
  static Ledger fixture() {
    return ReceivablesKpisTest.fixture()
        .customer("C2", "DE", "industry", "medium", null)
        .invoice("D", "C2", "2024-03-01", "2024-03-31", "400");
  }

  /**
   * A copy of the {@link #fixture()}'s tables with the series computed from them (built once for
   * the class; each test changes its own copy).
   */
  static Warehouse warehouseWithSeries() {
    return SharedSpark.copyOfFixture("kpi-refresh-fixture", () -> warehouseWithSeries(fixture()));
  }

  /** The ledger's tables with the series computed from them. */
  static Warehouse warehouseWithSeries(Ledger l) {
    Warehouse w = SharedSpark.newWarehouse();
    load(w, CanonicalTable.INVOICES, l.invoicesDf());
    load(w, CanonicalTable.PAYMENTS, l.paymentsDf());
    load(w, CanonicalTable.CUSTOMERS, l.customersDf());
    AnalyticsJobTest.monthly(w, FROM.toString(), TO.toString());
    return w;
  }

  /** Creates a canonical table with deletion vectors and appends its first rows, as ingest does. */
  static void load(Warehouse w, CanonicalTable table, Dataset<Row> rows) {
    DeltaTable.createIfNotExists(w.spark())
        .location(w.path(table))
        .addColumns(table.storedSchema())
        .property("delta.enableDeletionVectors", "true")
        .execute();
    rows.write().format("delta").mode("append").save(w.path(table));
  }

  /**
   * MERGE on the business key, as ingest upserts a batch: matched rows updated, others inserted.
   */
  static void upsert(Warehouse w, CanonicalTable table, Dataset<Row> rows) {
    String on =
        table.keyColumns().stream()
            .map(k -> "t." + k + " = s." + k)
            .collect(Collectors.joining(" AND "));
    DeltaTable.forPath(w.spark(), w.path(table))
        .as("t")
        .merge(rows.as("s"), on)
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  static KpiRefresh.Plan plan(Warehouse w) {
    return KpiRefresh.plan(
        w,
        w.read(AnalyticsJob.RECEIVABLES_KPIS),
        AnalyticsInputs.read(w),
        FROM,
        TO,
        ReceivablesKpis.Options.defaults());
  }

  /** The feed's net changes are exactly the rows that differ between the two snapshots. */
  static void assertFeedMatchesSnapshots(
      Warehouse w, CanonicalTable table, long before, long after) {
    String[] columns = KpiRefresh.seriesColumns(table);
    Dataset<Row> fromFeed = KpiRefresh.changedRowsInFeed(w, table, before, after, columns);
    Dataset<Row> fromSnapshots =
        KpiRefresh.changedRows(
            AnalyticsInputs.readAt(w, table, before),
            AnalyticsInputs.readAt(w, table, after),
            columns);
    assertThat(fromFeed.collectAsList())
        .containsExactlyInAnyOrderElementsOf(fromSnapshots.collectAsList());
  }

  @Test
  void aNewPaymentInTheLastMonthMakesOnlyThatMonthStale() {
    Warehouse w = warehouseWithSeries();
    // C (1,000, issued 03-15) is paid on 04-20
    upsert(
        w,
        CanonicalTable.PAYMENTS,
        new Ledger().payment("PC", "C", "2024-04-20", "1000").paymentsDf());

    StringWriter progress = new StringWriter();
    AnalyticsJob.Result rerun =
        new AnalyticsJob(w, new PrintWriter(progress)).monthly(FROM, TO).execute();
    assertThat(rerun.detail()).startsWith("months 2024-04..2024-04 rewritten, ");
    assertThat(progress.toString())
        .contains(
            "from 2024-04-20 (changes read from the change data feed of payments versions 2..2)");
    assertThat(AnalyticsJobTest.versionsAt(w, "2024-03-31")).containsEntry("payments", 1L);
    assertThat(AnalyticsJobTest.versionsAt(w, "2024-04-30")).containsEntry("payments", 2L);
    assertFeedMatchesSnapshots(w, CanonicalTable.PAYMENTS, 1, 2);
  }

  @Test
  void changesToColumnsTheSeriesDoesNotUseMakeNothingStale() {
    Warehouse w = warehouseWithSeries();
    // January's invoice A is disputed: a new version of the row, same amount and dates
    upsert(
        w,
        CanonicalTable.INVOICES,
        new Ledger()
            .invoice("A", "C1", "2024-01-10", "2024-02-09", "3000")
            .disputed("A", "2024-02-01")
            .invoicesDf());
    // February's payment PA is merged again with the same values by another batch
    upsert(
        w,
        CanonicalTable.PAYMENTS,
        new Ledger()
            .payment("PA", "A", "2024-02-20", "3000")
            .paymentsDf()
            .withColumn(CanonicalTable.BATCH_COLUMN, lit("again")));
    // C1's credit limit is set
    upsert(
        w,
        CanonicalTable.CUSTOMERS,
        new Ledger().customer("C1", "FR", "retail", "small", "50000").customersDf());
    // the invoices are compacted, as encours maintain does: same rows, version 3
    DeltaTable.forPath(w.spark(), w.path(CanonicalTable.INVOICES)).optimize().executeCompaction();
    assertThat(w.version("invoices")).isEqualTo(3L);

    KpiRefresh.Plan plan = plan(w);
    assertThat(plan.firstMonth()).isEmpty();
    assertThat(plan.reason())
        .startsWith("up to date with input versions")
        .contains("changes read from the change data feed of invoices versions 2..3")
        .contains("changes read from the change data feed of payments versions 2..2")
        .contains("changes read from the change data feed of customers versions 2..2");
    for (CanonicalTable t : KpiRefresh.SERIES_INPUTS) {
      long now = w.version(t.tableName());
      assertThat(KpiRefresh.changedRowsInFeed(w, t, 1, now, KpiRefresh.seriesColumns(t)).isEmpty())
          .as(t.tableName())
          .isTrue();
      assertFeedMatchesSnapshots(w, t, 1, now);
    }
  }

  @Test
  void anInvoiceAmountCorrectedInAnOldMonthMakesThatMonthStale() {
    Warehouse w = warehouseWithSeries();
    // February's invoice B: 2,000 corrected to 2,100
    upsert(
        w,
        CanonicalTable.INVOICES,
        new Ledger().invoice("B", "C1", "2024-02-05", "2024-03-06", "2100").invoicesDf());

    KpiRefresh.Plan plan = plan(w);
    assertThat(plan.firstMonth()).contains(YearMonth.parse("2024-02"));
    assertThat(plan.reason())
        .contains(
            "from 2024-02-05 (changes read from the change data feed of invoices versions 2..2)");
    // the old row and the corrected one
    assertThat(
            KpiRefresh.changedRowsInFeed(
                    w,
                    CanonicalTable.INVOICES,
                    1,
                    2,
                    KpiRefresh.seriesColumns(CanonicalTable.INVOICES))
                .collectAsList())
        .extracting(r -> r.getAs("amount").toString())
        .containsExactlyInAnyOrder("2000.00", "2100.00");
    assertFeedMatchesSnapshots(w, CanonicalTable.INVOICES, 1, 2);
  }

  @Test
  void aCustomerSectorChangeMakesTheMonthOfItsFirstInvoiceStale() {
    Warehouse w = warehouseWithSeries();
    // C2 (first invoice D in March) moves to services; C1 (first invoice in January) only gets a
    // credit limit, which no month depends on
    upsert(
        w,
        CanonicalTable.CUSTOMERS,
        new Ledger()
            .customer("C1", "FR", "retail", "small", "50000")
            .customer("C2", "DE", "services", "medium", null)
            .customersDf());

    KpiRefresh.Plan plan = plan(w);
    assertThat(plan.firstMonth()).contains(YearMonth.parse("2024-03"));
    assertThat(plan.reason())
        .contains(
            "from 2024-03-01 (changes read from the change data feed of customers versions 2..2)");
    assertFeedMatchesSnapshots(w, CanonicalTable.CUSTOMERS, 1, 2);
  }

  @Test
  void withTheChangeDataFeedOffTheSnapshotsGiveTheSameAnswer() {
    Warehouse w = warehouseWithSeries();
    w.spark()
        .sql(
            "ALTER TABLE delta.`"
                + w.path(CanonicalTable.INVOICES)
                + "` SET TBLPROPERTIES (delta.enableChangeDataFeed = false)");
    upsert(
        w,
        CanonicalTable.INVOICES,
        new Ledger().invoice("B", "C1", "2024-02-05", "2024-03-06", "2100").invoicesDf());

    KpiRefresh.Plan plan = plan(w);
    // the same month as with the feed on (the test above)
    assertThat(plan.firstMonth()).contains(YearMonth.parse("2024-02"));
    assertThat(plan.reason())
        .endsWith(
            "from 2024-02-05 (the change data feed of invoices versions 2..3 cannot be read"
                + " (the feed was off for some of them): compared the snapshots at versions 1 and 3)");
  }

  @Test
  void withTheChangeFilesRemovedTheSnapshotsGiveTheSameAnswer() throws Exception {
    Warehouse w = warehouseWithSeries();
    upsert(
        w,
        CanonicalTable.INVOICES,
        new Ledger().invoice("B", "C1", "2024-02-05", "2024-03-06", "2100").invoicesDf());
    // the update's change files, as if vacuumed (the snapshots' data files stay)
    File changeData = new File(URI.create(w.path(CanonicalTable.INVOICES) + "/_change_data"));
    assertThat(changeData).isDirectory();
    FileUtils.deleteDirectory(changeData);

    KpiRefresh.Plan plan = plan(w);
    assertThat(plan.firstMonth()).contains(YearMonth.parse("2024-02"));
    assertThat(plan.reason())
        .endsWith(
            "from 2024-02-05 (the change data feed of invoices versions 2..2 cannot be read"
                + " (their change files were removed): compared the snapshots at versions 1 and 2)");
  }

  @Test
  void aTableAbsentAtTheRecordedVersionsIsComparedInFullWithTheSameAnswer() {
    // the series is computed before any payment table exists ...
    Ledger withoutPayments =
        new Ledger()
            .customer("C1", "FR", "retail", "small", null)
            .invoice("A", "C1", "2024-01-10", "2024-02-09", "3000")
            .invoice("C", "C1", "2024-03-15", "2024-04-14", "1000");
    Warehouse absent = SharedSpark.newWarehouse();
    load(absent, CanonicalTable.INVOICES, withoutPayments.invoicesDf());
    load(absent, CanonicalTable.CUSTOMERS, withoutPayments.customersDf());
    AnalyticsJobTest.monthly(absent, FROM.toString(), TO.toString());
    assertThat(AnalyticsJobTest.versionsAt(absent, "2024-01-31")).containsEntry("payments", -1L);
    // ... or while it is empty (appending no rows commits nothing: payments stays at version 0)
    Warehouse empty = SharedSpark.newWarehouse();
    load(empty, CanonicalTable.INVOICES, withoutPayments.invoicesDf());
    load(empty, CanonicalTable.PAYMENTS, withoutPayments.paymentsDf());
    load(empty, CanonicalTable.CUSTOMERS, withoutPayments.customersDf());
    AnalyticsJobTest.monthly(empty, FROM.toString(), TO.toString());

    // then C is paid on 04-20
    Dataset<Row> payment = new Ledger().payment("PC", "C", "2024-04-20", "1000").paymentsDf();
    load(absent, CanonicalTable.PAYMENTS, payment);
    upsert(empty, CanonicalTable.PAYMENTS, payment);

    KpiRefresh.Plan fromSnapshots = plan(absent);
    KpiRefresh.Plan fromFeed = plan(empty);
    assertThat(fromSnapshots.firstMonth())
        .isEqualTo(fromFeed.firstMonth())
        .isEqualTo(Optional.of(TO));
    assertThat(fromSnapshots.reason())
        .contains(
            "from 2024-04-20 (payments did not exist at the recorded versions: compared in full with its version 1)");
    assertThat(fromFeed.reason())
        .contains(
            "from 2024-04-20 (changes read from the change data feed of payments versions 1..1)");
  }
}
