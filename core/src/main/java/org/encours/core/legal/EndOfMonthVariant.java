package org.encours.core.legal;

/**
 * How "N jours fin de mois" is counted; the DGCCRF accepts both readings of L441-10 I.
 *
 * <ul>
 *   <li>{@link #DAYS_THEN_END_OF_MONTH} (Encours's default): add N days to the invoice date, then
 *       go to the end of that month. 45 days from 2024-01-17: 2024-03-02, so 2024-03-31.
 *   <li>{@link #END_OF_MONTH_THEN_DAYS}: go to the end of the invoice's month, then add N days.
 *       From 2024-01-17: 2024-01-31 + 45 days = 2024-03-16.
 * </ul>
 *
 * Neither is always later: from 2024-01-01 the first gives 2024-02-29 and the second 2024-03-16.
 */
public enum EndOfMonthVariant {
  DAYS_THEN_END_OF_MONTH,
  END_OF_MONTH_THEN_DAYS;

  /** The due date {@code days} "fin de mois" after {@code invoiceDate}. */
  public java.time.LocalDate dueDate(java.time.LocalDate invoiceDate, int days) {
    return switch (this) {
      case DAYS_THEN_END_OF_MONTH -> endOfMonth(invoiceDate.plusDays(days));
      case END_OF_MONTH_THEN_DAYS -> endOfMonth(invoiceDate).plusDays(days);
    };
  }

  private static java.time.LocalDate endOfMonth(java.time.LocalDate day) {
    return day.withDayOfMonth(day.lengthOfMonth());
  }

  /** The configuration spelling, e.g. {@code days_then_end_of_month}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
