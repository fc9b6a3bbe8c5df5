package org.encours.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.encours.core.legal.InvoiceFacts;
import org.encours.core.legal.LimitationStatus;
import org.junit.jupiter.api.Test;

/** Dunning plans from the default ladders, on an invoice due 2025-03-31 unless said otherwise. */
class DunningPlanTest {
  private static final Policy POLICY = Policy.defaults();
  private static final LocalDate DUE = LocalDate.parse("2025-03-31");

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static InvoiceFacts invoice(String amount, boolean crossBorder) {
    return new InvoiceFacts(
        "F-1", d("2025-03-01"), DUE, new BigDecimal(amount), List.of(), crossBorder);
  }

  @Test
  void standardLadderThenAgencyThenSmallClaims() {
    // standard: J+5 04-05, J+15 04-15, J+30 04-30, J+45 05-15 (pay by 05-23);
    // 2,000 >= 1,500: agency 05-24, court 30 days later 06-23; claim ~2,041 <= 5,000: small claims
    DunningPlan plan = POLICY.plan(invoice("2000.00", false), "B", d("2025-04-02"));

    assertThat(plan.ladder()).isEqualTo("standard");
    assertThat(plan.steps())
        .extracting(DunningStep::action)
        .containsExactly(
            DunningAction.REMINDER_1,
            DunningAction.REMINDER_2,
            DunningAction.REGISTERED_LETTER,
            DunningAction.FORMAL_NOTICE,
            DunningAction.COLLECTION_AGENCY,
            DunningAction.SMALL_CLAIMS_PROCEDURE);
    assertThat(plan.steps())
        .extracting(DunningStep::date)
        .containsExactly(
            d("2025-04-05"),
            d("2025-04-15"),
            d("2025-04-30"),
            d("2025-05-15"),
            d("2025-05-24"),
            d("2025-06-23"));
    assertThat(plan.steps())
        .extracting(DunningStep::status)
        .containsExactly(
            StepStatus.NEXT,
            StepStatus.PLANNED,
            StepStatus.PLANNED,
            StepStatus.PLANNED,
            StepStatus.PLANNED,
            StepStatus.PLANNED);
    DunningStep notice = plan.steps().get(3);
    assertThat(notice.channel()).isEqualTo(Channel.REGISTERED_LETTER);
    assertThat(notice.paymentDeadline()).isEqualTo(d("2025-05-23"));
    assertThat(plan.next())
        .hasValueSatisfying(s -> assertThat(s.channel()).isEqualTo(Channel.PHONE_OR_EMAIL));
    assertThat(plan.next().get().reason()).startsWith("J+5 on the standard ladder (grade B)");
    assertThat(plan.penaltiesFrom()).isEqualTo(d("2025-04-01"));
    assertThat(plan.limitation().limitationDate()).isEqualTo(d("2030-03-31"));
  }

  @Test
  void aWeakGradeGetsAPreDueReminderBeforeTheDueDate() {
    // compressed: J-5 = 2025-03-26
    DunningPlan plan = POLICY.plan(invoice("2000.00", false), "D", d("2025-03-20"));

    assertThat(plan.ladder()).isEqualTo("compressed");
    assertThat(plan.next())
        .hasValueSatisfying(
            s -> {
              assertThat(s.action()).isEqualTo(DunningAction.PRE_DUE_REMINDER);
              assertThat(s.date()).isEqualTo(d("2025-03-26"));
            });
    // compressed formal notice J+30 = 04-30, pay by 05-08
    assertThat(plan.steps().get(4).paymentDeadline()).isEqualTo(d("2025-05-08"));
  }

  @Test
  void behindScheduleTheNextStepIsTodayAndTheRestShiftByTheSameDelay() {
    // compressed, as of 04-12 with nothing done: pre-due skipped; J+3 (04-03) is 9 days late ->
    // 04-12;
    // J+10 04-10 -> 04-19; J+20 04-20 -> 04-29; J+30 04-30 -> 05-09
    DunningPlan plan = POLICY.plan(invoice("2000.00", false), "D", d("2025-04-12"));

    assertThat(plan.steps())
        .extracting(DunningStep::status)
        .startsWith(
            StepStatus.SKIPPED,
            StepStatus.NEXT,
            StepStatus.PLANNED,
            StepStatus.PLANNED,
            StepStatus.PLANNED);
    assertThat(plan.steps())
        .extracting(DunningStep::date)
        .startsWith(
            d("2025-03-26"), d("2025-04-12"), d("2025-04-19"), d("2025-04-29"), d("2025-05-09"));
    assertThat(plan.next().get().reason())
        .endsWith("planned 2025-04-03, behind schedule: do it now");
  }

