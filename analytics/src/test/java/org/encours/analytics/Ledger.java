package org.encours.analytics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;

/**
 * A small receivables ledger built in a test: plain Java records that become the canonical
 * DataFrames, and that {@link ReferenceLedger} reads for the independent computation.
 */
final class Ledger {
  record Invoice(
      String id,
      String customer,
      LocalDate issue,
      LocalDate due,
      BigDecimal amount,
      String docType,
      boolean disputed,
      LocalDate disputeDate) {}

  record Payment(String id, String invoiceId, LocalDate date, BigDecimal amount) {}

  record Customer(
      String id, String country, String sector, String sizeBand, BigDecimal creditLimit) {}

  record Dunning(String id, String invoiceId, String customer, LocalDate date, String stage) {}

  final List<Invoice> invoices = new ArrayList<>();
  final List<Payment> payments = new ArrayList<>();
  final List<Customer> customers = new ArrayList<>();
  final List<Dunning> dunning = new ArrayList<>();

  static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  static BigDecimal eur(String amount) {
    return new BigDecimal(amount).setScale(2);
  }

  Ledger customer(String id, String country, String sector, String size, String limit) {
    customers.add(new Customer(id, country, sector, size, limit == null ? null : eur(limit)));
    return this;
  }

  Ledger invoice(String id, String customer, String issue, String due, String amount) {
    return document(id, customer, issue, due, amount, "invoice");
  }

  Ledger creditNote(String id, String customer, String issue, String amount) {
    return document(id, customer, issue, issue, amount, "credit_note");
  }

  Ledger document(
      String id, String customer, String issue, String due, String amount, String docType) {
    invoices.add(new Invoice(id, customer, d(issue), d(due), eur(amount), docType, false, null));
    return this;
  }

  Ledger disputed(String invoiceId, String date) {
    for (int i = 0; i < invoices.size(); i++) {
      Invoice v = invoices.get(i);
      if (v.id().equals(invoiceId)) {
        invoices.set(
            i,
            new Invoice(
                v.id(),
                v.customer(),
                v.issue(),
                v.due(),
                v.amount(),
                v.docType(),
                true,
                date == null ? null : d(date)));
      }
    }
    return this;
  }

  Ledger payment(String id, String invoiceId, String date, String amount) {
    payments.add(new Payment(id, invoiceId, d(date), eur(amount)));
    return this;
  }

  Ledger dunning(String id, String invoiceId, String customer, String date, String stage) {
    dunning.add(new Dunning(id, invoiceId, customer, d(date), stage));
    return this;
  }

  Dataset<Row> invoicesDf() {
    List<Row> rows = new ArrayList<>();
    for (Invoice v : invoices) {
      rows.add(
          RowFactory.create(
              v.id(),
              v.customer(),
              sql(v.issue()),
              sql(v.due()),
              v.amount(),
              "EUR",
              v.docType(),
              "electronic",
              v.disputed(),
              sql(v.disputeDate()),
              null,
              "test"));
    }
    return df(rows, CanonicalTable.INVOICES);
  }

  Dataset<Row> paymentsDf() {
    List<Row> rows = new ArrayList<>();
    for (Payment p : payments) {
      rows.add(RowFactory.create(p.id(), p.invoiceId(), sql(p.date()), p.amount(), "test"));
    }
    return df(rows, CanonicalTable.PAYMENTS);
  }

  Dataset<Row> customersDf() {
    List<Row> rows = new ArrayList<>();
    for (Customer c : customers) {
      rows.add(
          RowFactory.create(
              c.id(),
              "Customer " + c.id(),
              c.country(),
              c.sector(),
              c.sizeBand(),
              null,
              c.creditLimit(),
              null,
              30,
              "test"));
    }
    return df(rows, CanonicalTable.CUSTOMERS);
  }

  Dataset<Row> dunningDf() {
    List<Row> rows = new ArrayList<>();
    for (Dunning e : dunning) {
      rows.add(
          RowFactory.create(
              e.id(),
              e.invoiceId(),
              e.customer(),
              sql(e.date()),
              e.stage(),
              "email",
              null,
              "test"));
    }
    return df(rows, CanonicalTable.DUNNING_EVENTS);
  }

  AnalyticsInputs inputs() {
    return new AnalyticsInputs(
        invoicesDf(),
        paymentsDf(),
        customersDf(),
        dunningDf(),
        Map.of("invoices", 0L, "payments", 0L));
  }

  private static Dataset<Row> df(List<Row> rows, CanonicalTable table) {
    SparkSession spark = SharedSpark.session();
    return spark.createDataFrame(rows, table.storedSchema());
  }

  private static Date sql(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }
}
