package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.encours.api.http.Problems2.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.encours.api.security.Scope;
import org.encours.api.testing.ApiFixture;
import org.encours.api.testing.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of docs/policy.md's "Checking a quote", one test each, through {@code POST
 * /v1/quotes/check} on a real server: known customers against hand-written {@code recommendations}
 * rows, prospects against the shipped policy's prospect rules (30 % deposit required above EUR
 * 5,000, limit EUR 5,000, at most 30 days).
 */
class QuoteCheckEndpointTest {
  @TempDir static Path warehouse;
  static ApiFixture api;

  @BeforeAll
  static void start() {
    List<Map<String, Object>> rows = new ArrayList<>();
    // grade A: no deposit, 60 days
    rows.add(TestTables.recommendation("A1", TestTables.AS_OF, "A"));
    // grade D: 30 % required above 10,000, 30 days, nothing owed
    rows.add(row("D1", "D", 0.30, "10000.00", "50000.00", "0.00", 30));
    // grade E: 50 % required on every quote, no credit, payment with the order
    rows.add(row("E1", "E", 0.50, "0.00", "0.00", "0.00", 0));
    // a policy whose grade B deposit of 10 % is never required
    rows.add(row("N1", "B", 0.10, null, "50000.00", "0.00", 45));
    // grade C: 20 % required above 15,000, limit 25,000, 10,000 owed
    rows.add(row("L1", "C", 0.20, "15000.00", "25000.00", "10000.00", 30));
    // a recommendation of 90 days, more than the law allows
    rows.add(row("X1", "A", 0.0, null, "50000.00", "0.00", 90));
    // orders blocked by an invoice 45 days overdue
    Map<String, Object> blocked = row("B1", "B", 0.0, null, "50000.00", "0.00", 45);
    blocked.put("block_orders", true);
    blocked.put(
        "reasons",
        List.of(
            "no deposit: grade B",
            "block new orders: an invoice is 45 days overdue (the policy blocks beyond 30 days)"));
    rows.add(blocked);
    // a customer the batch could not score: the prospect rules
    Map<String, Object> unscored = row("U1", null, 0.30, "5000.00", "5000.00", "0.00", 30);
    unscored.put("scored", false);
    unscored.put("probability", null);
    rows.add(unscored);
    new TestTables(warehouse).write("recommendations", TestTables.RECOMMENDATIONS, rows);
    api = new ApiFixture(warehouse, false);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Map<String, Object> row(
      String id,
      String grade,
      double share,
      String requiredAbove,
      String limit,
      String exposure,
      int days) {
    Map<String, Object> row = TestTables.recommendation(id, TestTables.AS_OF, grade);
    row.put("deposit_share", share);
    row.put("deposit_required_above", requiredAbove == null ? null : new BigDecimal(requiredAbove));
    row.put("credit_limit", new BigDecimal(limit));
    row.put("open_exposure", new BigDecimal(exposure));
    row.put("max_terms_days", days);
    return row;
  }

  /** The decision on a quote of {@code amount} EUR at {@code days} days for a known customer. */
  static JsonNode quote(String customer, String amount, int days) {
    return decision(
        api.post(
            "/v1/quotes/check",
            api.key(Scope.SALES),
            "{\"customerId\":\""
                + customer
                + "\",\"amount\":"
                + amount
                + ",\"requestedTermsDays\":"
                + days
                + "}"));
  }

  static JsonNode decision(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).get("data").get("decision");
  }

  static BigDecimal money(JsonNode d, String field) {
    return d.get(field).decimalValue();
  }

  static List<String> reasons(JsonNode d) {
    List<String> reasons = new ArrayList<>();
    d.get("reasons").forEach(r -> reasons.add(r.asText()));
    return reasons;
  }

  @Test
  void theDepositIsTheShareOfTheQuoteRoundedHalfUpToTheCent() {
    // 30 % of 1,234.55 = 370.365 -> 370.37
    JsonNode d = quote("D1", "1234.55", 30);
    assertThat(money(d, "depositAmount")).isEqualByComparingTo("370.37");
    assertThat(money(d, "depositShare")).isEqualByComparingTo("0.30");
    assertThat(money(d, "amount")).isEqualByComparingTo("1234.55");
  }

