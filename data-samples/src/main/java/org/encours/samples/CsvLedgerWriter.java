package org.encours.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a generated ledger as the four canonical CSV files ({@code customers.csv}, {@code
 * invoices.csv}, {@code payments.csv}, {@code dunning_events.csv}), the layout the ingestion
 * mapping expects. Existing files of those names are replaced.
 */
final class CsvLedgerWriter implements LedgerSink, AutoCloseable {
  static final String CUSTOMERS = "customers.csv";
  static final String INVOICES = "invoices.csv";
  static final String PAYMENTS = "payments.csv";
  static final String DUNNING_EVENTS = "dunning_events.csv";

  static final String[] CUSTOMER_COLUMNS = {
    "customer_id",
    "name",
    "country",
    "sector",
    "size_band",
    "created_date",
    "credit_limit",
    "insured_limit",
    "payment_terms_days"
  };
  static final String[] INVOICE_COLUMNS = {
    "invoice_id",
    "customer_id",
    "issue_date",
    "due_date",
    "amount",
    "currency",
    "doc_type",
    "channel",
    "disputed",
    "dispute_date",
    "terms_code"
  };
  static final String[] PAYMENT_COLUMNS = {"payment_id", "invoice_id", "payment_date", "amount"};
  static final String[] DUNNING_COLUMNS = {
    "event_id", "invoice_id", "customer_id", "event_date", "stage", "channel", "outcome"
  };

  private static final byte[] C = ascii("C");
  private static final byte[] INV = ascii("INV");
  private static final byte[] PAY = ascii("PAY");
  private static final byte[] DUN = ascii("DUN");

  private final CsvOut customers;
  private final CsvOut invoices;
  private final CsvOut payments;
  private final CsvOut events;

  CsvLedgerWriter(Path folder) throws IOException {
    Files.createDirectories(folder);
    customers = open(folder.resolve(CUSTOMERS)).header(CUSTOMER_COLUMNS);
    invoices = open(folder.resolve(INVOICES)).header(INVOICE_COLUMNS);
    payments = open(folder.resolve(PAYMENTS)).header(PAYMENT_COLUMNS);
    events = open(folder.resolve(DUNNING_EVENTS)).header(DUNNING_COLUMNS);
  }

  private static CsvOut open(Path file) throws IOException {
    return new CsvOut(Files.newOutputStream(file));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void customer(CustomerRow r) throws IOException {
    customers
        .id(C, r.customerNo(), CUSTOMER_ID_DIGITS)
        .text(r.name())
        .text(r.country())
        .text(r.sector().code())
        .text(r.sizeBand().code())
        .date(r.createdDate())
        .amount(r.creditLimitCents())
        .amount(r.insuredLimitCents())
        .number(r.terms().days())
        .endRow();
  }

  @Override
  public void invoice(InvoiceRow r) throws IOException {
    invoices
        .id(INV, r.invoiceNo(), DOCUMENT_ID_DIGITS)
        .id(C, r.customerNo(), CUSTOMER_ID_DIGITS)
        .date(r.issueDate())
        .date(r.dueDate())
        .amount(r.amountCents())
        .text(r.currency())
        .text(r.docType())
        .text(r.channel())
        .bool(r.disputed())
        .date(r.disputeDate())
        .text(r.terms() == null ? null : r.terms().code())
        .endRow();
  }

  @Override
  public void payment(PaymentRow r) throws IOException {
    payments
        .id(PAY, r.paymentNo(), DOCUMENT_ID_DIGITS)
        .id(INV, r.invoiceNo(), DOCUMENT_ID_DIGITS)
        .date(r.paymentDate())
        .amount(r.amountCents())
        .endRow();
  }

  @Override
  public void dunningEvent(DunningEventRow r) throws IOException {
    events
        .id(DUN, r.eventNo(), DOCUMENT_ID_DIGITS)
        .id(INV, r.invoiceNo(), DOCUMENT_ID_DIGITS)
        .id(C, r.customerNo(), CUSTOMER_ID_DIGITS)
        .date(r.eventDate())
        .text(r.stage().code())
        .text(r.channel().code())
        .text(r.outcome().code())
        .endRow();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (CsvOut out : new CsvOut[] {customers, invoices, payments, events}) {
      try {
        out.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