  @Test
  void stepsUpToTheLastOneDoneAreMarkedDone() {
    DunningPlan plan =
        POLICY.plan(
            invoice("2000.00", false), "B", null, DunningAction.REMINDER_2, d("2025-04-20"));

    assertThat(plan.steps())
        .extracting(DunningStep::status)
        .startsWith(StepStatus.DONE, StepStatus.DONE, StepStatus.NEXT);
    assertThat(plan.next().get().action()).isEqualTo(DunningAction.REGISTERED_LETTER);
    assertThat(plan.next().get().date()).isEqualTo(d("2025-04-30"));
  }

  @Test
  void aLongStandingGradeACustomerGetsTheSoftLadder() {
    DunningPlan plan =
        POLICY.plan(invoice("2000.00", false), "A", d("2015-01-01"), null, d("2025-04-02"));

    assertThat(plan.ladder()).isEqualTo("soft");
    assertThat(plan.next().get().date()).isEqualTo(d("2025-04-10")); // J+10
    assertThat(plan.next().get().channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void theCourtRouteFollowsAmountAndBorder() {
    // below the agency threshold: court right after the notice deadline (05-24)
    List<DunningStep> small = POLICY.plan(invoice("800.00", false), "B", d("2025-04-02")).steps();
    assertThat(small)
        .last()
        .satisfies(
            s -> {
              assertThat(s.action()).isEqualTo(DunningAction.SMALL_CLAIMS_PROCEDURE);
              assertThat(s.date()).isEqualTo(d("2025-05-24"));
              assertThat(s.channel()).isEqualTo(Channel.COMMISSAIRE_DE_JUSTICE);
            });
    assertThat(small)
        .extracting(DunningStep::action)
        .doesNotContain(DunningAction.COLLECTION_AGENCY);
    // domestic above 5,000: injonction de payer
    assertThat(POLICY.plan(invoice("20000.00", false), "B", d("2025-04-02")).steps())
        .last()
        .extracting(DunningStep::action)
        .isEqualTo(DunningAction.INJONCTION_DE_PAYER);
    // cross-border: European small claims up to 5,000, European order for payment above
    assertThat(POLICY.plan(invoice("3000.00", true), "B", d("2025-04-02")).steps())
        .last()
        .extracting(DunningStep::action)
        .isEqualTo(DunningAction.EUROPEAN_SMALL_CLAIMS);
    assertThat(POLICY.plan(invoice("20000.00", true), "B", d("2025-04-02")).steps())
        .last()
        .extracting(DunningStep::action)
        .isEqualTo(DunningAction.EUROPEAN_ORDER_FOR_PAYMENT);
  }

  @Test
  void aPaidInvoiceHasNoStepsButLateChargesAreNoted() {
    InvoiceFacts paidLate =
        invoice("1000.00", false).withPayment(d("2025-04-10"), new BigDecimal("1000.00"));

    DunningPlan plan = POLICY.plan(paidLate, "B", d("2025-04-20"));

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.amountDue().recoveryIndemnity()).isEqualByComparingTo("40.00");
    assertThat(plan.notes())
        .singleElement()
        .asString()
        .startsWith("nothing outstanding; paid late");
  }

  @Test
  void anExpiredClaimGetsNoCourtStepAndANearlyExpiredOneAWarning() {
    InvoiceFacts old =
        new InvoiceFacts(
            "F-0", d("2019-12-31"), d("2020-01-31"), new BigDecimal("2000.00"), List.of(), false);

    DunningPlan expired = POLICY.plan(old, "B", d("2025-02-01"));
    assertThat(expired.limitation().status()).isEqualTo(LimitationStatus.EXPIRED);
    assertThat(expired.steps())
        .extracting(DunningStep::action)
        .doesNotContain(DunningAction.SMALL_CLAIMS_PROCEDURE, DunningAction.COLLECTION_AGENCY);
    assertThat(expired.notes().get(0)).startsWith("limitation date 2025-01-31 has passed");

    DunningPlan nearly = POLICY.plan(old, "B", d("2024-12-01"));
    assertThat(nearly.limitation().status()).isEqualTo(LimitationStatus.WARN);
    assertThat(nearly.notes().get(0))
        .isEqualTo("limitation date 2025-01-31: start court action before then (61 days left)");
  }
}