  @Test
  void aDepositIsRequiredAboveTheAmountAndOnlyRecommendedAtIt() {
    // grade D: 10,000.00 is not above 10,000: recommended, 3,000.00; 10,000.01 is: required,
    // 3,000.003 -> 3,000.00
    JsonNode at = quote("D1", "10000.00", 30);
    assertThat(at.get("depositStatus").asText()).isEqualTo("recommended");
    assertThat(money(at, "depositAmount")).isEqualByComparingTo("3000.00");
    assertThat(money(at, "depositRequiredAbove")).isEqualByComparingTo("10000.00");
    assertThat(reasons(at).get(0))
        .isEqualTo(
            "deposit 30 % (EUR 3,000) recommended, not required: grade D and quote not above EUR 10,000");

    JsonNode above = quote("D1", "10000.01", 30);
    assertThat(above.get("depositStatus").asText()).isEqualTo("required");
    assertThat(money(above, "depositAmount")).isEqualByComparingTo("3000.00");
    assertThat(reasons(above).get(0))
        .isEqualTo("deposit 30 % (EUR 3,000) required: grade D and quote above EUR 10,000");
  }

  @Test
  void aZeroAmountRequiresTheDepositOnEveryQuoteAndNoneNeverRequiresIt() {
    JsonNode every = quote("E1", "100", 0);
    assertThat(every.get("depositStatus").asText()).isEqualTo("required");
    assertThat(money(every, "depositAmount")).isEqualByComparingTo("50.00");
    assertThat(reasons(every).get(0))
        .isEqualTo("deposit 50 % (EUR 50) required: grade E, on every quote");

    // never required, however large: 10 % of 1,000,000 recommended
    JsonNode never = quote("N1", "1000000", 30);
    assertThat(never.get("depositStatus").asText()).isEqualTo("recommended");
    assertThat(money(never, "depositAmount")).isEqualByComparingTo("100000.00");
    assertThat(never.get("depositRequiredAbove").isNull()).isTrue();
  }

  @Test
  void aShareOfZeroAsksNoDeposit() {
    JsonNode d = quote("A1", "20000", 60);
    assertThat(d.get("depositStatus").asText()).isEqualTo("none");
    assertThat(money(d, "depositAmount")).isEqualByComparingTo("0.00");
    assertThat(reasons(d).get(0)).isEqualTo("no deposit: grade A");
  }

  @Test
  void aProspectGetsTheProspectRulesWhateverItsEstimatedGrade() {
    // the stand-in model: age 15, 30 days: z = -1.2 - 2.25 + 0.3 = -3.15, p = 0.041, grade A;
    // prospect rules: 30 % of 12,000 required (3,600.00), exposure 12,000 - 3,600 = 8,400 > limit
    // 5,000, 30 days allowed
    HttpResponse<String> r =
        api.post(
            "/v1/quotes/check",
            api.key(Scope.SALES),
            "{\"prospect\":{\"country\":\"DE\",\"companyAgeYears\":15},\"amount\":12000,\"requestedTermsDays\":30}");
    JsonNode d = decision(r);
    JsonNode data = json(r).get("data");
    assertThat(data.get("grade").asText()).isEqualTo("A");
    assertThat(data.get("prospect").asBoolean()).isTrue();
    assertThat(data.get("customerId").isNull()).isTrue();
    assertThat(d.get("depositStatus").asText()).isEqualTo("required");
    assertThat(money(d, "depositAmount")).isEqualByComparingTo("3600.00");
    assertThat(money(d, "creditLimit")).isEqualByComparingTo("5000.00");
    assertThat(money(d, "exposureAfterQuote")).isEqualByComparingTo("8400.00");
    assertThat(d.get("withinLimit").asBoolean()).isFalse();
    assertThat(d.get("allowedTermsDays").asInt()).isEqualTo(30);
    assertThat(d.get("policyVersion").asText()).isEqualTo("default policy");
    assertThat(reasons(d).get(0))
        .isEqualTo(
            "deposit 30 % (EUR 3,600) required: prospect (no payment history) and quote above EUR 5,000");
  }

