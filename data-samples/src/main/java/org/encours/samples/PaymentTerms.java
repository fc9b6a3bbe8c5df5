package org.encours.samples;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Contractual payment terms, all within the French B2B cap (Code de commerce L441-10 I).
 *
 * <p>{@link #EOM45} is "45 jours fin de mois" in the variant <em>invoice date + 45 days, then to
 * the end of that month</em> (the other common variant, end of month first then + 45 days, is not
 * generated). Worked example: issued 2024-01-17, + 45 days = 2024-03-02, end of month = 2024-03-31.
 */
public enum PaymentTerms {
  /** 30 days from the invoice date. */
  NET30("NET30", 30),
  /** Invoice date + 45 days, then the last day of that month. */
  EOM45("EOM45", 45),
  /** 60 days from the invoice date. */
  NET60("NET60", 60);

  private final String code;
  private final int days;

  PaymentTerms(String code, int days) {
    this.code = code;
    this.days = days;
  }

  /** The {@code terms_code} written on invoices. */
  public String code() {
    return code;
  }

  /** The {@code payment_terms_days} written on customers: 30, 45 or 60. */
  public int days() {
    return days;
  }

  /** The due date of an invoice issued on {@code issueDate} under these terms. */
  public LocalDate dueDate(LocalDate issueDate) {
    LocalDate plus = issueDate.plusDays(days);
    return this == EOM45 ? plus.with(TemporalAdjusters.lastDayOfMonth()) : plus;
  }

  /** {@link #dueDate(LocalDate)} on epoch days, the generator's internal date unit. */
  int dueDay(int issueDay) {
    if (this != EOM45) {
      return issueDay + days;
    }
    return (int) dueDate(LocalDate.ofEpochDay(issueDay)).toEpochDay();
  }

  /** The terms with this code, or null. */
  public static PaymentTerms byCode(String code) {
    for (PaymentTerms t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    return null;
  }
}
