package org.encours.samples;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A sink that keeps every row, with the hidden truth, for tests on small ledgers. */
final class InMemoryLedger implements LedgerSink {
  final List<CustomerRow> customers = new ArrayList<>();
  final List<InvoiceRow> invoices = new ArrayList<>();
  final List<PaymentRow> payments = new ArrayList<>();
  final List<DunningEventRow> events = new ArrayList<>();
  final Map<Long, CustomerRow> customerByNo = new HashMap<>();
  final Map<Long, List<PaymentRow>> paymentsByInvoice = new HashMap<>();

  static InMemoryLedger generate(LedgerGenerator generator) {
    InMemoryLedger ledger = new InMemoryLedger();
    generator.generateUnchecked(ledger);
    return ledger;
  }

  @Override
  public void customer(CustomerRow row) {
    customers.add(row);
    customerByNo.put(row.customerNo(), row);
  }

  @Override
  public void invoice(InvoiceRow row) {
    invoices.add(row);
  }

  @Override
  public void payment(PaymentRow row) {
    payments.add(row);
    paymentsByInvoice.computeIfAbsent(row.invoiceNo(), k -> new ArrayList<>()).add(row);
  }

  @Override
  public void dunningEvent(DunningEventRow row) {
    events.add(row);
  }

  CustomerRow customerOf(InvoiceRow invoice) {
    return customerByNo.get(invoice.customerNo());
  }

  List<PaymentRow> paymentsOf(InvoiceRow invoice) {
    return paymentsByInvoice.getOrDefault(invoice.invoiceNo(), List.of());
  }

  /** The date the allocations first reach the amount, or null while the invoice is open. */
  LocalDate settlementDate(InvoiceRow invoice) {
    List<PaymentRow> rows = new ArrayList<>(paymentsOf(invoice));
    rows.sort((a, b) -> a.paymentDate().compareTo(b.paymentDate()));
    long paid = 0;
    for (PaymentRow p : rows) {
      paid += p.amountCents();
      if (paid >= invoice.amountCents()) {
        return p.paymentDate();
      }
    }
    return null;
  }

  List<InvoiceRow> invoicesOnly() {
    return invoices.stream().filter(i -> !i.creditNote()).toList();
  }
}
