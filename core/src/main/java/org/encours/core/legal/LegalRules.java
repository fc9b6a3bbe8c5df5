package org.encours.core.legal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.encours.core.config.ConfigNode;
import org.encours.core.config.LayeredYaml;

/**
 * The French legal rules Encours applies, loaded from the shipped {@code legal-rules.yaml} (and an
 * optional override file whose keys replace the default's), validated on load. Immutable and
 * thread-safe; {@link #defaults()} is loaded once.
 *
 * <pre>{@code
 * LegalRules legal = LegalRules.defaults();
 * LocalDate cap = legal.paymentTermsCap().maxDueDate(invoiceDate, PaymentTermsCap.Basis.DAYS_FROM_INVOICE);
 * AmountDue due = legal.latePenalties().amountDue(invoice, asOf);
 * LimitationCheck limit = legal.limitation().check(invoice.dueDate(), asOf);
 * }</pre>
 */
public final class LegalRules implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String RESOURCE = "/org/encours/core/legal/legal-rules.yaml";
  private static final BigDecimal ZERO = BigDecimal.ZERO;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final String origin;
  private final PaymentTermsCap paymentTermsCap;
  private final BigDecimal ecbMarginPoints;
  private final BigDecimal contractualFloorTimesLegalRate;
  private final int dayCountBasisDays;
  private final BigDecimal recoveryIndemnity;
  private final Limitation limitation;
  private final BigDecimal smallClaimsMax;
  private final BigDecimal europeanSmallClaimsMax;
  private final EcbRateTable ecbRates;
  private final Map<HalfYear, BigDecimal> legalInterestRates;

  private LegalRules(ConfigNode root) {
    this.origin = root.origin();
    root.allowOnly(
        "payment_terms",
        "late_penalties",
        "recovery_indemnity_eur",
        "limitation",
        "procedures",
        "ecb_main_refinancing_rate",
        "legal_interest_rate");

    ConfigNode terms =
        root.map("payment_terms")
            .allowOnly(
                "max_days_from_invoice",
                "max_days_end_of_month",
                "default_days_after_delivery",
                "periodic_invoice_max_days",
                "end_of_month_variant");
    String fixDays = "Use a number of days between 0 and 365 (the law says 60, 45 and 30).";
    String variantText = terms.text("end_of_month_variant");
    EndOfMonthVariant variant;
    try {
      variant = EndOfMonthVariant.valueOf(variantText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw terms.error(
          "end_of_month_variant",
          "unknown variant '" + variantText + "'",
          "Use days_then_end_of_month or end_of_month_then_days.");
    }
    this.paymentTermsCap =
        new PaymentTermsCap(
            terms.integer("max_days_from_invoice", 0, 365, fixDays),
            terms.integer("max_days_end_of_month", 0, 365, fixDays),
            terms.integer("default_days_after_delivery", 0, 365, fixDays),
            terms.integer("periodic_invoice_max_days", 0, 365, fixDays),
            variant);

    ConfigNode penalties =
        root.map("late_penalties")
            .allowOnly(
                "ecb_margin_points", "contractual_floor_times_legal_rate", "day_count_basis_days");
    this.ecbMarginPoints =
        penalties.decimal(
            "ecb_margin_points",
            ZERO,
            HUNDRED,
            "Use a number of percentage points (the law says 10).");
    this.contractualFloorTimesLegalRate =
        penalties.decimal(
            "contractual_floor_times_legal_rate",
            ZERO,
            HUNDRED,
            "Use a multiple (the law says 3).");
    this.dayCountBasisDays =
        penalties.integer("day_count_basis_days", 360, 366, "Use 365 (actual/365), 360 or 366.");

    this.recoveryIndemnity =
        root.decimal(
                "recovery_indemnity_eur", ZERO, null, "Use an amount in EUR (the law says 40).")
            .setScale(2, RoundingMode.HALF_UP);

    ConfigNode limit = root.map("limitation").allowOnly("years", "warn_months_before");
    this.limitation =
        new Limitation(
            limit.integer(
                "years", 1, 30, "Use a number of years (the law between traders says 5)."),
            limit.integer("warn_months_before", 0, 60, "Use a number of months, e.g. 6."));

    ConfigNode procedures =
        root.map("procedures").allowOnly("small_claims_max_eur", "european_small_claims_max_eur");
    this.smallClaimsMax =
        procedures.decimal(
            "small_claims_max_eur", ZERO, null, "Use an amount in EUR (5000 since 2021).");
    this.europeanSmallClaimsMax =
        procedures.decimal(
            "european_small_claims_max_eur", ZERO, null, "Use an amount in EUR (5000 since 2017).");

    ConfigNode ecb = root.map("ecb_main_refinancing_rate").allowOnly("verified_until", "changes");
    List<EcbRateTable.Change> changes = new ArrayList<>();
    LocalDate previous = null;
    for (ConfigNode row : ecb.list("changes")) {
      row.allowOnly("from", "rate");
      LocalDate from = row.date("from");
      if (previous != null && !from.isAfter(previous)) {
        throw row.error(
            "from",
            from + " is not after the previous row's " + previous,
            "List the changes in increasing date order, one row per change.");
      }
      previous = from;
      changes.add(
          new EcbRateTable.Change(
              from,
              row.decimal(
                  "rate",
                  new BigDecimal("-5"),
                  new BigDecimal("30"),
                  "Use the rate in percent, e.g. 2.15.")));
    }
    this.ecbRates = new EcbRateTable(changes, ecb.date("verified_until"));

    ConfigNode legal = root.map("legal_interest_rate");
    Map<HalfYear, BigDecimal> rates = new TreeMap<>();
    for (String key : legal.keys()) {
      HalfYear half = HalfYear.parseOrNull(key);
      if (half == null) {
        throw legal.error(
            key, "'" + key + "' is not a half-year", "Write half-years as 2025-H1 or 2025-H2.");
      }
      rates.put(half, legal.decimal(key, ZERO, HUNDRED, "Use the rate in percent, e.g. 2.62."));
    }
    this.legalInterestRates = Map.copyOf(rates);
  }

  private static final class Defaults {
    static final LegalRules INSTANCE =
        fromTree(LayeredYaml.resource(LegalRules.class, RESOURCE), "default legal rules");
  }

  /** The shipped rules (loaded once). */
  public static LegalRules defaults() {
    return Defaults.INSTANCE;
  }

  /** The shipped rules with {@code override}'s keys laid over them. */
  public static LegalRules load(Path override) {
    JsonNode merged =
        LayeredYaml.merge(
            LayeredYaml.resource(LegalRules.class, RESOURCE),
            LayeredYaml.file(override, "legal rules"));
    return fromTree(merged, "legal rules " + override.getFileName());
  }

  /** Validates an already merged tree; {@code origin} names it in messages. */
  public static LegalRules fromTree(JsonNode tree, String origin) {
    return new LegalRules(ConfigNode.root(origin, tree));
  }

  /** Where these rules came from ("default legal rules" or "legal rules my.yaml"). */
  public String origin() {
    return origin;
  }

  public PaymentTermsCap paymentTermsCap() {
    return paymentTermsCap;
  }

  /** Penalties at the legal default rate (ECB + 10 points). */
  public LatePenalties latePenalties() {
    return new LatePenalties(this, null);
  }

  /** Penalties at a contractual annual rate in percent (e.g. 12 for 12 %). */
  public LatePenalties latePenalties(BigDecimal contractualRatePercent) {
    return new LatePenalties(this, contractualRatePercent);
  }

  public BigDecimal ecbMarginPoints() {
    return ecbMarginPoints;
  }

  public BigDecimal contractualFloorTimesLegalRate() {
    return contractualFloorTimesLegalRate;
  }

  public int dayCountBasisDays() {
    return dayCountBasisDays;
  }

  /** EUR 40.00 per late invoice (D441-5). */
  public BigDecimal recoveryIndemnity() {
    return recoveryIndemnity;
  }

  public Limitation limitation() {
    return limitation;
  }

  /** Ceiling of the simplified small-claims procedure (commissaire de justice), EUR. */
  public BigDecimal smallClaimsMax() {
    return smallClaimsMax;
  }

  /** Ceiling of the European Small Claims Procedure (cross-border), EUR. */
  public BigDecimal europeanSmallClaimsMax() {
    return europeanSmallClaimsMax;
  }

  public EcbRateTable ecbRates() {
    return ecbRates;
  }

  /** The legal interest rate ("autres cas") of a half-year, if the table has it. */
  public Optional<BigDecimal> legalInterestRate(HalfYear half) {
    return Optional.ofNullable(legalInterestRates.get(half));
  }

  /** The default penalty rate of a half-year: ECB reference rate + margin, in percent. */
  public BigDecimal defaultPenaltyRatePercent(HalfYear half) {
    return ecbRates.referenceRate(half).ecbRatePercent().add(ecbMarginPoints);
  }
}
