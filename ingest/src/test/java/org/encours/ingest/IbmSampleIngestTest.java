package org.encours.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.encours.core.cli.Progress;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.testing.SharedData;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.Test;

/**
 * The public IBM late-payment sample through its shipped mapping (read from ../shared, never
 * copied).
 */
class IbmSampleIngestTest {

  @Test
  void theIbmSampleLoads2466Invoices2466PaymentsAnd100CustomersWithNothingQuarantined() {
    Path csv = SharedData.ibmAccountsReceivableCsv();
    Warehouse warehouse = SharedSpark.newWarehouse();

    IngestResult result = ingest(warehouse, csv.getParent());

    assertThat(result.rowsRead()).isEqualTo(2466);
    assertThat(result.rowsQuarantined()).isZero();
    assertThat(result.reconciled()).isTrue();
    assertThat(warehouse.read(CanonicalTable.INVOICES).count()).isEqualTo(2466);
    assertThat(warehouse.read(CanonicalTable.PAYMENTS).count()).isEqualTo(2466);
    assertThat(warehouse.read(CanonicalTable.CUSTOMERS).count()).isEqualTo(100);
    // First data line:
    // 391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0
    Row invoice =
        warehouse
            .read(CanonicalTable.INVOICES)
            .where(col("invoice_id").equalTo("0000611365"))
            .first();
    assertThat(invoice.<Object>getAs("issue_date").toString()).isEqualTo("2013-01-02");
    assertThat(invoice.<Object>getAs("due_date").toString()).isEqualTo("2013-02-01");
    assertThat(invoice.<java.math.BigDecimal>getAs("amount")).isEqualByComparingTo("55.94");
    assertThat(invoice.<Boolean>getAs("disputed")).isFalse();
    assertThat(invoice.<String>getAs("channel")).isEqualTo("paper");
    Row customer =
        warehouse
            .read(CanonicalTable.CUSTOMERS)
            .where(col("customer_id").equalTo("0379-NEVHP"))
            .first();
    assertThat(customer.<String>getAs("country")).isEqualTo("XA");
  }

