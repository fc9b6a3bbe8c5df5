package org.encours.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import org.encours.api.engines.QuotePolicy;
import org.encours.core.policy.CustomerRisk;
import org.encours.core.policy.Policy;
import org.encours.core.policy.Recommendation;

/**
 * The prevention policy ({@link Policy}, the same rules as {@code encours recommend}) behind the
 * quote endpoints. Known customers are quoted on the terms of their latest batch recommendation;
 * this adapter gives a prospect's terms: the policy's prospect rules, with the grade and probability
 * the prospect model gave.
 */
final class PolicyQuotes implements QuotePolicy {
  private final Policy policy;
  private final Clock clock;

  PolicyQuotes(Policy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public Terms termsFor(String grade, double probability) {
    Recommendation rec =
        policy.recommend(
            new CustomerRisk("prospect", true, grade, probability, BigDecimal.ZERO, null, null, null, 0, LocalDate.now(clock)));
    return new Terms(rec.deposit().share().doubleValue(), rec.creditLimit(), rec.maxTermsDays(), policy.origin());
  }
}
