package org.encours.samples;

/**
 * Customer size bands. Micro firms are riskier (thin cash, more defaults) and buy little; large
 * firms buy often, in large amounts, on longer terms, and rarely default. {@code invoiceWeight} is
 * the band's share of the invoice volume relative to the mean customer (about 20 invoices over the
 * history): micro about 0.45x, large about 3.2x.
 */
public enum SizeBand {
  MICRO("micro", 40, 1.5, 3, 0.45, 450, 0.45, new double[] {60, 25, 15}),
  SMALL("small", 33, 1.1, 1, 0.85, 1_800, 0.60, new double[] {45, 35, 20}),
  MEDIUM("medium", 20, 0.9, 0, 1.6, 6_500, 0.75, new double[] {30, 35, 35}),
  LARGE("large", 7, 0.6, 2, 3.2, 24_000, 0.90, new double[] {20, 35, 45});

  private final String code;
  final double weight;
  final double risk;
  final double delayShift;
  final double invoiceWeight;
  final double medianAmountEuros;
  final double electronicShare;

  /** Odds of NET30, EOM45, NET60, in {@link PaymentTerms} order. */
  final double[] termsWeights;

  SizeBand(
      String code,
      double weight,
      double risk,
      double delayShift,
      double invoiceWeight,
      double medianAmountEuros,
      double electronicShare,
      double[] termsWeights) {
    this.code = code;
    this.weight = weight;
    this.risk = risk;
    this.delayShift = delayShift;
    this.invoiceWeight = invoiceWeight;
    this.medianAmountEuros = medianAmountEuros;
    this.electronicShare = electronicShare;
    this.termsWeights = termsWeights;
  }

  /** The {@code size_band} written on customers. */
  public String code() {
    return code;
  }

  static double[] weights() {
    double[] w = new double[values().length];
    for (SizeBand s : values()) {
      w[s.ordinal()] = s.weight;
    }
    return w;
  }

  /** The band with this code, or null. */
  public static SizeBand byCode(String code) {
    for (SizeBand s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    return null;
  }
}
