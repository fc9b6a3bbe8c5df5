package org.encours.core.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.encours.core.UserFacingException;
import org.encours.core.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading legal-rules.yaml and overriding it. */
class LegalRulesTest {

  @Test
  void theShippedRulesHoldTheLegalConstants() {
    LegalRules legal = LegalRules.defaults();

    assertThat(legal.recoveryIndemnity()).isEqualByComparingTo("40.00");
    assertThat(legal.ecbMarginPoints()).isEqualByComparingTo("10");
    assertThat(legal.dayCountBasisDays()).isEqualTo(365);
    assertThat(legal.limitation().years()).isEqualTo(5);
    assertThat(legal.smallClaimsMax()).isEqualByComparingTo("5000");
    assertThat(legal.paymentTermsCap().maxDaysFromInvoice()).isEqualTo(60);
    assertThat(legal.legalInterestRate(new HalfYear(2026, 1)))
        .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("2.62"));
  }

  @Test
  void anOverrideFileChangesOneRuleAndAPolicyIsCheckedAgainstIt(@TempDir Path dir)
      throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(
        rules, "payment_terms:\n  max_days_from_invoice: 45\nrecovery_indemnity_eur: 45\n");

    LegalRules legal = LegalRules.load(rules);

    assertThat(legal.recoveryIndemnity()).isEqualByComparingTo("45.00");
    assertThat(legal.paymentTermsCap().maxDaysEndOfMonth()).isEqualTo(45);
    // the default policy offers grade A 60 days: above this cap
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "");
    assertThatThrownBy(() -> Policy.load(policy, legal))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("policy policy.yaml at 'payment_terms.max_days.A': 60 is above 45");
  }

  @Test
  void validationErrorsNameTheKey(@TempDir Path dir) throws Exception {
    Path unknown = dir.resolve("a.yaml");
    Files.writeString(unknown, "limitation: {yaers: 5}\n");
    assertThatThrownBy(() -> LegalRules.load(unknown))
        .hasMessageContaining("legal rules a.yaml at 'limitation.yaers': unknown key");

    Path variant = dir.resolve("b.yaml");
    Files.writeString(variant, "payment_terms: {end_of_month_variant: mid_month}\n");
    assertThatThrownBy(() -> LegalRules.load(variant))
        .hasMessageContaining(
            "at 'payment_terms.end_of_month_variant': unknown variant 'mid_month'");

    Path disorder = dir.resolve("c.yaml");
    Files.writeString(
        disorder,
        "ecb_main_refinancing_rate:\n  changes:\n    - {from: 2024-06-12, rate: 4.25}\n    - {from: 2023-09-20, rate: 4.50}\n");
    assertThatThrownBy(() -> LegalRules.load(disorder))
        .hasMessageContaining(
            "at 'ecb_main_refinancing_rate.changes[1].from': 2023-09-20 is not after the previous row's 2024-06-12");

    Path half = dir.resolve("d.yaml");
    Files.writeString(half, "legal_interest_rate: {2026-S2: 2.5}\n");
    assertThatThrownBy(() -> LegalRules.load(half))
        .hasMessageContaining("at 'legal_interest_rate.2026-S2': '2026-S2' is not a half-year");
  }

  @Test
  void theOtherEndOfMonthVariantCanBeChosenInConfiguration(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "payment_terms: {end_of_month_variant: end_of_month_then_days}\n");

    PaymentTermsCap cap = LegalRules.load(rules).paymentTermsCap();

    assertThat(
            cap.maxDueDate(
                java.time.LocalDate.parse("2024-01-17"), PaymentTermsCap.Basis.END_OF_MONTH))
        .isEqualTo(java.time.LocalDate.parse("2024-03-16"));
  }
}
