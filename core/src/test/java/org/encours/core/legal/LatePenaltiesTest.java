package org.encours.core.legal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Late-payment penalties (L441-10 II), actual/365, rounded HALF_UP to the cent at the end. Every
 * expectation is computed by hand in the comment above it, from the shipped ECB table: 2024-H1 4.50
 * % (in force 2024-01-01), 2024-H2 4.25 % (2024-07-01), 2025-H1 3.15 % (2025-01-01).
 */
class LatePenaltiesTest {
  private static final LegalRules LEGAL = LegalRules.defaults();
  private static final LatePenalties PENALTIES = LEGAL.latePenalties();

  private static BigDecimal eur(String amount) {
    return new BigDecimal(amount);
  }

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void aPeriodCrossing1JanuaryIsSplitAndEachHalfUsesItsOwnRate() {
    // EUR 10,000 due 2024-12-16, unpaid on 2025-01-15.
    // 2024-12-17..2024-12-31 = 15 days at 4.25 + 10 = 14.25 %: 10000 x 14.25 x 15 / 36500 =
    // 58.5616438...
    // 2025-01-01..2025-01-15 = 15 days at 3.15 + 10 = 13.15 %: 10000 x 13.15 x 15 / 36500 =
    // 54.0410958...
    // total 112.6027397 -> 112.60
    InvoiceFacts invoice =
        InvoiceFacts.unpaid("F-1", d("2024-11-16"), d("2024-12-16"), eur("10000.00"));

    PenaltyBreakdown penalties = PENALTIES.accrued(invoice, d("2025-01-15"));

    assertThat(penalties.periods()).hasSize(2);
    PenaltyPeriod december = penalties.periods().get(0);
    assertThat(december.from()).isEqualTo(d("2024-12-17"));
    assertThat(december.to()).isEqualTo(d("2024-12-31"));
    assertThat(december.days()).isEqualTo(15);
    assertThat(december.annualRatePercent()).isEqualByComparingTo("14.25");
    assertThat(december.amount()).isEqualByComparingTo("58.5616438356");
    PenaltyPeriod january = penalties.periods().get(1);
    assertThat(january.from()).isEqualTo(d("2025-01-01"));
    assertThat(january.days()).isEqualTo(15);
    assertThat(january.annualRatePercent()).isEqualByComparingTo("13.15");
    assertThat(january.rateSource()).isEqualTo("ECB 3.15 % in force on 2025-01-01 + 10 points");
    assertThat(penalties.total()).isEqualByComparingTo("112.60");
    assertThat(penalties.warnings()).isEmpty();
  }

  @Test
  void actual365Counts29FebruaryAsOneMoreDayAtOne365thOfTheRate() {
    // EUR 36,500 due 2024-02-27: late on 2024-02-28, 2024-02-29, 2024-03-01 = 3 days at 14.50 %.
    // 36500 x 14.50 x 3 / 36500 = 43.50
    InvoiceFacts invoice =
        InvoiceFacts.unpaid("F-2", d("2024-01-27"), d("2024-02-27"), eur("36500.00"));

    assertThat(PENALTIES.accrued(invoice, d("2024-03-01")).total()).isEqualByComparingTo("43.50");
  }

  @Test
  void aWholeLeapYearAccrues366365thsOfTheAnnualRate() {
    // EUR 36,500 due 2023-12-31, unpaid on 2024-12-31: 366 late days.
    // H1 2024: 182 days (31+29+31+30+31+30) x 14.50 % -> 36500 x 14.50 x 182 / 36500 = 2639.00
    // H2 2024: 184 days (31+31+30+31+30+31) x 14.25 % -> 36500 x 14.25 x 184 / 36500 = 2622.00
    // total 5261.00 (an actual/actual convention would divide the leap year by 366 instead)
    InvoiceFacts invoice =
        InvoiceFacts.unpaid("F-3", d("2023-11-30"), d("2023-12-31"), eur("36500.00"));

    PenaltyBreakdown penalties = PENALTIES.accrued(invoice, d("2024-12-31"));

    assertThat(penalties.lateDays()).isEqualTo(366);
    assertThat(penalties.periods()).extracting(PenaltyPeriod::days).containsExactly(182L, 184L);
    assertThat(penalties.total()).isEqualByComparingTo("5261.00");
  }

  @Test
  void anInvoicePaidOneDayLateOwesOneDayOfPenaltyAndThe40EuroIndemnity() {
    // EUR 1,000 due 2024-03-15, paid in full 2024-03-16: one late day (2024-03-16) at 14.50 %.
    // 1000 x 14.50 x 1 / 36500 = 0.3972602... -> 0.40; indemnity 40.00; total 0.00 + 0.40 + 40.00 =
    // 40.40
    InvoiceFacts invoice =
        InvoiceFacts.unpaid("F-4", d("2024-02-15"), d("2024-03-15"), eur("1000.00"))
            .withPayment(d("2024-03-16"), eur("1000.00"));

    AmountDue due = PENALTIES.amountDue(invoice, d("2024-04-30"));

    assertThat(due.penalties().lateDays()).isEqualTo(1);
    assertThat(due.outstanding()).isEqualByComparingTo("0.00");
    assertThat(due.penaltyAmount()).isEqualByComparingTo("0.40");
    assertThat(due.recoveryIndemnity()).isEqualByComparingTo("40.00");
    assertThat(due.total()).isEqualByComparingTo("40.40");
  }

