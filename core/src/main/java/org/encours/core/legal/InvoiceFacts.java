package org.encours.core.legal;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the legal computations need to know about one invoice: its amount (tax included, EUR),
 * dates, the payments and credit notes allocated to it, and whether the debtor is in another EU
 * country (which changes the court route). Payments are applied in date order; over-payment leaves
 * nothing outstanding (never a negative amount).
 */
public record InvoiceFacts(
    String invoiceId,
    LocalDate issueDate,
    LocalDate dueDate,
    BigDecimal amount,
    List<Payment> payments,
    boolean crossBorder)
    implements Serializable {

  /** A payment or credit note allocated to the invoice on {@code date}. */
  public record Payment(LocalDate date, BigDecimal amount) implements Serializable {
    public Payment {
      Objects.requireNonNull(date, "payment date");
      Objects.requireNonNull(amount, "payment amount");
      if (amount.signum() < 0) {
        throw new IllegalArgumentException("a payment amount cannot be negative: " + amount);
      }
    }
  }

  public InvoiceFacts {
    Objects.requireNonNull(dueDate, "due date");
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(
          "an invoice amount cannot be negative (credit notes are payments): " + amount);
    }
    payments =
        payments == null
            ? List.of()
            : payments.stream().sorted(Comparator.comparing(Payment::date)).toList();
  }

  /** A domestic invoice with no payment yet. */
  public static InvoiceFacts unpaid(
      String invoiceId, LocalDate issueDate, LocalDate dueDate, BigDecimal amount) {
    return new InvoiceFacts(invoiceId, issueDate, dueDate, amount, List.of(), false);
  }

  /** The same invoice with one more payment. */
  public InvoiceFacts withPayment(LocalDate date, BigDecimal paid) {
    List<Payment> more = new java.util.ArrayList<>(payments);
    more.add(new Payment(date, paid));
    return new InvoiceFacts(invoiceId, issueDate, dueDate, amount, more, crossBorder);
  }

  /** Amount minus payments dated on or before {@code day}; never negative. */
  public BigDecimal outstandingOn(LocalDate day) {
    BigDecimal left = amount;
    for (Payment p : payments) {
      if (!p.date().isAfter(day)) {
        left = left.subtract(p.amount());
      }
    }
    return left.signum() < 0 ? BigDecimal.ZERO.setScale(amount.scale()) : left;
  }

  /**
   * Amount minus payments dated strictly before {@code day}: what was still late during that day. A
   * payment made on day D still leaves day D late for the amount it settles.
   */
  public BigDecimal lateBaseDuring(LocalDate day) {
    return outstandingOn(day.minusDays(1));
  }
}
