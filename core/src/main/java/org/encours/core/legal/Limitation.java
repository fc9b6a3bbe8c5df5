package org.encours.core.legal;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Limitation of claims between traders (Code de commerce L110-4): 5 years from the due date.
 *
 * <p>The limitation date is the due date plus 5 calendar years, the last day on which a claim can
 * still be filed; a due date of 29 February ends on 28 February (no same day in that month: the
 * period ends on the month's last day, as in Code de procedure civile art. 641). Example: due
 * 2024-03-15, limitation 2029-03-15, warning from 2028-09-15, expired from 2029-03-16.
 *
 * <p>An acknowledgment of the debt, a court claim or an enforcement act interrupts the period and
 * starts a new one; Encours does not see those events and always counts from the due date, so its
 * date is the earliest possible one, which is the safe side for a warning.
 */
public final class Limitation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The caveat carried by every check. */
  public static final String INTERRUPTION_NOTE =
      "Counted from the due date only: an acknowledgment of the debt, a court claim or an enforcement act"
          + " interrupts the period and restarts it, and Encours does not see those events.";

  private final int years;
  private final int warnMonthsBefore;

  Limitation(int years, int warnMonthsBefore) {
    this.years = years;
    this.warnMonthsBefore = warnMonthsBefore;
  }

  public int years() {
    return years;
  }

  public int warnMonthsBefore() {
    return warnMonthsBefore;
  }

  /** The last day a claim due on {@code dueDate} can be brought: due date + 5 years. */
  public LocalDate limitationDate(LocalDate dueDate) {
    return dueDate.plusYears(years);
  }

  /**
   * The status as of {@code asOf}: WARN from 6 months before the limitation date, EXPIRED after it.
   */
  public LimitationCheck check(LocalDate dueDate, LocalDate asOf) {
    LocalDate limit = limitationDate(dueDate);
    LocalDate warnFrom = limit.minusMonths(warnMonthsBefore);
    LimitationStatus status =
        asOf.isAfter(limit)
            ? LimitationStatus.EXPIRED
            : asOf.isBefore(warnFrom) ? LimitationStatus.OK : LimitationStatus.WARN;
    return new LimitationCheck(
        dueDate,
        asOf,
        limit,
        warnFrom,
        status,
        ChronoUnit.DAYS.between(asOf, limit),
        INTERRUPTION_NOTE);
  }
}
