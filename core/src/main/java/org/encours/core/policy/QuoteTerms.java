package org.encours.core.policy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a quote is checked against: the deposit rule, the credit limit and the open exposure, the
 * longest terms and whether new orders are blocked, as a recommendation gave them ({@link
 * Recommendation#quoteTerms()}, or a row of the {@code recommendations} table). {@code reasons} are
 * the recommendation's; those starting "block new orders" are repeated in the quote's reasons.
 */
public record QuoteTerms(
    String customerId,
    String grade,
    boolean prospect,
    DepositRule deposit,
    BigDecimal creditLimit,
    BigDecimal openExposure,
    int maxTermsDays,
    boolean blockOrders,
    List<String> reasons)
    implements Serializable {

  public QuoteTerms {
    Objects.requireNonNull(deposit, "deposit");
    Objects.requireNonNull(creditLimit, "creditLimit");
    Objects.requireNonNull(openExposure, "openExposure");
    if (maxTermsDays < 0) {
      throw new IllegalArgumentException("maxTermsDays cannot be negative: " + maxTermsDays);
    }
    reasons = List.copyOf(reasons);
  }
}
