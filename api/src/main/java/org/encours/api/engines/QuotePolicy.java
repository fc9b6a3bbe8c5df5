package org.encours.api.engines;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The prevention policy applied at quoting time: from a grade (and probability) to the terms offered,
 * and a quote checked against them. {@link #check} has a default that implements the plain rule;
 * a policy engine may override it.
 */
public interface QuotePolicy {

  /** The terms for a risk: deposit share of each order, credit limit, longest payment terms. */
  Terms termsFor(String grade, double probability);

  /** What a policy offers. {@code creditLimit} null means no limit. */
  record Terms(double depositShare, BigDecimal creditLimit, int maxTermsDays, String policyVersion) {}

  /** The answer to a quote: the deposit to ask, whether the amount fits the limit, the terms allowed. */
  record Decision(
      BigDecimal depositRequired,
      double depositShare,
      boolean withinLimit,
      BigDecimal creditLimit,
      BigDecimal exposureAfterQuote,
      boolean termsAllowed,
      int requestedTermsDays,
      int maxTermsDays,
      String policyVersion) {}

  /**
   * Checks a quote: deposit = amount x deposit share (cents, half-up); within the limit when the
   * current exposure plus the amount does not exceed it; terms allowed up to the maximum.
   */
  default Decision check(Terms terms, BigDecimal currentExposure, BigDecimal amount, int requestedTermsDays) {
    BigDecimal exposure = currentExposure == null ? BigDecimal.ZERO : currentExposure;
    BigDecimal after = exposure.add(amount);
    BigDecimal deposit = amount.multiply(BigDecimal.valueOf(terms.depositShare())).setScale(2, RoundingMode.HALF_UP);
    boolean within = terms.creditLimit() == null || after.compareTo(terms.creditLimit()) <= 0;
    return new Decision(
        deposit,
        terms.depositShare(),
        within,
        terms.creditLimit(),
        after.setScale(2, RoundingMode.HALF_UP),
        requestedTermsDays <= terms.maxTermsDays(),
        requestedTermsDays,
        terms.maxTermsDays(),
        terms.policyVersion());
  }
}
