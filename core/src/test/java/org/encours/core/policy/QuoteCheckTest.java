package org.encours.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Checking quotes against the default policy. */
class QuoteCheckTest {
  private static final Policy POLICY = Policy.defaults();
  private static final LocalDate AS_OF = LocalDate.parse("2025-06-30");

  private static BigDecimal eur(String amount) {
    return new BigDecimal(amount);
  }

  private static CustomerRisk graded(double pd, String exposure) {
    return CustomerRisk.known(
        "C1", pd, eur(exposure), eur("10000"), null, LocalDate.parse("2024-01-01"), 0, AS_OF);
  }

  @Test
  void aProspectQuoteAboveTheMandatoryAmountRequiresTheDeposit() {
    // prospect: 30 % required above EUR 5,000; quote 12,000 -> deposit 3,600.00
    // exposure after quote = 0 + 12,000 - 3,600 = 8,400 > prospect limit 5,000
    // terms 45 requested, prospects get 30
    QuoteCheck q = POLICY.checkQuote(CustomerRisk.prospect("P1", null, AS_OF), eur("12000"), 45);

    assertThat(q.depositStatus()).isEqualTo(DepositStatus.REQUIRED);
    assertThat(q.depositAmount()).isEqualByComparingTo("3600.00");
    assertThat(q.exposureAfterQuote()).isEqualByComparingTo("8400.00");
    assertThat(q.withinLimit()).isFalse();
    assertThat(q.termsAllowed()).isFalse();
    assertThat(q.allowedTermsDays()).isEqualTo(30);
    assertThat(q.reasons())
        .containsExactly(
            "deposit 30 % (EUR 3,600) required: prospect (no payment history) and quote above EUR 5,000",
            "above the credit limit: exposure after this quote EUR 8,400 > limit EUR 5,000 (the required deposit is not credit)",
            "terms 45 days refused: prospect (no payment history) gets at most 30 days");
  }

  @Test
  void aProspectQuoteAtTheMandatoryAmountOnlyRecommendsIt() {
    // 5,000 is not above 5,000: recommended 1,500; exposure 5,000 <= 5,000
    QuoteCheck q = POLICY.checkQuote(CustomerRisk.prospect("P1", null, AS_OF), eur("5000"), 30);

    assertThat(q.depositStatus()).isEqualTo(DepositStatus.RECOMMENDED);
    assertThat(q.depositAmount()).isEqualByComparingTo("1500.00");
    assertThat(q.withinLimit()).isTrue();
    assertThat(q.termsAllowed()).isTrue();
  }

  @Test
  void gradeDAbove10000Requires30Percent() {
    // D: 30 % above 10,000; quote 15,000 -> 4,500; limit 0.5 x 10,000 = 5,000; exposure 1,000 +
    // 10,500 = 11,500
    QuoteCheck q = POLICY.checkQuote(graded(0.30, "1000"), eur("15000"), 30);

    assertThat(q.grade()).isEqualTo("D");
    assertThat(q.depositStatus()).isEqualTo(DepositStatus.REQUIRED);
    assertThat(q.depositAmount()).isEqualByComparingTo("4500.00");
    assertThat(q.reasons().get(0))
        .isEqualTo("deposit 30 % (EUR 4,500) required: grade D and quote above EUR 10,000");
    assertThat(q.exposureAfterQuote()).isEqualByComparingTo("11500.00");
    assertThat(q.withinLimit()).isFalse();
  }

  @Test
  void gradeERequiresHalfOnEveryQuoteAndNoTerms() {
    QuoteCheck q = POLICY.checkQuote(graded(0.70, "0"), eur("100"), 30);

    assertThat(q.depositStatus()).isEqualTo(DepositStatus.REQUIRED);
    assertThat(q.depositAmount()).isEqualByComparingTo("50.00");
    assertThat(q.allowedTermsDays()).isZero();
    assertThat(q.termsAllowed()).isFalse();
  }

  @Test
  void gradeATermsBeyondTheLegalCapAreRefusedWithTheArticle() {
    // A: no deposit; limit 3 x 10,000 = 30,000; terms 75 > legal 60
    QuoteCheck q = POLICY.checkQuote(graded(0.02, "0"), eur("20000"), 75);

    assertThat(q.depositStatus()).isEqualTo(DepositStatus.NONE);
    assertThat(q.depositAmount()).isEqualByComparingTo("0");
    assertThat(q.withinLimit()).isTrue();
    assertThat(q.allowedTermsDays()).isEqualTo(60);
    assertThat(q.reasons())
        .contains(
            "terms 75 days refused: above the legal cap of 60 days from the invoice date (L441-10 I); offer at most 60 days");
  }

  @Test
  void aBlockedCustomerQuoteCarriesTheBlockAndItsReason() {
    CustomerRisk late =
        CustomerRisk.known("C1", 0.08, eur("0"), eur("10000"), null, null, 45, AS_OF);

    QuoteCheck q = POLICY.checkQuote(late, eur("1000"), 30);

    assertThat(q.blockOrders()).isTrue();
    assertThat(q.reasons())
        .last()
        .asString()
        .startsWith("block new orders: an invoice is 45 days overdue");
  }

  @Test
  void aQuotePaidWithTheOrderAddsNothingToTheExposure() {
    // grade D, 1,000 owed, limit 0.5 x 10,000 = 5,000; 30 % of 15,000 required = 4,500
    // at 0 days: 1,000 + 0 = 1,000 <= 5,000; at 30 days: 1,000 + 10,500 = 11,500 > 5,000
    QuoteCheck withOrder = POLICY.checkQuote(graded(0.30, "1000"), eur("15000"), 0);
    QuoteCheck onCredit = POLICY.checkQuote(graded(0.30, "1000"), eur("15000"), 30);

    assertThat(withOrder.exposureAfterQuote()).isEqualByComparingTo("1000.00");
    assertThat(withOrder.approved()).isTrue();
    assertThat(onCredit.exposureAfterQuote()).isEqualByComparingTo("11500.00");
    assertThat(onCredit.approved()).isFalse();
  }

  @Test
  void termsARecommendationGivesBeyondTheLegalCapAreCapped() {
    QuoteTerms generous =
        new QuoteTerms(
            "C1",
            "A",
            false,
            new DepositRule(eur("0"), null),
            eur("50000"),
            eur("0"),
            90,
            false,
            java.util.List.of());

    QuoteCheck q = POLICY.checkQuote(generous, eur("1000"), 90);

    assertThat(q.allowedTermsDays()).isEqualTo(60);
    assertThat(q.termsAllowed()).isFalse();
  }
}