  /**
   * 20 lines of a copy are broken on purpose, four of each kind; exactly those 20 are quarantined,
   * each with the reason for its kind, and everything else loads.
   */
  @Test
  void aCopyWith20BrokenLinesQuarantinesExactlyThoseLinesWithTheirReasons() throws IOException {
    Path csv = SharedData.ibmAccountsReceivableCsv();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String header = lines.get(0);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split(",", -1));
    }
    // Columns: 0 countryCode, 1 customerID, 2 PaperlessDate, 3 invoiceNumber, 4 InvoiceDate,
    // 5 DueDate, 6 InvoiceAmount, 7 Disputed, 8 SettledDate, 9 PaperlessBill, 10 DaysToSettle, 11
    // DaysLate
    Map<String, String> expectedReason =
        new HashMap<>(); // broken invoice number -> expected reason
    int[] badDate = {100, 200, 300, 400};
    rows.get(100)[4] = "13/45/2013";
    rows.get(200)[4] = "2013-01-15";
    rows.get(300)[5] = "abc";
    rows.get(400)[8] = "2/30/2013";
    expectedReason.put(rows.get(100)[3], "invoices.issue_date: cannot read '13/45/2013' as a date");
    expectedReason.put(rows.get(200)[3], "invoices.issue_date: cannot read '2013-01-15' as a date");
    expectedReason.put(rows.get(300)[3], "invoices.due_date: cannot read 'abc' as a date");
    expectedReason.put(
        rows.get(400)[3], "payments.payment_date: cannot read '2/30/2013' as a date");
    for (int i : new int[] {500, 600, 700, 800}) {
      rows.get(i)[6] = "-" + rows.get(i)[6];
      expectedReason.put(
          rows.get(i)[3],
          "invoices.amount -" + rows.get(i)[6].substring(1) + " must be positive for an invoice");
    }
    List<String[]> missingId = new ArrayList<>();
    for (int i : new int[] {900, 1000}) {
      rows.get(i)[3] = "";
      missingId.add(rows.get(i));
    }
    for (int i : new int[] {1100, 1200}) {
      rows.get(i)[1] = " ";
      expectedReason.put(rows.get(i)[3], "customers.customer_id is missing");
    }
    for (int i : new int[] {1300, 1400, 1500, 1600}) {
      String issue = rows.get(i)[4];
      rows.get(i)[4] = rows.get(i)[5];
      rows.get(i)[5] = issue;
      expectedReason.put(rows.get(i)[3], "invoices.due_date ");
    }
    List<String> overwritten = new ArrayList<>(); // the broken lines' own numbers, lost with them
    List<String> firstHolders = new ArrayList<>();
    int[][] duplicates = {{1700, 10}, {1800, 20}, {1900, 30}, {2000, 40}};
    for (int[] pair : duplicates) {
      overwritten.add(rows.get(pair[0])[3]);
      firstHolders.add(rows.get(pair[1])[3]);
      rows.get(pair[0])[3] = rows.get(pair[1])[3]; // a later line repeats an earlier line's invoice
    }
    Path dir = SharedSpark.tempDir("ibm-broken");
    List<String> out = new ArrayList<>(List.of(header));
    rows.forEach(r -> out.add(String.join(",", r)));
    Files.write(dir.resolve("broken.csv"), out, StandardCharsets.UTF_8);
    Warehouse warehouse = SharedSpark.newWarehouse();

    IngestResult result = ingest(warehouse, dir);

    assertThat(result.rowsRead()).isEqualTo(2466);
    assertThat(result.rowsQuarantined()).isEqualTo(20);
    assertThat(result.rowsAccepted()).isEqualTo(2446);
    assertThat(result.reconciled()).isTrue();
    assertThat(warehouse.read(CanonicalTable.INVOICES).count()).isEqualTo(2446);
    assertThat(warehouse.read(CanonicalTable.PAYMENTS).count()).isEqualTo(2446);
    List<Row> quarantined = warehouse.read(AuditTables.QUARANTINE).collectAsList();
    assertThat(quarantined).hasSize(20);
    Map<String, List<String>> reasonsByInvoice = new HashMap<>();
    int missingIdCount = 0;
    int duplicateCount = 0;
    for (Row q : quarantined) {
      assertThat(q.<String>getAs("batch_id")).isEqualTo(result.batchId());
      String record = q.getAs("record");
      List<String> reasons = q.getList(q.fieldIndex("reasons"));
      assertThat(reasons).isNotEmpty();
      if (reasons.contains("invoices.invoice_id is missing")) {
        missingIdCount++;
        assertThat(record).contains("\"invoiceNumber\":null");
        continue;
      }
      if (reasons.stream().anyMatch(r -> r.startsWith("invoices: duplicate invoice_id"))) {
        duplicateCount++;
        continue;
      }
      String invoiceNumber = record.replaceAll(".*\"invoiceNumber\":\"([^\"]*)\".*", "$1");
      reasonsByInvoice.put(invoiceNumber, reasons);
    }
    assertThat(missingIdCount).isEqualTo(missingId.size());
    assertThat(duplicateCount).isEqualTo(4);
    assertThat(reasonsByInvoice.keySet()).isEqualTo(expectedReason.keySet());
    expectedReason.forEach(
        (invoice, reason) ->
            assertThat(reasonsByInvoice.get(invoice))
                .as("reasons of invoice " + invoice)
                .anyMatch(r -> r.startsWith(reason)));
    // The first line holding a repeated number is loaded; the repeating line is not.
    Set<String> loaded = new LinkedHashSet<>();
    warehouse
        .read(CanonicalTable.INVOICES)
        .select("invoice_id")
        .collectAsList()
        .forEach(r -> loaded.add(r.getString(0)));
    assertThat(loaded).containsAll(firstHolders).doesNotContainAnyElementsOf(overwritten);
    assertThat(loaded).doesNotContainAnyElementsOf(expectedReason.keySet());
  }

  private static IngestResult ingest(Warehouse warehouse, Path source) {
    return new IngestJob(warehouse, Progress.silent("test"))
        .run(source.toString(), MappingLoader.load("ibm-accounts-receivable"));
  }
}
