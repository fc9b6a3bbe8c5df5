package org.encours.samples;

import java.io.IOException;
import java.time.LocalDate;

/**
 * Where the generator sends rows, one at a time, in generation order (customer by customer). The
 * CSV writer ({@link CsvLedgerWriter}) is the production sink; tests use an in-memory one. Rows
 * carry numbers rather than formatted ids (the writer pads them: {@code C0000001}) and amounts in
 * cents; a few fields are hidden truth that is not written to the files (marked below).
 */
public interface LedgerSink {

  void customer(CustomerRow row) throws IOException;

  void invoice(InvoiceRow row) throws IOException;

  void payment(PaymentRow row) throws IOException;

  void dunningEvent(DunningEventRow row) throws IOException;

  /** Id widths, wide enough for 20M invoices plus credit notes and their payments. */
  int CUSTOMER_ID_DIGITS = 7;

  int DOCUMENT_ID_DIGITS = 8;

  /**
   * A customer. {@code insuredLimitCents} is null without credit-insurance cover. Hidden truth:
   * {@code archetype}, and {@code stopDate} for defaulters (null otherwise; it may be after the
   * as-of date).
   */
  record CustomerRow(
      long customerNo,
      String name,
      String country,
      Sector sector,
      SizeBand sizeBand,
      LocalDate createdDate,
      long creditLimitCents,
      Long insuredLimitCents,
      PaymentTerms terms,
      Archetype archetype,
      LocalDate stopDate) {}

  /**
   * An invoice or a credit note (negative amount, due on its issue date, no terms code). Hidden
   * truth: {@code relatedInvoiceNo}, the invoice a credit note corrects (0 for invoices).
   */
  record InvoiceRow(
      long invoiceNo,
      long customerNo,
      LocalDate issueDate,
      LocalDate dueDate,
      long amountCents,
      String currency,
      boolean creditNote,
      boolean electronic,
      boolean disputed,
      LocalDate disputeDate,
      PaymentTerms terms,
      long relatedInvoiceNo) {

    public String docType() {
      return creditNote ? "credit_note" : "invoice";
    }

    public String channel() {
      return electronic ? "electronic" : "paper";
    }
  }

  /**
   * An allocation of cash (or of a credit note, negative) to a document. Hidden: {@code
   * overpayment}.
   */
  record PaymentRow(
      long paymentNo,
      long invoiceNo,
      LocalDate paymentDate,
      long amountCents,
      boolean overpayment) {}

  /** A reminder sent for an invoice. */
  record DunningEventRow(
      long eventNo,
      long invoiceNo,
      long customerNo,
      LocalDate eventDate,
      DunningStage stage,
      DunningStage.DunningChannel channel,
      DunningStage.DunningOutcome outcome) {}
}
