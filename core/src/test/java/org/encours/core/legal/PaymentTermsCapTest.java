package org.encours.core.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.encours.core.UserFacingException;
import org.encours.core.legal.PaymentTermsCap.Basis;
import org.junit.jupiter.api.Test;

/** The L441-10 I cap, on dates checked by hand on a calendar. */
class PaymentTermsCapTest {
  private static final PaymentTermsCap CAP = LegalRules.defaults().paymentTermsCap();

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void sixtyDaysFromTheInvoiceDate() {
    // 2024-01-17 + 60: 14 days to 01-31, 29 to 02-29 (43), 17 more -> 2024-03-17
    assertThat(CAP.maxDueDate(d("2024-01-17"), Basis.DAYS_FROM_INVOICE)).isEqualTo(d("2024-03-17"));
    // 2024-02-29 + 60: 31 to 03-31, 29 more -> 2024-04-29
    assertThat(CAP.maxDueDate(d("2024-02-29"), Basis.DAYS_FROM_INVOICE)).isEqualTo(d("2024-04-29"));
  }

  @Test
  void fortyFiveDaysEndOfMonthDefaultVariantAdds45DaysThenGoesToMonthEnd() {
    // 2024-01-17 + 45 = 2024-03-02 -> end of March 2024-03-31
    assertThat(CAP.endOfMonthVariant()).isEqualTo(EndOfMonthVariant.DAYS_THEN_END_OF_MONTH);
    assertThat(CAP.maxDueDate(d("2024-01-17"), Basis.END_OF_MONTH)).isEqualTo(d("2024-03-31"));
    // 2024-02-29 + 45 = 2024-04-14 -> 2024-04-30
    assertThat(CAP.maxDueDate(d("2024-02-29"), Basis.END_OF_MONTH)).isEqualTo(d("2024-04-30"));
    // 2024-01-01 + 45 = 2024-02-15 -> 2024-02-29 (leap February)
    assertThat(CAP.maxDueDate(d("2024-01-01"), Basis.END_OF_MONTH)).isEqualTo(d("2024-02-29"));
  }

  @Test
  void theOtherAcceptedVariantGoesToMonthEndThenAdds45Days() {
    EndOfMonthVariant other = EndOfMonthVariant.END_OF_MONTH_THEN_DAYS;
    // 2024-01-31 + 45 = 2024-03-16
    assertThat(CAP.maxDueDate(d("2024-01-17"), Basis.END_OF_MONTH, other))
        .isEqualTo(d("2024-03-16"));
    // 2024-02-29 is already a month end: + 45 = 2024-04-14
    assertThat(CAP.maxDueDate(d("2024-02-29"), Basis.END_OF_MONTH, other))
        .isEqualTo(d("2024-04-14"));
    // neither variant is always later: from 2024-01-01 this one gives 2024-03-16, the default
    // 2024-02-29
    assertThat(CAP.maxDueDate(d("2024-01-01"), Basis.END_OF_MONTH, other))
        .isEqualTo(d("2024-03-16"));
  }

  @Test
  void periodicInvoicesAndNothingAgreed() {
    // periodic invoice: 2024-01-17 + 45 = 2024-03-02; nothing agreed: delivery 2024-01-17 + 30 =
    // 2024-02-16
    assertThat(CAP.maxDueDate(d("2024-01-17"), Basis.PERIODIC_INVOICE)).isEqualTo(d("2024-03-02"));
    assertThat(CAP.defaultDueDate(d("2024-01-17"))).isEqualTo(d("2024-02-16"));
  }

  @Test
  void aDueDateOnTheCapIsLawfulOneDayLaterIsClamped() {
    TermsCheck onCap = CAP.check(d("2024-01-17"), d("2024-03-17"), Basis.DAYS_FROM_INVOICE);
    TermsCheck beyond = CAP.check(d("2024-01-17"), d("2024-03-18"), Basis.DAYS_FROM_INVOICE);

    assertThat(onCap.withinCap()).isTrue();
    assertThat(onCap.allowedDueDate()).isEqualTo(d("2024-03-17"));
    assertThat(beyond.withinCap()).isFalse();
    assertThat(beyond.allowedDueDate()).isEqualTo(d("2024-03-17"));
    assertThat(beyond.reason()).contains("beyond the legal cap").contains("L441-10 I");
  }

  @Test
  void termsCodesAreParsedAndChecked() {
    assertThat(PaymentTerms.parse("NET30")).isEqualTo(PaymentTerms.net(30));
    assertThat(PaymentTerms.parse("30J")).isEqualTo(PaymentTerms.net(30));
    assertThat(PaymentTerms.parse("45 jours fin de mois")).isEqualTo(PaymentTerms.endOfMonth(45));
    assertThat(PaymentTerms.parse("eom45")).isEqualTo(PaymentTerms.endOfMonth(45));
    // 60 FDM from 2024-01-10: 2024-03-10 -> 2024-03-31, beyond 45 FDM (2024-02-24 -> 2024-02-29)
    TermsCheck sixtyEom = CAP.check(d("2024-01-10"), PaymentTerms.parse("60 FDM"));
    assertThat(sixtyEom.requestedDueDate()).isEqualTo(d("2024-03-31"));
    assertThat(sixtyEom.withinCap()).isFalse();
    assertThat(sixtyEom.allowedDueDate()).isEqualTo(d("2024-02-29"));
    assertThat(CAP.check(d("2024-01-10"), PaymentTerms.parse("NET 60")).withinCap()).isTrue();
  }

  @Test
  void anUnreadableTermsCodeNamesItself() {
    assertThatThrownBy(() -> PaymentTerms.parse("comptant?"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("'comptant?'");
  }
}