  @Test
  void aPartiallyPaidInvoiceAccruesOnWhatWasStillUnpaidEachDay() {
    // EUR 10,000 due 2025-03-31 (2025-H1: 3.15 + 10 = 13.15 %); EUR 4,000 paid 2025-04-10; as of
    // 2025-04-30.
    // 2025-04-01..04-10: 10 days on 10,000: 10000 x 13.15 x 10 / 36500 = 36.0273972...
    // 2025-04-11..04-30: 20 days on  6,000:  6000 x 13.15 x 20 / 36500 = 43.2328767...
    // penalties 79.2602739 -> 79.26; amount due 6000.00 + 79.26 + 40.00 = 6119.26
    InvoiceFacts invoice =
        InvoiceFacts.unpaid("F-5", d("2025-03-01"), d("2025-03-31"), eur("10000.00"))
            .withPayment(d("2025-04-10"), eur("4000.00"));

    AmountDue due = PENALTIES.amountDue(invoice, d("2025-04-30"));

    assertThat(due.penalties().periods())
        .extracting(PenaltyPeriod::base)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(eur("10000"), eur("6000"));
    assertThat(due.penaltyAmount()).isEqualByComparingTo("79.26");
    assertThat(due.outstanding()).isEqualByComparingTo("6000.00");
    assertThat(due.total()).isEqualByComparingTo("6119.26");
  }

  @Test
  void anInvoicePaidOnItsDueDateOwesNothingMore() {
    InvoiceFacts invoice =
        InvoiceFacts.unpaid("F-6", d("2025-03-01"), d("2025-03-31"), eur("500.00"))
            .withPayment(d("2025-03-31"), eur("500.00"));

    AmountDue due = PENALTIES.amountDue(invoice, d("2025-06-30"));

    assertThat(due.penalties().periods()).isEmpty();
    assertThat(due.total()).isEqualByComparingTo("0.00");
  }

  @Test
  void beforeItsDueDateAnInvoiceOwesOnlyItsAmount() {
    InvoiceFacts invoice =
        InvoiceFacts.unpaid("F-7", d("2025-03-01"), d("2025-03-31"), eur("500.00"));

    AmountDue due = PENALTIES.amountDue(invoice, d("2025-03-31"));

    assertThat(due.penaltyAmount()).isEqualByComparingTo("0");
    assertThat(due.recoveryIndemnity()).isEqualByComparingTo("0");
    assertThat(due.total()).isEqualByComparingTo("500.00");
  }

  @Test
  void aContractualRateReplacesTheLegalOne() {
    // EUR 1,000 at 12 %, due 2025-09-30, as of 2025-10-30: 30 days: 1000 x 12 x 30 / 36500 =
    // 9.8630... -> 9.86
    // 2025-H2 floor: 3 x 2.76 % = 8.28 %, so 12 % is lawful and there is no warning.
    InvoiceFacts invoice =
        InvoiceFacts.unpaid("F-8", d("2025-08-31"), d("2025-09-30"), eur("1000.00"));

    PenaltyBreakdown penalties = LEGAL.latePenalties(eur("12")).accrued(invoice, d("2025-10-30"));

    assertThat(penalties.total()).isEqualByComparingTo("9.86");
    assertThat(penalties.warnings()).isEmpty();
    assertThat(penalties.convention()).contains("contractual rate 12 %");
  }

  @Test
  void aContractualRateBelowThreeTimesTheLegalInterestRateIsFlagged() {
    // 2024-H1: legal interest rate 5.07 %, floor 3 x 5.07 = 15.21 %: 12 % is below it.
    LatePenalties twelve = LEGAL.latePenalties(eur("12"));

    assertThat(twelve.contractualRateWarning(new HalfYear(2024, 1)))
        .hasValueSatisfying(
            w -> assertThat(w).contains("below the legal floor for 2024-H1").contains("15.21 %"));
    // 2018-H2 is not in the legal interest rate table: say so rather than guess.
    assertThat(twelve.contractualRateWarning(new HalfYear(2018, 2)))
        .hasValueSatisfying(w -> assertThat(w).startsWith("cannot check"));
  }

  @Test
  void daysPastTheVerifiedEcbTableUseTheLastKnownRateAndSaySo() {
    // 2026-H2 (1 July 2026) is after verified_until 2026-02-05: 2.15 % assumed, flagged.
    InvoiceFacts invoice =
        InvoiceFacts.unpaid("F-9", d("2026-05-31"), d("2026-06-30"), eur("1000.00"));

    PenaltyBreakdown penalties = PENALTIES.accrued(invoice, d("2026-07-10"));

    assertThat(penalties.periods().get(0).rateSource()).endsWith("(unconfirmed)");
    assertThat(penalties.warnings())
        .singleElement()
        .asString()
        .contains("2026-H2")
        .contains("2026-07-01");
  }
}
