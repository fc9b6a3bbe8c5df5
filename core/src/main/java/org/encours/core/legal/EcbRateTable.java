package org.encours.core.legal;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.encours.core.EncoursErrors;

/**
 * The ECB main refinancing operations rate as a dated list of changes (from {@code
 * legal-rules.yaml}), and the rate that L441-10 II applies to each half-year: the one in force on 1
 * January or 1 July.
 *
 * <p>Example with the shipped table: the rate moved to 4.50 % on 2023-09-20 and to 4.25 % on
 * 2024-06-12, so 2024-H1 uses 4.50 % (in force on 2024-01-01) and 2024-H2 uses 4.25 % (in force on
 * 2024-07-01).
 */
public final class EcbRateTable implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One change of the rate, in percent, effective from {@code from} (inclusive). */
  public record Change(LocalDate from, BigDecimal ratePercent) implements Serializable {}

  /**
   * The rate for a half-year. {@code confirmed} is false when the reference date lies after the
   * table's {@code verified_until}: the last known rate was assumed and may be stale.
   */
  public record ReferenceRate(
      HalfYear halfYear, LocalDate referenceDate, BigDecimal ecbRatePercent, boolean confirmed)
      implements Serializable {}

  private final List<Change> changes;
  private final LocalDate verifiedUntil;

  /** {@code changes} must be in strictly increasing date order (the loader checks it). */
  public EcbRateTable(List<Change> changes, LocalDate verifiedUntil) {
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("an ECB rate table needs at least one change");
    }
    for (int i = 1; i < changes.size(); i++) {
      if (!changes.get(i).from().isAfter(changes.get(i - 1).from())) {
        throw new IllegalArgumentException(
            "ECB rate changes must be in increasing date order at " + changes.get(i).from());
      }
    }
    this.changes = List.copyOf(changes);
    this.verifiedUntil = verifiedUntil;
  }

  public List<Change> changes() {
    return changes;
  }

  public LocalDate verifiedUntil() {
    return verifiedUntil;
  }

  /** The rate in force on {@code day} (the last change dated on or before it). */
  public BigDecimal rateInForceOn(LocalDate day) {
    BigDecimal rate = null;
    for (Change change : changes) {
      if (change.from().isAfter(day)) {
        break;
      }
      rate = change.ratePercent();
    }
    if (rate == null) {
      throw EncoursErrors.badConfig(
          "legal rules",
          "ecb_main_refinancing_rate.changes",
          "no ECB rate in force on " + day + " (the table starts " + changes.get(0).from() + ")",
          "Add the older rates to the table in a legal-rules override file.");
    }
    return rate;
  }

  /**
   * The rate in force on the half-year's first day, flagged unconfirmed past {@code verifiedUntil}.
   */
  public ReferenceRate referenceRate(HalfYear halfYear) {
    LocalDate reference = halfYear.referenceDate();
    return new ReferenceRate(
        halfYear, reference, rateInForceOn(reference), !reference.isAfter(verifiedUntil));
  }
}