  @Test
  void aCustomerTheBatchCouldNotScoreIsQuotedAsAProspect() {
    // the row carries the prospect rules: 30 % of 6,000 required above 5,000 = 1,800.00; 6,000 -
    // 1,800 = 4,200 <= 5,000
    JsonNode r =
        json(
            api.post(
                "/v1/quotes/check",
                api.key(Scope.SALES),
                "{\"customerId\":\"U1\",\"amount\":6000,\"requestedTermsDays\":30}"));
    assertThat(r.get("data").get("prospect").asBoolean()).isTrue();
    assertThat(r.get("data").get("probability").isNull()).isTrue();
    JsonNode d = r.get("data").get("decision");
    assertThat(money(d, "depositAmount")).isEqualByComparingTo("1800.00");
    assertThat(money(d, "exposureAfterQuote")).isEqualByComparingTo("4200.00");
    assertThat(reasons(d).get(0))
        .isEqualTo(
            "deposit 30 % (EUR 1,800) required: prospect (no payment history) and quote above EUR 5,000");
  }

  @Test
  void aRequiredDepositIsNotCreditButARecommendedOneIs() {
    // L1: 10,000 owed, limit 25,000; 20 % required above 15,000
    // 15,000: recommended 3,000, the whole quote is credit: 10,000 + 15,000 = 25,000, at the limit:
    // within
    JsonNode recommended = quote("L1", "15000", 30);
    assertThat(recommended.get("depositStatus").asText()).isEqualTo("recommended");
    assertThat(money(recommended, "openExposure")).isEqualByComparingTo("10000.00");
    assertThat(money(recommended, "exposureAfterQuote")).isEqualByComparingTo("25000.00");
    assertThat(recommended.get("withinLimit").asBoolean()).isTrue();
    // 18,000: required 3,600, not credit: 10,000 + 14,400 = 24,400 (28,000 had it counted)
    JsonNode required = quote("L1", "18000", 30);
    assertThat(money(required, "depositAmount")).isEqualByComparingTo("3600.00");
    assertThat(money(required, "exposureAfterQuote")).isEqualByComparingTo("24400.00");
    assertThat(required.get("withinLimit").asBoolean()).isTrue();
    assertThat(reasons(required).get(1))
        .isEqualTo(
            "within the credit limit: exposure after this quote EUR 24,400 <= limit EUR 25,000 (the required deposit is not credit)");
    // 20,000: required 4,000: 10,000 + 16,000 = 26,000 > 25,000
    JsonNode above = quote("L1", "20000", 30);
    assertThat(money(above, "exposureAfterQuote")).isEqualByComparingTo("26000.00");
    assertThat(above.get("withinLimit").asBoolean()).isFalse();
    assertThat(above.get("approved").asBoolean()).isFalse();
    assertThat(reasons(above).get(1))
        .isEqualTo(
            "above the credit limit: exposure after this quote EUR 26,000 > limit EUR 25,000 (the required deposit is not credit)");
  }

  @Test
  void aQuotePaidWithTheOrderAddsNoCredit() {
    // E1: no credit (limit 0), no terms; at 0 days the quote is paid with the order: exposure stays
    // 0
    JsonNode withOrder = quote("E1", "100", 0);
    assertThat(money(withOrder, "exposureAfterQuote")).isEqualByComparingTo("0.00");
    assertThat(withOrder.get("withinLimit").asBoolean()).isTrue();
    assertThat(withOrder.get("termsAllowed").asBoolean()).isTrue();
    assertThat(withOrder.get("approved").asBoolean()).isTrue();
    assertThat(reasons(withOrder).get(1))
        .isEqualTo(
            "within the credit limit: exposure after this quote EUR 0 <= limit EUR 0 (paid with the order: no credit)");
    // at 30 days the 50 left after the required deposit would be credit, and grade E gets no terms
    JsonNode onCredit = quote("E1", "100", 30);
    assertThat(money(onCredit, "exposureAfterQuote")).isEqualByComparingTo("50.00");
    assertThat(onCredit.get("withinLimit").asBoolean()).isFalse();
    assertThat(onCredit.get("termsAllowed").asBoolean()).isFalse();
    assertThat(onCredit.get("approved").asBoolean()).isFalse();
  }

