package org.encours.core.policy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The answer to "may we quote this?": the deposit (status, share, amount, the amount above which it
 * is required), the exposure after the quote against the credit limit (a required deposit is paid
 * before work starts and a quote paid with the order gives no credit, so neither counts as
 * exposure), the requested terms against the longest allowed, whether orders are blocked, and the
 * reasons in plain words. {@link #approved()} sums it up.
 */
public record QuoteCheck(
    String customerId,
    String grade,
    boolean prospect,
    BigDecimal quoteAmount,
    DepositStatus depositStatus,
    BigDecimal depositShare,
    BigDecimal depositAmount,
    BigDecimal depositRequiredAbove,
    BigDecimal creditLimit,
    BigDecimal openExposure,
    BigDecimal exposureAfterQuote,
    boolean withinLimit,
    int requestedTermsDays,
    int allowedTermsDays,
    boolean termsAllowed,
    boolean blockOrders,
    List<String> reasons)
    implements Serializable {

  public QuoteCheck {
    reasons = List.copyOf(reasons);
  }

  /**
   * Whether the quote may go out as asked: orders not blocked, exposure within the limit, terms
   * allowed. A required deposit is part of the quote, not a reason to refuse it.
   */
  public boolean approved() {
    return !blockOrders && withinLimit && termsAllowed;
  }
}
