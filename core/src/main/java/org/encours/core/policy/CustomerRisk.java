package org.encours.core.policy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the policy needs to know about a customer as of a date.
 *
 * <ul>
 *   <li>{@code prospect}: no payment history; prospect rules apply whatever the estimated grade.
 *   <li>{@code grade} (A-E) or, when null, {@code probability} (calibrated PD) from which the
 *       policy's bands derive it; a known customer needs one of the two.
 *   <li>{@code openExposure}: open receivables now (EUR, tax included); {@code
 *       averageMonthlySales}: invoiced per month on average (null for a prospect); {@code
 *       insuredLimit}: the credit insurer's cover (null: none).
 *   <li>{@code customerSince}: first invoice or account opening (null: unknown); {@code
 *       maxDaysOverdue}: days past due of its most overdue open invoice (0: none overdue).
 * </ul>
 */
public record CustomerRisk(
    String customerId,
    boolean prospect,
    String grade,
    Double probability,
    BigDecimal openExposure,
    BigDecimal averageMonthlySales,
    BigDecimal insuredLimit,
    LocalDate customerSince,
    int maxDaysOverdue,
    LocalDate asOf)
    implements Serializable {

  public CustomerRisk {
    Objects.requireNonNull(asOf, "asOf");
    openExposure = openExposure == null ? BigDecimal.ZERO : openExposure;
    if (!prospect && grade == null && probability == null) {
      throw new IllegalArgumentException(
          "customer " + customerId + ": a known customer needs a grade or a probability");
    }
    if (maxDaysOverdue < 0) {
      throw new IllegalArgumentException("maxDaysOverdue cannot be negative: " + maxDaysOverdue);
    }
  }

  /** A customer with history, graded from its probability of paying late. */
  public static CustomerRisk known(
      String customerId,
      double probability,
      BigDecimal openExposure,
      BigDecimal averageMonthlySales,
      BigDecimal insuredLimit,
      LocalDate customerSince,
      int maxDaysOverdue,
      LocalDate asOf) {
    return new CustomerRisk(
        customerId,
        false,
        null,
        probability,
        openExposure,
        averageMonthlySales,
        insuredLimit,
        customerSince,
        maxDaysOverdue,
        asOf);
  }

  /** A prospect: no history, nothing owed yet. */
  public static CustomerRisk prospect(String customerId, BigDecimal insuredLimit, LocalDate asOf) {
    return new CustomerRisk(
        customerId, true, null, null, BigDecimal.ZERO, null, insuredLimit, null, 0, asOf);
  }
}
