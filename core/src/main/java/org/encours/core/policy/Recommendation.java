package org.encours.core.policy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the policy recommends for a customer as of a date: the deposit rule on its quotes, its
 * credit limit, the longest payment terms to offer (days net from the invoice date), the reminder
 * ladder, two flags (block new orders, review the limit) and the reasons for each, in plain words.
 * {@code policy} names the policy it came from (provenance).
 */
public record Recommendation(
    String customerId,
    LocalDate asOf,
    String policy,
    String grade,
    Double probability,
    boolean prospect,
    DepositRule deposit,
    BigDecimal creditLimit,
    BigDecimal openExposure,
    int maxTermsDays,
    ReminderLadder ladder,
    boolean blockOrders,
    boolean reviewLimit,
    List<String> reasons)
    implements Serializable {

  public Recommendation {
    reasons = List.copyOf(reasons);
  }

  /** The part of this recommendation a quote is checked against. */
  public QuoteTerms quoteTerms() {
    return new QuoteTerms(
        customerId,
        grade,
        prospect,
        deposit,
        creditLimit,
        openExposure,
        maxTermsDays,
        blockOrders,
        reasons);
  }
}
