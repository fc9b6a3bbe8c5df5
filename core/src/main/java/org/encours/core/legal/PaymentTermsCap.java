package org.encours.core.legal;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The maximum payment terms between traders (Code de commerce L441-10 I), with the numbers from
 * {@code legal-rules.yaml}:
 *
 * <ul>
 *   <li>{@link Basis#DAYS_FROM_INVOICE}: at most 60 days from the invoice date (2024-01-17:
 *       2024-03-17);
 *   <li>{@link Basis#END_OF_MONTH}: if expressly agreed, 45 days end of month, counted with the
 *       configured {@link EndOfMonthVariant} (default 2024-01-17: 2024-03-31);
 *   <li>{@link Basis#PERIODIC_INVOICE}: periodic (summary) invoices, 45 days from the invoice date;
 *   <li>nothing agreed: 30 days after delivery ({@link #defaultDueDate(LocalDate)}).
 * </ul>
 *
 * A due date on the cap itself is lawful; one day later is not.
 */
public final class PaymentTermsCap implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Which cap of L441-10 I the contract falls under. */
  public enum Basis {
    DAYS_FROM_INVOICE,
    END_OF_MONTH,
    PERIODIC_INVOICE
  }

  private final int maxDaysFromInvoice;
  private final int maxDaysEndOfMonth;
  private final int defaultDaysAfterDelivery;
  private final int periodicInvoiceMaxDays;
  private final EndOfMonthVariant variant;

  PaymentTermsCap(
      int maxDaysFromInvoice,
      int maxDaysEndOfMonth,
      int defaultDaysAfterDelivery,
      int periodicInvoiceMaxDays,
      EndOfMonthVariant variant) {
    this.maxDaysFromInvoice = maxDaysFromInvoice;
    this.maxDaysEndOfMonth = maxDaysEndOfMonth;
    this.defaultDaysAfterDelivery = defaultDaysAfterDelivery;
    this.periodicInvoiceMaxDays = periodicInvoiceMaxDays;
    this.variant = variant;
  }

  /** 60 by default: the longest net terms a policy may grant. */
  public int maxDaysFromInvoice() {
    return maxDaysFromInvoice;
  }

  public int maxDaysEndOfMonth() {
    return maxDaysEndOfMonth;
  }

  public EndOfMonthVariant endOfMonthVariant() {
    return variant;
  }

  /** The latest lawful due date under {@code basis}, with the configured end-of-month variant. */
  public LocalDate maxDueDate(LocalDate invoiceDate, Basis basis) {
    return maxDueDate(invoiceDate, basis, variant);
  }

  /** The latest lawful due date under {@code basis}, with an explicit end-of-month variant. */
  public LocalDate maxDueDate(
      LocalDate invoiceDate, Basis basis, EndOfMonthVariant endOfMonthVariant) {
    return switch (basis) {
      case DAYS_FROM_INVOICE -> invoiceDate.plusDays(maxDaysFromInvoice);
      case END_OF_MONTH -> endOfMonthVariant.dueDate(invoiceDate, maxDaysEndOfMonth);
      case PERIODIC_INVOICE -> invoiceDate.plusDays(periodicInvoiceMaxDays);
    };
  }

  /**
   * The due date when nothing was agreed: 30 days after delivery (or performance of the service).
   */
  public LocalDate defaultDueDate(LocalDate deliveryDate) {
    return deliveryDate.plusDays(defaultDaysAfterDelivery);
  }

  /** Checks a due date; when beyond the cap, {@code allowedDueDate} is the cap. */
  public TermsCheck check(LocalDate invoiceDate, LocalDate dueDate, Basis basis) {
    LocalDate max = maxDueDate(invoiceDate, basis);
    String rule = describe(basis);
    if (!dueDate.isAfter(max)) {
      return new TermsCheck(
          invoiceDate,
          dueDate,
          max,
          true,
          dueDate,
          "due date " + dueDate + " is within the legal cap (" + rule + ": " + max + ")");
    }
    return new TermsCheck(
        invoiceDate,
        dueDate,
        max,
        false,
        max,
        "due date "
            + dueDate
            + " is beyond the legal cap ("
            + rule
            + ", L441-10 I): at most "
            + max);
  }

  /**
   * Checks a terms code: net terms against the 60-day cap, end-of-month terms against the 45 days
   * end-of-month cap (both as due dates for this invoice date).
   */
  public TermsCheck check(LocalDate invoiceDate, PaymentTerms terms) {
    Basis basis = terms.endOfMonth() ? Basis.END_OF_MONTH : Basis.DAYS_FROM_INVOICE;
    TermsCheck check = check(invoiceDate, terms.dueDate(invoiceDate, variant), basis);
    return new TermsCheck(
        check.invoiceDate(),
        check.requestedDueDate(),
        check.maxDueDate(),
        check.withinCap(),
        check.allowedDueDate(),
        "terms " + terms + ": " + check.reason());
  }

  private String describe(Basis basis) {
    return switch (basis) {
      case DAYS_FROM_INVOICE -> maxDaysFromInvoice + " days from the invoice date";
      case END_OF_MONTH ->
          maxDaysEndOfMonth + " days end of month, counted " + variant.key().replace('_', ' ');
      case PERIODIC_INVOICE -> periodicInvoiceMaxDays + " days from the date of a periodic invoice";
    };
  }
}
