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

  static AnalyticsJob.Result monthly(Warehouse w, String from, String to) {
    return new AnalyticsJob(w, new PrintWriter(new StringWriter())).monthly(YearMonth.parse(from), YearMonth.parse(to)).execute();
  }

  static Map<String, Long> versionsAt(Warehouse w, String monthEnd) {
    Row r = w.read(AnalyticsJob.RECEIVABLES_KPIS).filter("level = 'portfolio' and as_of_date = '" + monthEnd + "'").first();
    return r.getJavaMap(r.fieldIndex(Provenance.COLUMN));
  }

  @Test
  void a_new_payment_in_march_rewrites_only_march_onwards() {
    Warehouse w = warehouseWith(ReceivablesKpisTest.fixture());
    monthly(w, "2024-01", "2024-04");
    assertThat(versionsAt(w, "2024-01-31")).containsEntry("payments", 0L).containsEntry("invoices", 0L);

    // C (1,000, issued 03-15) is paid on 03-20: payments version 1, earliest affected month March
    new Ledger().payment("PC", "C", "2024-03-20", "1000").paymentsDf()
        .write().format("delta").mode("append").save(w.path(CanonicalTable.PAYMENTS));
    AnalyticsJob.Result second = monthly(w, "2024-01", "2024-04");
    assertThat(second.detail()).isEqualTo("months 2024-03..2024-04 rewritten");
    assertThat(versionsAt(w, "2024-02-29")).containsEntry("payments", 0L);
    assertThat(versionsAt(w, "2024-03-31")).containsEntry("payments", 1L);
    Row march = w.read(AnalyticsJob.RECEIVABLES_KPIS).filter("level = 'portfolio' and as_of_date = '2024-03-31'").first();
    assertThat(march.getAs("ar").toString()).isEqualTo("1400.00"); // 2,400 - 1,000

    // the table equals a full recompute on the new data
    AnalyticsInputs now = AnalyticsInputs.read(w);
    Dataset<Row> full =
        ReceivablesKpis.monthly(now.invoices(), now.allocations(), now.customers(), YearMonth.parse("2024-01"), YearMonth.parse("2024-04"), ReceivablesKpis.Options.defaults());
    Dataset<Row> stored = w.read(AnalyticsJob.RECEIVABLES_KPIS).select(full.columns()[0], java.util.Arrays.copyOfRange(full.columns(), 1, full.columns().length));
    // Delta stores every column as nullable: compare the values under one schema
    SharedSpark.assertDataFrameNoOrderEquals(SharedSpark.session().createDataFrame(full.collectAsList(), stored.schema()), stored);

    // nothing changed since: nothing rewritten
    assertThat(monthly(w, "2024-01", "2024-04").rowsWritten()).isEmpty();

    // a longer range: only the missing month is computed
    assertThat(monthly(w, "2024-01", "2024-05").detail()).isEqualTo("months 2024-05..2024-05 rewritten");

    // a new invoice issued in January: everything from January is stale
    new Ledger().invoice("Z", "C1", "2024-01-31", "2024-02-29", "10").invoicesDf()
        .write().format("delta").mode("append").save(w.path(CanonicalTable.INVOICES));
    assertThat(monthly(w, "2024-02", "2024-05").detail()).isEqualTo("months 2024-02..2024-05 rewritten");
    // January was outside the range asked for: it keeps its old versions and is found stale next time
    assertThat(versionsAt(w, "2024-01-31")).containsEntry("invoices", 0L);
    assertThat(monthly(w, "2024-01", "2024-05").detail()).isEqualTo("months 2024-01..2024-05 rewritten");
  }

  @Test
  void the_as_of_command_writes_aging_and_behaviour_with_their_date_and_versions() {
    Warehouse w = warehouseWith(AgingSnapshotTest.fixture());
    StringWriter out = new StringWriter();
    picocli.CommandLine cli = EncoursCli.commandLine();
    cli.setOut(new PrintWriter(out));
    String[] args = {"analytics", "--warehouse", w.root(), "--master", "local[2]", "--as-of", "2024-02-29"};
    assertThat(cli.execute(args)).isZero();
    assertThat(out.toString())
        .contains("aging items as of 2024-02-29...")
        .contains("wrote 7 rows to aging_items")
        .contains("analytics as of 2024-02-29: wrote {aging_items=7, aging=");
    Row behaviour = w.read(AnalyticsJob.PAYMENT_BEHAVIOUR).filter("customer_id = 'C1'").first();
    assertThat(behaviour.getAs("as_of_date").toString()).isEqualTo("2024-02-29");
    assertThat(behaviour.<String, Long>getJavaMap(behaviour.fieldIndex(Provenance.COLUMN)))
        .containsEntry("invoices", 0L).containsEntry("dunning_events", -1L);
    Row portfolio = w.read(AnalyticsJob.AGING).filter("level = 'portfolio' and bucket = 'credits'").first();
    assertThat(portfolio.getAs("open_amount").toString()).isEqualTo("-250.00");
    // a rerun replaces the date's partition instead of appending
    assertThat(EncoursCli.commandLine().execute(args)).isZero();
    assertThat(w.read(AnalyticsJob.AGING_ITEMS).count()).isEqualTo(7L);
  }

  @Test
  void without_canonical_tables_the_message_says_to_run_ingest_first() {
    Warehouse empty = SharedSpark.newWarehouse();
    assertThatThrownBy(() -> new AnalyticsJob(empty, null).asOf(LocalDate.parse("2024-01-31")).execute())
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("Run 'encours ingest' first");
  }

  @Test
  void bad_arguments_name_the_option() {
    assertThat(error("analytics", "--as-of", "2024-02-30")).contains("--as-of").contains("2024-02-30");
    assertThat(error("analytics", "--from", "2024-01", "--monthly")).contains("--to");
    assertThat(error("analytics", "--from", "2024-05", "--to", "2024-01", "--monthly")).contains("--to");
    assertThat(error("analytics", "--as-of", "2024-01-31", "--buckets", "30,20")).contains("--buckets");
    assertThat(error("analytics", "--as-of", "2024-01-31", "--age-from", "payment")).contains("--age-from");
    assertThat(error("analytics")).contains("--as-of");
  }

  @Test
  void the_command_on_an_empty_warehouse_says_to_run_ingest_first() {
    Warehouse empty = SharedSpark.newWarehouse();
    assertThat(error("analytics", "--warehouse", empty.root(), "--master", "local[2]", "--as-of", "2024-01-31"))
        .contains("encours analytics: No invoices table").contains("Run 'encours ingest' first");
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
