package org.encours.samples;

/**
 * Customer countries (ISO 3166-1 alpha-2): mostly France, some neighbours. Payment culture carries
 * signal: German and Dutch customers pay earliest, Spanish and Italian ones latest ({@code
 * delayShift} in days, {@code risk} as in {@link Sector}).
 */
public enum Country {
  FR(70, 1.0, 2),
  BE(8, 0.9, 1),
  DE(6, 0.7, -3),
  ES(6, 1.3, 9),
  IT(5, 1.4, 12),
  NL(3, 0.7, -3),
  GB(2, 1.0, 1);

  final double weight;
  final double risk;
  final double delayShift;

  Country(double weight, double risk, double delayShift) {
    this.weight = weight;
    this.risk = risk;
    this.delayShift = delayShift;
  }

  /** French-speaking customers get French company names. */
  boolean francophone() {
    return this == FR || this == BE;
  }

  static double[] weights() {
    double[] w = new double[values().length];
    for (Country c : values()) {
      w[c.ordinal()] = c.weight;
    }
    return w;
  }
}
