package org.encours.samples;

/**
 * Customer sectors with the signal they carry. {@code risk} multiplies the odds of the risky
 * archetypes (slow, deteriorating, disputer, defaulter) against the prompt one; {@code delayShift}
 * adds days to the lateness of non-prompt payers; {@code seasonalFactor} and {@code disputeFactor}
 * skew those two archetypes. Construction and hospitality are the riskiest, healthcare and IT the
 * safest, in line with French late-payment observatories.
 */
public enum Sector {
  CONSTRUCTION("construction", 14, 1.8, 9, 1.0, 1.5),
  HOSPITALITY("hospitality", 8, 1.7, 7, 2.5, 1.0),
  RETAIL("retail", 12, 1.3, 4, 1.8, 1.0),
  TRANSPORT("transport", 8, 1.3, 4, 1.0, 1.0),
  WHOLESALE("wholesale", 12, 1.1, 2, 1.0, 1.2),
  MANUFACTURING("manufacturing", 15, 0.9, 1, 0.8, 1.2),
  AGRICULTURE("agriculture", 6, 1.2, 3, 2.5, 1.0),
  IT_SERVICES("it_services", 9, 0.7, -1, 0.6, 0.8),
  BUSINESS_SERVICES("business_services", 10, 0.8, 0, 0.6, 0.8),
  HEALTHCARE("healthcare", 6, 0.6, -1, 0.5, 0.7);

  private final String code;
  final double weight;
  final double risk;
  final double delayShift;
  final double seasonalFactor;
  final double disputeFactor;

  Sector(
      String code,
      double weight,
      double risk,
      double delayShift,
      double seasonalFactor,
      double disputeFactor) {
    this.code = code;
    this.weight = weight;
    this.risk = risk;
    this.delayShift = delayShift;
    this.seasonalFactor = seasonalFactor;
    this.disputeFactor = disputeFactor;
  }

  /** The {@code sector} written on customers. */
  public String code() {
    return code;
  }

  static double[] weights() {
    double[] w = new double[values().length];
    for (Sector s : values()) {
      w[s.ordinal()] = s.weight;
    }
    return w;
  }

  /** The sector with this code, or null. */
  public static Sector byCode(String code) {
    for (Sector s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    return null;
  }
}
