package org.encours.core.prospect;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What is known about a prospect before its first order. Text attributes may be null (scored as
 * "missing"); values the model has never seen are scored as unseen, with a reason, never rejected.
 *
 * @param country ISO country code, e.g. {@code FR}
 * @param sector sector in the warehouse's words, e.g. {@code construction}
 * @param sizeBand {@code micro}, {@code small}, {@code medium} or {@code large}
 * @param createdDate the company's creation date, or null (then {@code companyAgeYears} is used)
 * @param companyAgeYears the company's age in years when no creation date is given, or null
 *     (unknown)
 * @param requestedAmount amount of the first order, tax included; must be positive
 * @param requestedTermsDays payment terms asked for, in days from the invoice date (0..365)
 * @param channel invoice channel, {@code electronic} or {@code paper}, or null
 * @param orderDate date of the order (gives the company age and the month); null means the scorer's
 *     clock
 */
public record Prospect(
    String country,
    String sector,
    String sizeBand,
    LocalDate createdDate,
    Double companyAgeYears,
    BigDecimal requestedAmount,
    int requestedTermsDays,
    String channel,
    LocalDate orderDate) {

  /** Largest accepted terms, in days. */
  public static final int MAX_TERMS_DAYS = 365;

  /**
   * Checks the values an API caller can get wrong.
   *
   * @throws IllegalArgumentException naming the field, the value and what is expected (an API maps
   *     it to 400)
   */
  public Prospect {
    if (requestedAmount == null) {
      throw new IllegalArgumentException(
          "requestedAmount is missing: expected a positive amount, e.g. 1200.00");
    }
    if (requestedAmount.signum() <= 0) {
      throw new IllegalArgumentException(
          "requestedAmount "
              + requestedAmount.toPlainString()
              + " is not positive: expected the amount of the first order, e.g. 1200.00");
    }
    if (requestedTermsDays < 0 || requestedTermsDays > MAX_TERMS_DAYS) {
      throw new IllegalArgumentException(
          "requestedTermsDays "
              + requestedTermsDays
              + " is out of range: expected 0 to "
              + MAX_TERMS_DAYS
              + " days from the invoice date");
    }
    if (companyAgeYears != null && (companyAgeYears.isNaN() || companyAgeYears < 0)) {
      throw new IllegalArgumentException(
          "companyAgeYears "
              + companyAgeYears
              + " is negative or not a number: expected years, e.g. 3.5");
    }
    if (createdDate != null && orderDate != null && createdDate.isAfter(orderDate)) {
      throw new IllegalArgumentException(
          "createdDate "
              + createdDate
              + " is after orderDate "
              + orderDate
              + ": a company cannot order before it exists");
    }
  }

  /**
   * The company's age in years at {@code on}, or null when neither the creation date nor the age is
   * known.
   */
  public Double ageYearsOn(LocalDate on) {
    if (createdDate != null) {
      return Math.max(0, ChronoUnit.DAYS.between(createdDate, on)) / 365.25;
    }
    return companyAgeYears;
  }
}
