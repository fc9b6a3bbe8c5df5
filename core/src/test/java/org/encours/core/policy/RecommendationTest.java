package org.encours.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the default policy recommends per grade, for a customer selling EUR 10,000 a month on
 * average, owing nothing, with no insurer, a customer since 2020-01-01, as of 2025-06-30.
 */
class RecommendationTest {
  private static final Policy POLICY = Policy.defaults();
  private static final LocalDate AS_OF = LocalDate.parse("2025-06-30");
  private static final LocalDate SINCE = LocalDate.parse("2020-01-01");

  private static BigDecimal eur(String amount) {
    return new BigDecimal(amount);
  }

  private static CustomerRisk customer(
      double probability,
      String exposure,
      String monthlySales,
      String insured,
      LocalDate since,
      int maxDaysOverdue) {
    return CustomerRisk.known(
        "C1",
        probability,
        eur(exposure),
        eur(monthlySales),
        insured == null ? null : eur(insured),
        since,
        maxDaysOverdue,
        AS_OF);
  }

  @ParameterizedTest(
      name = "PD {0}: grade {1}, deposit {2} above {3}, limit {4}, terms {5}, ladder {6}")
  @CsvSource(
      nullValues = "none",
      value = {
        // PD  | grade | deposit share | required above | limit (months x 10,000) | terms | ladder
        "0.03, A, 0.00, none,  30000, 60, soft", // grade A, customer for 5.5 years >= 3: soft
        // ladder
        "0.08, B, 0.00, none,  20000, 45, standard",
        "0.15, C, 0.20, 20000, 10000, 30, standard",
        "0.30, D, 0.30, 10000,  5000, 30, compressed",
        "0.60, E, 0.50, 0,         0,  0, compressed" // E: no credit, payment with the order
      })
  void eachGradeGetsItsDepositLimitTermsAndLadder(
      double pd, String grade, String share, String above, String limit, int terms, String ladder) {
    Recommendation r = POLICY.recommend(customer(pd, "0", "10000", null, SINCE, 0));

    assertThat(r.grade()).isEqualTo(grade);
    assertThat(r.deposit().share()).isEqualByComparingTo(share);
    if (above == null) {
      assertThat(r.deposit().requiredAboveEur()).isNull();
    } else {
      assertThat(r.deposit().requiredAboveEur()).isEqualByComparingTo(above);
    }
    assertThat(r.creditLimit()).isEqualByComparingTo(limit);
    assertThat(r.maxTermsDays()).isEqualTo(terms);
    assertThat(r.ladder().name()).isEqualTo(ladder);
    assertThat(r.blockOrders()).isFalse();
    assertThat(r.policy()).isEqualTo("default policy");
  }

  @Test
  void reasonsSayWhyInPlainWords() {
    Recommendation d = POLICY.recommend(customer(0.30, "0", "10000", null, SINCE, 0));

    assertThat(d.reasons())
        .containsExactly(
            "deposit 30 % required on quotes above EUR 10,000, recommended below: grade D",
            "credit limit EUR 5,000: 0.5 months of average monthly sales EUR 10,000 (grade D)",
            "payment terms at most 30 days from the invoice date: grade D",
            "reminders: compressed ladder: grade D");
    assertThat(POLICY.recommend(customer(0.60, "0", "10000", null, SINCE, 0)).reasons())
        .contains(
            "no credit (limit EUR 0): grade E gets 0 months of sales",
            "payment with the order (no credit terms): grade E");
  }

  @Test
  void aGoodPayerForLessThanThreeYearsKeepsTheStandardLadder() {
    Recommendation r =
        POLICY.recommend(customer(0.03, "0", "10000", null, LocalDate.parse("2023-01-01"), 0));

    assertThat(r.ladder().name()).isEqualTo("standard");
    // exactly three years (2022-06-30 + 3 years = 2025-06-30) is enough
    assertThat(
            POLICY
                .recommend(customer(0.03, "0", "10000", null, LocalDate.parse("2022-06-30"), 0))
                .ladder()
                .name())
        .isEqualTo("soft");
  }

  @Test
  void theLimitIsRoundedDownTo100AndCappedByTheInsurer() {
    // B: 2 x 12,345.67 = 24,691.34 -> rounded down to 24,600
    assertThat(POLICY.recommend(customer(0.08, "0", "12345.67", null, SINCE, 0)).creditLimit())
        .isEqualByComparingTo("24600");
    // B: 2 x 10,000 = 20,000, insurer covers 15,000 -> 15,000
    Recommendation capped = POLICY.recommend(customer(0.08, "0", "10000", "15000", SINCE, 0));
    assertThat(capped.creditLimit()).isEqualByComparingTo("15000");
    assertThat(capped.reasons())
        .anySatisfy(r -> assertThat(r).endsWith("capped at the insurer's cover EUR 15,000"));
    // an insurer covering more than the policy's limit changes nothing
    assertThat(POLICY.recommend(customer(0.08, "0", "10000", "50000", SINCE, 0)).creditLimit())
        .isEqualByComparingTo("20000");
  }

  @Test
  void ordersAreBlockedBeyond30DaysOverdueNotAt30() {
    assertThat(POLICY.recommend(customer(0.08, "0", "10000", null, SINCE, 30)).blockOrders())
        .isFalse();
    Recommendation blocked = POLICY.recommend(customer(0.08, "0", "10000", null, SINCE, 31));
    assertThat(blocked.blockOrders()).isTrue();
    assertThat(blocked.reasons())
        .contains(
            "block new orders: an invoice is 31 days overdue (the policy blocks beyond 30 days)");
  }

  @Test
  void exposureNearTheLimitAsksForAReviewAndAboveItBlocks() {
    // B limit 20,000: 18,000 is 90 % -> review; 17,999 is below 90 % -> nothing; 20,500 -> block
    Recommendation review = POLICY.recommend(customer(0.08, "18000", "10000", null, SINCE, 0));
    assertThat(review.reviewLimit()).isTrue();
    assertThat(review.reasons())
        .contains(
            "review the limit: open exposure EUR 18,000 is 90 % of the credit limit EUR 20,000 (review from 90 %)");
    assertThat(POLICY.recommend(customer(0.08, "17999", "10000", null, SINCE, 0)).reviewLimit())
        .isFalse();
    Recommendation above = POLICY.recommend(customer(0.08, "20500", "10000", null, SINCE, 0));
    assertThat(above.blockOrders()).isTrue();
    assertThat(above.reasons())
        .contains(
            "block new orders: open exposure EUR 20,500 is above the credit limit EUR 20,000");
  }

  @Test
  void aProspectGetsTheProspectRulesWhateverItsEstimatedGrade() {
    Recommendation r = POLICY.recommend(CustomerRisk.prospect("P1", null, AS_OF));

    assertThat(r.prospect()).isTrue();
    assertThat(r.deposit()).isEqualTo(POLICY.deposit(null));
    assertThat(r.creditLimit()).isEqualByComparingTo("5000");
    assertThat(r.maxTermsDays()).isEqualTo(30);
    assertThat(r.ladder().name()).isEqualTo("compressed");
    assertThat(r.reasons())
        .first()
        .isEqualTo(
            "deposit 30 % required on quotes above EUR 5,000, recommended below: prospect (no payment history)");
  }

  @Test
  void aGradeGivenDirectlyIsUsedAsIs() {
    CustomerRisk graded =
        new CustomerRisk("C2", false, "C", null, null, eur("10000"), null, null, 0, AS_OF);

    assertThat(POLICY.recommend(graded).creditLimit()).isEqualByComparingTo("10000");
  }
}