  @Test
  void longerTermsThanTheGradesAreRefusedWithTheLongestAllowed() {
    JsonNode ok = quote("D1", "1000", 30);
    assertThat(ok.get("termsAllowed").asBoolean()).isTrue();
    assertThat(reasons(ok).get(2)).isEqualTo("terms 30 days allowed (at most 30 days: grade D)");
    JsonNode longer = quote("D1", "1000", 31);
    assertThat(longer.get("termsAllowed").asBoolean()).isFalse();
    assertThat(longer.get("requestedTermsDays").asInt()).isEqualTo(31);
    assertThat(longer.get("allowedTermsDays").asInt()).isEqualTo(30);
    assertThat(reasons(longer).get(2))
        .isEqualTo("terms 31 days refused: grade D gets at most 30 days");
  }

  @Test
  void termsAboveTheLegalCapAreRefusedCitingTheCodeEvenWhenTheRecommendationAllowsThem() {
    JsonNode a = quote("A1", "1000", 61);
    assertThat(a.get("termsAllowed").asBoolean()).isFalse();
    assertThat(a.get("allowedTermsDays").asInt()).isEqualTo(60);
    assertThat(reasons(a).get(2))
        .isEqualTo(
            "terms 61 days refused: above the legal cap of 60 days from the invoice date (L441-10 I); offer at most 60 days");
    // X1's recommendation says 90 days: the cap still holds
    JsonNode x = quote("X1", "1000", 75);
    assertThat(x.get("allowedTermsDays").asInt()).isEqualTo(60);
    assertThat(x.get("termsAllowed").asBoolean()).isFalse();
    assertThat(quote("X1", "1000", 60).get("termsAllowed").asBoolean()).isTrue();
  }

  @Test
  void aQuoteForACustomerWhoseOrdersAreBlockedSaysSoAndIsNotApproved() {
    JsonNode d = quote("B1", "1000", 30);
    assertThat(d.get("blockOrders").asBoolean()).isTrue();
    assertThat(d.get("withinLimit").asBoolean()).isTrue();
    assertThat(d.get("termsAllowed").asBoolean()).isTrue();
    assertThat(d.get("approved").asBoolean()).isFalse();
    assertThat(reasons(d))
        .last()
        .isEqualTo(
            "block new orders: an invoice is 45 days overdue (the policy blocks beyond 30 days)");
  }

  @Test
  void aQuoteWithinTheLimitAndTheTermsIsApprovedWithItsRequiredDeposit() {
    // D1: 30 % of 12,000 required = 3,600; 0 + 8,400 <= 50,000; 30 days allowed
    JsonNode d = quote("D1", "12000", 30);
    assertThat(d.get("depositStatus").asText()).isEqualTo("required");
    assertThat(money(d, "exposureAfterQuote")).isEqualByComparingTo("8400.00");
    assertThat(d.get("approved").asBoolean()).isTrue();
  }

  @Test
  void aProspectQuoteIsScoredOnTheQuotesTermsAndRefusesOtherOnes() {
    // the stand-in's probability depends on the terms: age 15, 45 days: z = -1.2 - 2.25 + 0.45 =
    // -3.0
    HttpResponse<String> r =
        api.post(
            "/v1/quotes/check",
            api.key(Scope.SALES),
            "{\"prospect\":{\"country\":\"DE\",\"companyAgeYears\":15},\"amount\":1000,\"requestedTermsDays\":45}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("data").get("probability").asDouble())
        .isCloseTo(1 / (1 + Math.exp(3.0)), org.assertj.core.data.Offset.offset(1e-9));
    JsonNode p =
        Problems2.assertProblem(
            api.post(
                "/v1/quotes/check",
                api.key(Scope.SALES),
                "{\"prospect\":{\"country\":\"DE\",\"requestedAmount\":900},\"amount\":1000,\"requestedTermsDays\":45}"),
            400);
    assertThat(p.get("detail").asText())
        .contains("prospect.requestedAmount")
        .contains("900")
        .contains("1000");
  }
}
