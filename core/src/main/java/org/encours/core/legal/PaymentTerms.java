package org.encours.core.legal;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.encours.core.EncoursErrors;

/**
 * Agreed payment terms: a number of days, net from the invoice date or "fin de mois".
 *
 * <p>Codes understood by {@link #parse(String)} (case and spaces ignored): {@code 30}, {@code
 * NET30}, {@code N30}, {@code 30J}, {@code 30 jours}, {@code 30 days} (net); {@code 45EOM}, {@code
 * 45 FDM}, {@code 45 jours fin de mois}, {@code EOM45}, {@code FDM45} (end of month).
 */
public record PaymentTerms(int days, boolean endOfMonth) implements Serializable {
  private static final Pattern SUFFIX =
      Pattern.compile("(?:NET|N)?(\\d{1,3})(?:J|JOURS|DAYS|D)?(EOM|FDM|FINDEMOIS)?");
  private static final Pattern PREFIX = Pattern.compile("(EOM|FDM)(\\d{1,3})");

  public PaymentTerms {
    if (days < 0) {
      throw new IllegalArgumentException("payment terms cannot be negative: " + days);
    }
  }

  public static PaymentTerms net(int days) {
    return new PaymentTerms(days, false);
  }

  public static PaymentTerms endOfMonth(int days) {
    return new PaymentTerms(days, true);
  }

  /** Parses a terms code; fails with a user-facing message naming the code when it is not one. */
  public static PaymentTerms parse(String code) {
    String compact = code == null ? "" : code.toUpperCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    Matcher m = SUFFIX.matcher(compact);
    if (m.matches()) {
      return new PaymentTerms(Integer.parseInt(m.group(1)), m.group(2) != null);
    }
    m = PREFIX.matcher(compact);
    if (m.matches()) {
      return new PaymentTerms(Integer.parseInt(m.group(2)), true);
    }
    throw EncoursErrors.badArgument(
        "payment terms code",
        String.valueOf(code),
        "a code such as 30, NET30, 45EOM or '45 jours fin de mois'");
  }

  /** The due date these terms give for an invoice dated {@code invoiceDate}. */
  public LocalDate dueDate(LocalDate invoiceDate, EndOfMonthVariant variant) {
    return endOfMonth ? variant.dueDate(invoiceDate, days) : invoiceDate.plusDays(days);
  }

  @Override
  public String toString() {
    return endOfMonth ? days + " days end of month" : days + " days net";
  }
}
