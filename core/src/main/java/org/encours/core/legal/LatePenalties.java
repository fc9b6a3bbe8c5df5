package org.encours.core.legal;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Late-payment penalties (Code de commerce L441-10 II) and the amount due on an overdue invoice.
 *
 * <p>Rules, all from {@code legal-rules.yaml}:
 *
 * <ul>
 *   <li>Penalties run from the day after the due date, without any reminder, up to and including
 *       the payment date (an invoice due 2024-03-15 and paid 2024-03-16 is late for one day) or the
 *       as-of date.
 *   <li>Each late day accrues {@code base x rate / 100 / 365} (actual/365: every calendar day
 *       counts, 29 February included, and each is 1/365 of the annual rate, so a whole leap year
 *       accrues 366/365 of it). The base is what was still unpaid at the start of that day.
 *   <li>Default rate: the ECB main refinancing rate in force on 1 January (days in January-June) or
 *       1 July (days in July-December), plus 10 points; a period crossing 1 January or 1 July is
 *       split. A contractual rate, when given, replaces it for every day; it should not be below 3
 *       times the legal interest rate of the half-year (a warning, not an error: the contract is
 *       the user's).
 *   <li>The total is rounded HALF_UP to the cent once, after summing the unrounded periods.
 *   <li>The fixed recovery indemnity (D441-5, EUR 40) is due once per invoice paid late.
 * </ul>
 *
 * Example: EUR 10,000 due 2024-12-16, unpaid on 2025-01-15: 15 days of 2024-H2 at 4.25 + 10 = 14.25
 * % (58.5616...) and 15 days of 2025-H1 at 3.15 + 10 = 13.15 % (54.0410...): EUR 112.60.
 */
public final class LatePenalties implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int SCALE = 10;

  private final LegalRules rules;
  private final BigDecimal contractualRatePercent;

  LatePenalties(LegalRules rules, BigDecimal contractualRatePercent) {
    this.rules = rules;
    this.contractualRatePercent = contractualRatePercent;
  }

  /** The contractual annual rate in percent, if one replaces the legal default. */
  public Optional<BigDecimal> contractualRatePercent() {
    return Optional.ofNullable(contractualRatePercent);
  }

  /** The stated convention, as shown in every breakdown. */
  public String convention() {
    return "actual/"
        + rules.dayCountBasisDays()
        + " per late day on the unpaid amount, from the day after the due date to the"
        + " payment or as-of date inclusive; "
        + (contractualRatePercent == null
            ? "rate = ECB main refinancing rate in force on 1 January / 1 July + "
                + plain(rules.ecbMarginPoints())
                + " points"
            : "contractual rate " + plain(contractualRatePercent) + " %")
        + "; total rounded HALF_UP to the cent";
  }

  /** Penalties accrued on {@code invoice} up to and including {@code asOf}. */
  public PenaltyBreakdown accrued(InvoiceFacts invoice, LocalDate asOf) {
    LocalDate firstLate = invoice.dueDate().plusDays(1);
    List<PenaltyPeriod> periods = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    BigDecimal sum = BigDecimal.ZERO;
    if (!asOf.isBefore(firstLate)) {
      TreeSet<LocalDate> cuts = new TreeSet<>();
      for (InvoiceFacts.Payment p : invoice.payments()) {
        cuts.add(p.date().plusDays(1));
      }
      for (HalfYear h = HalfYear.containing(firstLate).next();
          !h.start().isAfter(asOf);
          h = h.next()) {
        cuts.add(h.start());
      }
      LocalDate start = firstLate;
      for (LocalDate cut : cuts.subSet(firstLate, false, asOf, true)) {
        sum = sum.add(period(invoice, start, cut.minusDays(1), periods, warnings));
        start = cut;
      }
      sum = sum.add(period(invoice, start, asOf, periods, warnings));
    }
    return new PenaltyBreakdown(
        invoice.dueDate(),
        asOf,
        convention(),
        periods,
        sum.setScale(2, RoundingMode.HALF_UP),
        new ArrayList<>(warnings));
  }

  private BigDecimal period(
      InvoiceFacts invoice,
      LocalDate from,
      LocalDate to,
      List<PenaltyPeriod> periods,
      Set<String> warnings) {
    BigDecimal base = invoice.lateBaseDuring(from);
    if (base.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    HalfYear half = HalfYear.containing(from);
    BigDecimal rate;
    String source;
    if (contractualRatePercent == null) {
      EcbRateTable.ReferenceRate ecb = rules.ecbRates().referenceRate(half);
      rate = ecb.ecbRatePercent().add(rules.ecbMarginPoints());
      source =
          "ECB "
              + plain(ecb.ecbRatePercent())
              + " % in force on "
              + ecb.referenceDate()
              + " + "
              + plain(rules.ecbMarginPoints())
              + " points";
      if (!ecb.confirmed()) {
        source += " (unconfirmed)";
        warnings.add(
            "ECB rate for "
                + half
                + " assumed to be "
                + plain(ecb.ecbRatePercent())
                + " %: the table in legal-rules.yaml is verified until "
                + rules.ecbRates().verifiedUntil()
                + "; add the rate in force on "
                + ecb.referenceDate()
                + ".");
      }
    } else {
      rate = contractualRatePercent;
      source = "contractual rate";
      contractualRateWarning(half).ifPresent(warnings::add);
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    BigDecimal amount =
        base.multiply(rate)
            .multiply(BigDecimal.valueOf(days))
            .divide(
                BigDecimal.valueOf(100L * rules.dayCountBasisDays()), SCALE, RoundingMode.HALF_UP);
    periods.add(new PenaltyPeriod(from, to, days, base, half, rate, source, amount));
    return amount;
  }

  /**
   * Whether the contractual rate respects the floor of 3 times the legal interest rate for {@code
   * half}: empty when it does (or when there is no contractual rate), else a sentence saying why
   * not or that the legal rate of that half-year is not in the table.
   */
  public Optional<String> contractualRateWarning(HalfYear half) {
    if (contractualRatePercent == null) {
      return Optional.empty();
    }
    Optional<BigDecimal> legal = rules.legalInterestRate(half);
    if (legal.isEmpty()) {
      return Optional.of(
          "cannot check the contractual rate "
              + plain(contractualRatePercent)
              + " % for "
              + half
              + ": the legal interest rate of that half-year is not in legal-rules.yaml (legal_interest_rate).");
    }
    BigDecimal floor = legal.get().multiply(rules.contractualFloorTimesLegalRate());
    if (contractualRatePercent.compareTo(floor) < 0) {
      return Optional.of(
          "contractual rate "
              + plain(contractualRatePercent)
              + " % is below the legal floor for "
              + half
              + ": "
              + plain(rules.contractualFloorTimesLegalRate())
              + " x the legal interest rate "
              + plain(legal.get())
              + " % = "
              + plain(floor)
              + " % (L441-10 II); the clause may be set aside.");
    }
    return Optional.empty();
  }

  /** Outstanding + penalties to {@code asOf} + the recovery indemnity when the invoice is late. */
  public AmountDue amountDue(InvoiceFacts invoice, LocalDate asOf) {
    BigDecimal outstanding = invoice.outstandingOn(asOf).setScale(2, RoundingMode.HALF_UP);
    PenaltyBreakdown penalties = accrued(invoice, asOf);
    BigDecimal indemnity =
        penalties.lateDays() > 0 ? rules.recoveryIndemnity() : BigDecimal.ZERO.setScale(2);
    BigDecimal total = outstanding.add(penalties.total()).add(indemnity);
    return new AmountDue(
        invoice.invoiceId(), asOf, outstanding, penalties.total(), indemnity, total, penalties);
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
