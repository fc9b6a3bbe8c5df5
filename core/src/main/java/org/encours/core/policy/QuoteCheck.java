package org.encours.core.policy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The answer to "may we quote this?": the deposit (status, share, amount), whether the exposure after
 * the quote stays within the credit limit (a required deposit is paid before work starts, so it does
 * not count as exposure), whether the requested terms are allowed or the longest allowed, whether
 * orders are blocked, and the reasons in plain words.
 */
public record QuoteCheck(
    String customerId,
    String grade,
    boolean prospect,
    BigDecimal quoteAmount,
    DepositStatus depositStatus,
    BigDecimal depositShare,
    BigDecimal depositAmount,
    BigDecimal creditLimit,
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
}
