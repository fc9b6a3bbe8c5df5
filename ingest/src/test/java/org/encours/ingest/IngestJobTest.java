package org.encours.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.encours.core.UserFacingException;
import org.encours.core.cli.Progress;
import org.encours.ingest.mapping.IngestMapping;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.testing.CanonicalCsv;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.Test;

/** Ingestion end to end on small exports in the canonical CSV layout. */
class IngestJobTest {
  private static final String ACME =
      "C1,Acme SA,FR,construction,small,2019-05-01,50000.00,40000.00,30";
  private static final String BETA = "C2,\"Beta, Gamma & Co\",BE,retail,medium,2018-01-15,,,60";

  private static CanonicalCsv cleanExport() {
    return new CanonicalCsv()
        .customer(ACME)
        .customer(BETA)
        .invoice("I1,C1,2024-01-31,2024-02-29,1000.00,EUR,invoice,electronic,false,,NET30")
        .invoice("I2,C1,2024-02-29,2024-03-30,250.50,EUR,invoice,paper,true,2024-03-05,NET30")
        .invoice("I3,C2,2024-03-15,2024-05-14,-100.00,EUR,credit_note,electronic,false,,NET60")
        .payment("P1,I1,2024-02-29,600.00")
        .payment("P2,I1,2024-03-10,400.00")
        .payment("P3,I3,2024-03-20,-100.00")
        .dunning("D1,I2,C1,2024-04-04,reminder_1,email,promise_to_pay");
  }

