package org.encours.samples;

import java.util.SplittableRandom;

/**
 * How a customer pays: the hidden truth behind a generated ledger. It is never written to the CSV
 * files (a model has to infer it from behaviour and attributes) but is kept on {@link
 * LedgerSink.CustomerRow} for tests and counted in {@code generation.json}.
 *
 * <p>Each archetype has a natural lateness (see {@code CustomerHistory}), a dispute rate, a share
 * of invoices settled in instalments, and its response to each reminder of the {@link DunningStage}
 * ladder: the probability that the customer pays within 1 to 8 days of receiving it. Defaulters
 * ignore reminders (their only answers are silence and the odd promise they do not keep).
 */
public enum Archetype {
  /**
   * Pays on or before the due date; the odd late invoice is usually an oversight a reminder fixes.
   */
  PROMPT("prompt", 0.015, 0.03, 0.0, 0.00, 0.70, 0.80, 0.90, 0.90),
  /** Chronically 2 to 8 weeks late, escalation helps. */
  SLOW("slow", 0.04, 0.12, 0.02, 0.10, 0.15, 0.25, 0.40, 0.55),
  /** Lateness grows steadily over the history. */
  DETERIORATING("deteriorating", 0.04, 0.15, 0.03, 0.10, 0.20, 0.30, 0.40, 0.50),
  /** On time except around August and December, when payments slip by 2 to 6 weeks. */
  SEASONAL("seasonal", 0.02, 0.08, 0.02, 0.05, 0.35, 0.45, 0.60, 0.70),
  /** Raises disputes often (on receipt or when reminded); disputes delay payment. */
  DISPUTER("disputer", 0.22, 0.08, 0.25, 0.10, 0.20, 0.25, 0.35, 0.45),
  /** Pays later and later, then stops paying at a date and never pays again. */
  DEFAULTER("defaulter", 0.05, 0.20, 0.0, 0.15, 0.0, 0.0, 0.0, 0.0);

  private final String code;
  final double disputeRate;
  final double partialShare;
  final double disputeOnReminder;
  final double brokenPromiseShare;
  private final double[] payAfterReminder;

  Archetype(
      String code,
      double disputeRate,
      double partialShare,
      double disputeOnReminder,
      double brokenPromiseShare,
      double... payAfterReminder) {
    this.code = code;
    this.disputeRate = disputeRate;
    this.partialShare = partialShare;
    this.disputeOnReminder = disputeOnReminder;
    this.brokenPromiseShare = brokenPromiseShare;
    this.payAfterReminder = payAfterReminder;
  }

  public String code() {
    return code;
  }

  /** Probability that this customer pays within 1 to 8 days of receiving {@code stage}. */
  public double payAfterReminder(DunningStage stage) {
    return payAfterReminder[stage.ordinal()];
  }

  /**
   * Draws the archetype of a customer. The relative odds depend on its attributes through {@code
   * risk} = sector risk x size risk x country risk: prompt 48 / risk, slow 18 x risk, deteriorating
   * 7 x risk, seasonal 9 x sector seasonal factor, disputer 9 x sqrt(risk) x sector dispute factor,
   * defaulter 3 x risk^1.5 (x 0.3 for large firms). Overall about 45 % prompt, 20 % slow, 8 %
   * deteriorating, 10 % seasonal, 10 % disputers and 4 to 5 % defaulters.
   */
  static Archetype draw(SplittableRandom rng, Sector sector, SizeBand size, Country country) {
    double risk = sector.risk * size.risk * country.risk;
    double[] w = new double[values().length];
    w[PROMPT.ordinal()] = 48 / risk;
    w[SLOW.ordinal()] = 18 * risk;
    w[DETERIORATING.ordinal()] = 7 * risk;
    w[SEASONAL.ordinal()] = 9 * sector.seasonalFactor;
    w[DISPUTER.ordinal()] = 9 * Math.sqrt(risk) * sector.disputeFactor;
    w[DEFAULTER.ordinal()] = 3 * risk * Math.sqrt(risk) * (size == SizeBand.LARGE ? 0.3 : 1.0);
    return values()[Draws.pick(rng, w)];
  }
}