  @Test
  void aCleanExportLoadsEveryRowReconcilesAndIsRecordedInTheAudit() {
    Warehouse warehouse = SharedSpark.newWarehouse();

    IngestResult result = ingest(warehouse, cleanExport().write());

    // 2 customers + 3 invoices + 3 payments + 1 event = 9 records, all accepted.
    assertThat(result.rowsRead()).isEqualTo(9);
    assertThat(result.rowsAccepted()).isEqualTo(9);
    assertThat(result.rowsQuarantined()).isZero();
    assertThat(result.reconciled()).isTrue();
    assertThat(result.table("invoices").inserted()).isEqualTo(3);
    assertThat(warehouse.read(CanonicalTable.DUNNING_EVENTS).count()).isEqualTo(1);
    SharedSpark.assertDataFrameNoOrderEquals(
        SharedSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create(
                        "I1",
                        "C1",
                        date("2024-01-31"),
                        date("2024-02-29"),
                        new BigDecimal("1000.00"),
                        "EUR",
                        "invoice",
                        "electronic",
                        false,
                        null,
                        "NET30",
                        result.batchId()),
                    RowFactory.create(
                        "I2",
                        "C1",
                        date("2024-02-29"),
                        date("2024-03-30"),
                        new BigDecimal("250.50"),
                        "EUR",
                        "invoice",
                        "paper",
                        true,
                        date("2024-03-05"),
                        "NET30",
                        result.batchId()),
                    RowFactory.create(
                        "I3",
                        "C2",
                        date("2024-03-15"),
                        date("2024-05-14"),
                        new BigDecimal("-100.00"),
                        "EUR",
                        "credit_note",
                        "electronic",
                        false,
                        null,
                        "NET60",
                        result.batchId())),
                CanonicalTable.INVOICES.storedSchema()),
        warehouse.read(CanonicalTable.INVOICES));
    Row beta =
        warehouse.read(CanonicalTable.CUSTOMERS).where(col("customer_id").equalTo("C2")).first();
    assertThat(beta.<String>getAs("name")).isEqualTo("Beta, Gamma & Co");
    assertThat(beta.<BigDecimal>getAs("credit_limit")).isNull();
    assertThat(beta.<String>getAs(CanonicalTable.BATCH_COLUMN)).isEqualTo(result.batchId());

    Row audit = warehouse.read(AuditTables.INGEST_BATCHES).first();
    assertThat(audit.<String>getAs("status")).isEqualTo("succeeded");
    assertThat(audit.<Long>getAs("rows_read")).isEqualTo(9L);
    assertThat(audit.<Long>getAs("rows_accepted") + audit.<Long>getAs("rows_quarantined"))
        .isEqualTo(9L);
    assertThat(audit.<Boolean>getAs("reconciled")).isTrue();
    assertThat(audit.<String>getAs("source_checksum"))
        .hasSize(64)
        .isEqualTo(result.sourceChecksum());
    assertThat(audit.<Row>getList(audit.fieldIndex("table_stats")))
        .extracting(r -> r.<String>getAs("table"))
        .containsExactly("customers", "invoices", "payments", "dunning_events");
    assertThat(warehouse.exists(AuditTables.QUARANTINE)).isFalse();
  }

  @Test
  void theSameExportAgainChangesNothingAndACorrectedOneUpdatesRowsInPlace() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export = cleanExport().write();
    IngestResult first = ingest(warehouse, export);
    Map<String, Long> versions = warehouse.canonicalVersions();

    IngestResult again = ingest(warehouse, export);

    assertThat(warehouse.canonicalVersions()).isEqualTo(versions);
    assertThat(again.tables())
        .allSatisfy(
            t -> {
              assertThat(t.inserted()).isZero();
              assertThat(t.updated()).isZero();
              assertThat(t.unchanged()).isEqualTo(t.rows());
            });

    Path corrected =
        new CanonicalCsv()
            .customer(ACME)
            .customer(BETA)
            .invoice("I1,C1,2024-01-31,2024-02-29,1000.00,EUR,invoice,electronic,false,,NET30")
            .invoice(
                "I2,C1,2024-02-29,2024-03-30,205.50,EUR,invoice,paper,true,2024-03-05,NET30") // amount corrected
            .invoice("I3,C2,2024-03-15,2024-05-14,-100.00,EUR,credit_note,electronic,false,,NET60")
            .invoice("I4,C2,2024-04-02,2024-06-01,80.00,EUR,invoice,paper,false,,NET60") // new
            .payment("P1,I1,2024-02-29,600.00")
            .payment("P2,I1,2024-03-10,400.00")
            .payment("P3,I3,2024-03-20,-100.00")
            .dunning("D1,I2,C1,2024-04-04,reminder_1,email,promise_to_pay")
            .write();
    IngestResult fix = ingest(warehouse, corrected);

    assertThat(fix.table("invoices").inserted()).isEqualTo(1);
    assertThat(fix.table("invoices").updated()).isEqualTo(1);
    assertThat(fix.table("invoices").unchanged()).isEqualTo(2);
    assertThat(fix.table("customers").unchanged()).isEqualTo(2);
    assertThat(warehouse.read(CanonicalTable.INVOICES).count()).isEqualTo(4);
    Row i2 = warehouse.read(CanonicalTable.INVOICES).where(col("invoice_id").equalTo("I2")).first();
    assertThat(i2.<BigDecimal>getAs("amount")).isEqualByComparingTo("205.50");
    assertThat(i2.<String>getAs(CanonicalTable.BATCH_COLUMN)).isEqualTo(fix.batchId());
    Row i1 = warehouse.read(CanonicalTable.INVOICES).where(col("invoice_id").equalTo("I1")).first();
    assertThat(i1.<String>getAs(CanonicalTable.BATCH_COLUMN)).isEqualTo(first.batchId());
    assertThat(
            warehouse
                .read(AuditTables.INGEST_BATCHES)
                .where(col("status").equalTo("succeeded"))
                .count())
        .isEqualTo(3);
  }

  @Test
  void everyRejectedRecordIsQuarantinedWithAllItsReasonsAndTheRestLoads() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export =
        new CanonicalCsv()
            .customer(ACME)
            .customer("C9,Nowhere Ltd,ZZZ,retail,small,2020-01-01,1000.00,,30") // bad country
            .invoice("I1,C1,2024-01-31,2024-02-29,1000.00,EUR,invoice,electronic,false,,NET30")
            .invoice("I2,C1,2024-31-01,2024-02-29,10.00,EUR,invoice,paper,false,,NET30") // bad date
            .invoice(
                "I3,C1,2024-01-31,2024-02-29,10.005,EURO,invoice,paper,false,,NET30") // 2 reasons
            .invoice(
                "I4,C9,2024-01-31,2024-02-29,10.00,EUR,invoice,paper,false,,NET30") // its customer
            // is rejected
            .invoice(
                "I1,C1,2024-01-31,2024-02-29,999.00,EUR,invoice,electronic,false,,NET30") // duplicate key
            .payment("P1,I1,2024-02-29,600.00")
            .payment("P2,I2,2024-03-10,10.00") // its invoice is rejected
            .payment("P3,I1,2024-03-10,-5.00") // wrong sign for an invoice
            .payment("P4,I9,2024-03-10,5.00") // unknown invoice
            .payment("P5,I1,2024-03-10,5.00,extra") // malformed: one field too many
            .dunning(
                "D1,I4,C9,2024-04-04,reminder_1,email,no_answer") // invoice and customer rejected
            .write();

    IngestResult result = ingest(warehouse, export);

    assertThat(result.rowsRead()).isEqualTo(13);
    assertThat(result.rowsQuarantined()).isEqualTo(10);
    assertThat(result.rowsAccepted()).isEqualTo(3); // C1, I1 (first), P1
    assertThat(result.reconciled()).isTrue();
    assertThat(
            warehouse.read(CanonicalTable.INVOICES).select("invoice_id", "amount").collectAsList())
        .extracting(r -> r.getString(0) + "=" + r.getDecimal(1).toPlainString())
        .containsExactly("I1=1000.00");
    Map<String, List<String>> reasons = quarantineByRecordStart(warehouse);
    assertThat(reasons.get("C9"))
        .containsExactly("customers.country 'ZZZ' is not an ISO 3166-1 alpha-2 code");
    assertThat(reasons.get("I2"))
        .singleElement()
        .asString()
        .startsWith(
            "invoices.issue_date: cannot read '2024-31-01' as a date (expected yyyy-MM-dd)");
    assertThat(reasons.get("I3"))
        .hasSize(2)
        .anyMatch(
            r ->
                r.startsWith(
                    "invoices.amount: cannot read '10.005' as an amount with at most 2 decimals"))
        .contains("invoices.currency 'EURO' is not an ISO 4217 code");
    assertThat(reasons.get("I4"))
        .containsExactly(
            "invoices.customer_id 'C9' is not a known customer (neither in this batch nor already loaded)");
    assertThat(reasons.get("I1"))
        .singleElement()
        .asString()
        .startsWith("invoices: duplicate invoice_id 'I1'");
    assertThat(reasons.get("P2"))
        .containsExactly(
            "payments.invoice_id 'I2' is not a known invoice (neither in this batch nor already loaded)");
    assertThat(reasons.get("P3"))
        .singleElement()
        .asString()
        .startsWith("payments.amount -5.00 has the wrong sign for invoice 'I1'");
    assertThat(reasons.get("P4"))
        .containsExactly(
            "payments.invoice_id 'I9' is not a known invoice (neither in this batch nor already loaded)");
    assertThat(reasons.get("P5"))
        .containsExactly("malformed record: wrong number of fields or bad quoting");
    assertThat(reasons.get("D1"))
        .containsExactlyInAnyOrder(
            "dunning_events.customer_id 'C9' is not a known customer (neither in this batch nor already loaded)",
            "dunning_events.invoice_id 'I4' is not a known invoice (neither in this batch nor already loaded)");
  }

  @Test
  void aPaymentMaySettleAnInvoiceLoadedByAnEarlierBatch() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    ingest(
        warehouse,
        new CanonicalCsv()
            .customer(ACME)
            .invoice("I1,C1,2024-01-31,2024-02-29,1000.00,EUR,invoice,electronic,false,,NET30")
            .write());

    IngestResult later =
        ingest(warehouse, new CanonicalCsv().payment("P1,I1,2024-03-01,1000.00").write());

    assertThat(later.rowsQuarantined()).isZero();
    assertThat(later.table("payments").inserted()).isEqualTo(1);
    assertThat(later.table("customers").rows()).isZero();
  }

  /**
   * A later batch's references resolve against the rows already loaded (only those it names are
   * read): the same reasons as within one batch, and the same idempotence.
   */
  @Test
  void aLaterBatchResolvesItsReferencesAgainstTheLoadedRows() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    IngestResult first = ingest(warehouse, cleanExport().write());
    Path nextMonth =
        new CanonicalCsv()
            .invoice("I5,C2,2024-04-30,2024-06-29,75.00,EUR,invoice,paper,false,,NET60") // loaded
            // customer
            .invoice("I6,C7,2024-04-30,2024-05-30,10.00,EUR,invoice,paper,false,,NET30") // unknown
            // customer
            .payment("P4,I2,2024-05-02,250.50") // loaded invoice
            .payment("P5,I9,2024-05-02,5.00") // unknown invoice
            .payment("P6,I3,2024-05-02,100.00") // wrong sign for a loaded credit note
            .payment("P7,I6,2024-05-02,10.00") // its invoice is rejected in this batch
            .dunning("D2,I2,C1,2024-05-04,reminder_2,email,promise_to_pay") // loaded invoice and
            // customer
            .dunning("D3,I9,C8,2024-05-04,reminder_1,email,no_answer") // neither is known
            .write();

    IngestResult later = ingest(warehouse, nextMonth);

    assertThat(later.rowsRead()).isEqualTo(8);
    assertThat(later.rowsAccepted()).isEqualTo(3); // I5, P4, D2
    assertThat(later.rowsQuarantined()).isEqualTo(5);
    assertThat(later.table("invoices").inserted()).isEqualTo(1);
    assertThat(later.table("payments").inserted()).isEqualTo(1);
    assertThat(later.table("dunning_events").inserted()).isEqualTo(1);
    Map<String, List<String>> reasons = quarantineByRecordStart(warehouse);
    assertThat(reasons.get("I6"))
        .containsExactly(
            "invoices.customer_id 'C7' is not a known customer (neither in this batch nor already loaded)");
    assertThat(reasons.get("P5"))
        .containsExactly(
            "payments.invoice_id 'I9' is not a known invoice (neither in this batch nor already loaded)");
    assertThat(reasons.get("P6"))
        .containsExactly(
            "payments.amount 100.00 has the wrong sign for credit_note 'I3' (allocations are positive on invoices, negative on credit notes)");
    assertThat(reasons.get("P7"))
        .containsExactly(
            "payments.invoice_id 'I6' is not a known invoice (neither in this batch nor already loaded)");
    assertThat(reasons.get("D3"))
        .containsExactlyInAnyOrder(
            "dunning_events.customer_id 'C8' is not a known customer (neither in this batch nor already loaded)",
            "dunning_events.invoice_id 'I9' is not a known invoice (neither in this batch nor already loaded)");

    Map<String, Long> versions = warehouse.canonicalVersions();
    IngestResult again = ingest(warehouse, nextMonth);
    assertThat(warehouse.canonicalVersions()).isEqualTo(versions);
    assertThat(again.rowsQuarantined()).isEqualTo(5);
    assertThat(again.tables()).allSatisfy(t -> assertThat(t.unchanged()).isEqualTo(t.rows()));

    IngestResult fix =
        ingest(
            warehouse,
            new CanonicalCsv()
                .payment("P4,I2,2024-05-02,200.50")
                .payment("P8,I1,2024-05-03,0.50")
                .write()); // P4 corrected, P8 new

    assertThat(fix.table("payments").updated()).isEqualTo(1);
    assertThat(fix.table("payments").inserted()).isEqualTo(1);
    Row p4 = warehouse.read(CanonicalTable.PAYMENTS).where(col("payment_id").equalTo("P4")).first();
    assertThat(p4.<BigDecimal>getAs("amount")).isEqualByComparingTo("200.50");
    assertThat(p4.<String>getAs(CanonicalTable.BATCH_COLUMN)).isEqualTo(fix.batchId());
    Row p1 = warehouse.read(CanonicalTable.PAYMENTS).where(col("payment_id").equalTo("P1")).first();
    assertThat(p1.<String>getAs(CanonicalTable.BATCH_COLUMN)).isEqualTo(first.batchId());
  }

  @Test
  void aDocumentLoadedBeforeAndCorrectedInTheBatchIsCheckedWithItsCorrectedValues() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    ingest(warehouse, cleanExport().write()); // I1 loaded as an invoice of 1000.00
    IngestResult corrected =
        ingest(
            warehouse,
            new CanonicalCsv()
                .invoice(
                    "I1,C1,2024-01-31,2024-02-29,-1000.00,EUR,credit_note,electronic,false,,NET30") // now a credit note
                .payment("P9,I1,2024-02-10,-1000.00") // right sign for a credit note, wrong for an
                // invoice
                .write());

    assertThat(corrected.rowsQuarantined()).isZero();
    assertThat(corrected.table("invoices").updated()).isEqualTo(1);
    assertThat(corrected.table("payments").inserted()).isEqualTo(1);
  }

  @Test
  void aMappingThatDoesNotFitTheSourceFailsBeforeAnythingIsWritten() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export = cleanExport().write();
    String yaml =
        """
        sources:
          - name: payments
            path: payments.csv
            tables:
              payments:
                columns:
                  payment_id: payment_id
                  invoice_id: invoice_ref
                  payment_date: payment_date
                  amount: amount
        """;
    IngestMapping mapping = MappingLoader.parse(yaml, "bank.yaml");

    assertThatThrownBy(
            () -> new IngestJob(warehouse, Progress.silent("t")).run(export.toString(), mapping))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(
            "Mapping bank.yaml sources[0] (payments).tables.payments.columns.invoice_id: the expression 'invoice_ref' does not fit the source")
        .hasMessageContaining("Source columns: payment_id, invoice_id, payment_date, amount")
        .hasMessageContaining("Nothing was written");
    assertThat(warehouse.exists(AuditTables.INGEST_BATCHES)).isFalse();
    assertThat(warehouse.canonicalVersions()).isEmpty();
  }

  @Test
  void aMissingSourceFileIsNamedAndAnOptionalOneMayBeAbsent() throws IOException {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export = new CanonicalCsv().customer(ACME).write();
    Files.delete(export.resolve("payments.csv"));
    assertThatThrownBy(() -> ingest(warehouse, export))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("sources[2] (payments): no file matches 'payments.csv' in " + export);
  }

  /**
   * Other export shapes through a mapping: JSON lines with no invoice id and only "days until
   * payment"; the id and the payment date are derived by expressions.
   */
  @Test
  void aJsonExportWithoutInvoiceIdsOrPaymentDatesIsMappedByExpressions() throws IOException {
    Warehouse warehouse = SharedSpark.newWarehouse();
    ingest(warehouse, new CanonicalCsv().customer(ACME).write());
    Path dir = SharedSpark.tempDir("json");
    Files.writeString(
        dir.resolve("ledger.jsonl"),
        "{\"client\":\"C1\",\"date\":\"2024-02-29\",\"total\":120.5,\"days_to_pay\":31}\n"
            + "{\"client\":\"C1\",\"date\":\"2024-03-01\",\"total\":80,\"days_to_pay\":null}\n");
    String yaml =
        """
        sources:
          - name: ledger
            path: "*.jsonl"
            format: json
            tables:
              invoices:
                columns:
                  invoice_id: "substr(sha2(concat_ws('|', client, date, cast(total as string)), 256), 1, 16)"
                  customer_id: client
                  issue_date: date
                  due_date: date_add(to_date(date), 30)
                  amount: total
                  currency: "'EUR'"
                  doc_type: "'invoice'"
                  channel: null
                  disputed: "false"
                  dispute_date: null
                  terms_code: "'NET30'"
              payments:
                columns:
                  payment_id: "concat(substr(sha2(concat_ws('|', client, date, cast(total as string)), 256), 1, 16), '-1')"
                  invoice_id: "substr(sha2(concat_ws('|', client, date, cast(total as string)), 256), 1, 16)"
                  payment_date: date_add(to_date(date), cast(days_to_pay as int))
                  amount: total
        """;

    IngestResult result =
        new IngestJob(warehouse, Progress.silent("t"))
            .withMaxQuarantine(100)
            .run(dir.toString(), MappingLoader.parse(yaml, "ledger.yaml"));

    // Line 2 has no payment yet: its payment row is missing its date, so the whole record waits.
    assertThat(result.rowsRead()).isEqualTo(2);
    assertThat(result.rowsQuarantined()).isEqualTo(1);
    Row paid = warehouse.read(CanonicalTable.PAYMENTS).first();
    assertThat(paid.<Object>getAs("payment_date").toString())
        .isEqualTo("2024-03-31"); // 2024-02-29 + 31 days
    assertThat(paid.<BigDecimal>getAs("amount")).isEqualByComparingTo("120.50");
    assertThat(quarantineByRecordStart(warehouse).values())
        .singleElement()
        .asList()
        .contains("payments.payment_date is missing");
  }

  @Test
  void aByteThatIsNotUtf8IsQuarantinedWithItsFileAndLineAndTheOtherRecordsLoad()
      throws IOException {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export =
        new CanonicalCsv()
            .invoice("I1,C1,2024-01-31,2024-02-29,1000.00,EUR,invoice,electronic,false,,NET30")
            .write();
    // Written in ISO-8859-1: the e acute of "Caf\u00e9" is the single byte 0xE9, not UTF-8.
    Files.write(
        export.resolve("customers.csv"),
        (CanonicalCsv.CUSTOMERS_HEADER
                + "\n"
                + ACME
                + "\n"
                + "C2,Caf\u00e9 du Port,FR,retail,small,2020-01-01,1000.00,,30\n")
            .getBytes(StandardCharsets.ISO_8859_1));

    IngestResult result = ingest(warehouse, export);

    assertThat(result.rowsRead()).isEqualTo(3); // C1, C2, I1
    assertThat(result.rowsQuarantined()).isEqualTo(1);
    assertThat(result.rowsAccepted()).isEqualTo(2);
    assertThat(warehouse.read(CanonicalTable.CUSTOMERS).select("customer_id").collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("C1");
    Row quarantined = warehouse.read(AuditTables.QUARANTINE).first();
    assertThat(quarantined.<String>getAs("record"))
        .isEqualTo("C2,Caf\\xE9 du Port,FR,retail,small,2020-01-01,1000.00,,30");
    assertThat(quarantined.<String>getAs("source_file")).endsWith("customers.csv");
    assertThat(quarantined.getList(quarantined.fieldIndex("reasons")))
        .containsExactly(
            "invalid UTF-8 byte 0xE9 at line 3 of customers.csv; declare the file's encoding in the"
                + " mapping (options.encoding, e.g. ISO-8859-1)");
  }

  @Test
  void theSameBytesLoadAsTextWhenTheMappingDeclaresTheirEncoding() throws IOException {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export = new CanonicalCsv().write();
    Files.write(
        export.resolve("customers.csv"),
        (CanonicalCsv.CUSTOMERS_HEADER
                + "\n"
                + "C2,Caf\u00e9 du Port,FR,retail,small,2020-01-01,1000.00,,30\n")
            .getBytes(StandardCharsets.ISO_8859_1));

    IngestResult result =
        new IngestJob(warehouse, Progress.silent("t"))
            .run(export.toString(), canonicalWithEncoding("customers", "ISO-8859-1"));

    assertThat(result.rowsQuarantined()).isZero();
    assertThat(warehouse.read(CanonicalTable.CUSTOMERS).first().<String>getAs("name"))
        .isEqualTo("Caf\u00e9 du Port");
  }

  @Test
  void aHeaderLineThatIsNotInTheDeclaredEncodingFailsNamingTheFile() throws IOException {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export = new CanonicalCsv().customer(ACME).write();
    Files.write(
        export.resolve("payments.csv"),
        "payment_id,invoice_id,payment_date,amount,r\u00e9f\n"
            .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> ingest(warehouse, export))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("Source sources[2] (payments): the header line of ")
        .hasMessageContaining("payments.csv has an invalid UTF-8 byte 0xE9 (line 1)")
        .hasMessageContaining("options.encoding, e.g. ISO-8859-1");
    assertThat(warehouse.exists(AuditTables.INGEST_BATCHES)).isFalse();
  }

  /**
   * The case of a mapping with the wrong date format: nearly every invoice is quarantined. The
   * batch is refused, nothing reaches the canonical tables, and the audit keeps the failed batch
   * with its counts.
   */
  @Test
  void aWrongDateFormatThatQuarantinesMostRecordsFailsTheBatchNamingTheFormatsTried() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export =
        invoices(new CanonicalCsv().customer(ACME), 10, "15/01/2024", "14/02/2024").write();

    assertThatThrownBy(() -> ingestWithTheDefaultLimit(warehouse, export))
        .isInstanceOf(UserFacingException.class)
        .satisfies(e -> assertThat(((UserFacingException) e).exitCode()).isEqualTo(2))
        .hasMessageContaining(
            "10 of the 10 records of source invoices (100.0 %) would be quarantined, more than the"
                + " limit of 5 % (--max-quarantine)")
        .hasMessageContaining(
            "10 of them have dates that match none of the source's date_formats (tried:"
                + " yyyy-MM-dd), e.g. \"invoices.due_date: cannot read '14/02/2024' as a date"
                + " (expected yyyy-MM-dd) between 1900 and 2199\"")
        .hasMessageContaining("Set date_formats of sources[1] (invoices) of mapping canonical-csv")
        .hasMessageContaining("Nothing was written to the canonical tables");
    assertThat(warehouse.canonicalVersions()).isEmpty();
    assertThat(warehouse.exists(AuditTables.QUARANTINE)).isFalse();
    Row audit = warehouse.read(AuditTables.INGEST_BATCHES).first();
    assertThat(audit.<String>getAs("status")).isEqualTo("failed");
    assertThat(audit.<Long>getAs("rows_read")).isEqualTo(11L);
    assertThat(audit.<Long>getAs("rows_accepted")).isEqualTo(1L);
    assertThat(audit.<Long>getAs("rows_quarantined")).isEqualTo(10L);
    assertThat(audit.<String>getAs("message")).contains("--max-quarantine");
  }

  @Test
  void aShareOfQuarantinedRecordsAtTheLimitLoadsAndAboveItIsRefused() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    // 20 invoices, one with a date that does not parse: 1 of 20 is 5 %, at the default limit.
    Path export =
        invoices(new CanonicalCsv().customer(ACME), 19, "2024-01-15", "2024-02-14")
            .invoice("I20,C1,2024-01-15,14/02/2024,100.00,EUR,invoice,electronic,false,,NET30")
            .write();

    IngestResult result = ingestWithTheDefaultLimit(warehouse, export);

    assertThat(result.rowsQuarantined()).isEqualTo(1);
    assertThat(result.table("invoices").inserted()).isEqualTo(19);

    Warehouse another = SharedSpark.newWarehouse();
    assertThatThrownBy(
            () ->
                new IngestJob(another, Progress.silent("t"))
                    .withMaxQuarantine(4.5)
                    .run(export.toString(), MappingLoader.load("canonical-csv")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(
            "1 of the 20 records of source invoices (5.0 %) would be quarantined, more than the"
                + " limit of 4.5 % (--max-quarantine)");
    assertThat(another.canonicalVersions()).isEmpty();
  }

  @Test
  void linesSplitByAnotherDelimiterThanTheHeaderFailTheBatchPointingAtTheDelimiter() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export =
        new CanonicalCsv()
            .customer(ACME)
            .invoice("I1;C1;2024-01-31;2024-02-29;1000.00;EUR;invoice;electronic;false;;NET30")
            .invoice("I2;C1;2024-02-29;2024-03-30;250.50;EUR;invoice;paper;true;;NET30")
            .write();

    assertThatThrownBy(() -> ingestWithTheDefaultLimit(warehouse, export))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(
            "2 of the 2 records of source invoices (100.0 %) would be quarantined")
        .hasMessageContaining(
            "2 of them are lines that do not split into the header's columns (delimiter or"
                + " quoting), e.g. the line \"I1;C1;2024-01-31;2024-02-29;1000.00;EUR;invoice;electronic;false;;NET30\"")
        .hasMessageContaining(
            "Check options.delimiter (now ','), quote and escape of sources[1] (invoices) of"
                + " mapping canonical-csv");
    assertThat(warehouse.canonicalVersions()).isEmpty();
  }

  @Test
  void aHeaderReadAsOneColumnSaysWhichDelimiterTheFileLooksToUse() throws IOException {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export = new CanonicalCsv().customer(ACME).write();
    Files.writeString(
        export.resolve("payments.csv"),
        "payment_id;invoice_id;payment_date;amount\nP1;I1;2024-02-29;600.00\n");

    assertThatThrownBy(() -> ingest(warehouse, export))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("Source columns: payment_id;invoice_id;payment_date;amount")
        .hasMessageContaining(
            "The header was read as one column: the file looks delimited by ';', not by ',';"
                + " set options.delimiter of this source");
  }

  @Test
  void anEmptyOptionalFileIsNamedAsEmpty() throws IOException {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export = cleanExport().write();
    Path dunning = export.resolve("dunning_events.csv");
    Files.write(dunning, new byte[0]);

    assertThatThrownBy(() -> ingest(warehouse, export))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("Source sources[3] (dunning_events): the file ")
        .hasMessageContaining(
            "dunning_events.csv is empty (not even a header line). Give it its header line, or"
                + " leave the file out of the folder: the source is optional.")
        .hasMessageNotContaining("_malformed");
    assertThat(warehouse.exists(AuditTables.INGEST_BATCHES)).isFalse();
  }

  @Test
  void anExpressionThatIsNotSparkSqlIsNamedWithSparksParseMessage() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Path export = cleanExport().write();
    String yaml =
        """
        sources:
          - name: payments
            path: payments.csv
            tables:
              payments:
                columns:
                  payment_id: payment_id
                  invoice_id: invoice_id
                  payment_date: payment_date
                  amount: "amount +* 2"
        """;

    assertThatThrownBy(
            () ->
                new IngestJob(warehouse, Progress.silent("t"))
                    .run(export.toString(), MappingLoader.parse(yaml, "bank.yaml")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(
            "Mapping bank.yaml sources[0] (payments).tables.payments.columns.amount: the"
                + " expression 'amount +* 2' is not valid Spark SQL: [PARSE_SYNTAX_ERROR] Syntax"
                + " error at or near '2': extra input '2'.(line 1, pos 10)")
        .hasMessageContaining("Nothing was written");
    assertThat(warehouse.exists(AuditTables.INGEST_BATCHES)).isFalse();
  }

  @Test
  void aQuarantineLimitOutsideZeroToAHundredIsRefusedNamingTheOption() {
    assertThat(IngestJob.checkMaxQuarantine(0)).isZero();
    assertThat(IngestJob.checkMaxQuarantine(100)).isEqualTo(100);
    assertThatThrownBy(() -> IngestJob.checkMaxQuarantine(150))
        .isInstanceOf(UserFacingException.class)
        .hasMessage(
            "Invalid value '150' for --max-quarantine: expected a percentage from 0 to 100.");
    assertThatThrownBy(() -> IngestJob.checkMaxQuarantine(-0.5))
        .hasMessageContaining("Invalid value '-0.5' for --max-quarantine");
  }

  private static java.sql.Date date(String iso) {
    return java.sql.Date.valueOf(iso);
  }

  /**
   * Ingests with the canonical CSV mapping and no quarantine limit: these exports are a few records
   * each, often mostly bad on purpose.
   */
  private static IngestResult ingest(Warehouse warehouse, Path export) {
    return new IngestJob(warehouse, Progress.silent("test"))
        .withMaxQuarantine(100)
        .run(export.toString(), MappingLoader.load("canonical-csv"));
  }

  /** Ingests with the canonical CSV mapping and the default quarantine limit. */
  private static IngestResult ingestWithTheDefaultLimit(Warehouse warehouse, Path export) {
    return new IngestJob(warehouse, Progress.silent("test"))
        .run(export.toString(), MappingLoader.load("canonical-csv"));
  }

  /** The canonical CSV mapping with one source's encoding changed. */
  private static IngestMapping canonicalWithEncoding(String source, String encoding)
      throws IOException {
    String yaml;
    try (java.io.InputStream in =
        MappingLoader.class.getResourceAsStream(
            "/org/encours/ingest/mappings/canonical-csv.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String marker =
        "path: "
            + source
            + ".csv\n    format: csv\n    options: {delimiter: \",\", encoding: UTF-8}";
    assertThat(yaml).contains(marker);
    return MappingLoader.parse(
        yaml.replace(marker, marker.replace("UTF-8", encoding)), "latin1.yaml");
  }

  /** Invoice lines I1..In of customer C1, all alike but their id. */
  private static CanonicalCsv invoices(CanonicalCsv export, int n, String issue, String due) {
    for (int i = 1; i <= n; i++) {
      export.invoice(
          "I" + i + ",C1," + issue + "," + due + ",100.00,EUR,invoice,electronic,false,,NET30");
    }
    return export;
  }

  /** Quarantine reasons keyed by the first field of the original record (its id). */
  private static Map<String, List<String>> quarantineByRecordStart(Warehouse warehouse) {
    Map<String, List<String>> byId = new HashMap<>();
    for (Row q : warehouse.read(AuditTables.QUARANTINE).collectAsList()) {
      String record = q.getAs("record");
      String id =
          record.startsWith("{")
              ? record.replaceAll("^\\{\"[^\"]+\":\"?([^\",]*)\"?.*$", "$1")
              : record.split(",")[0];
      byId.put(id, q.getList(q.fieldIndex("reasons")));
    }
    return byId;
  }
}
