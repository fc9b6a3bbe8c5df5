package org.encours.core.prospect;

/**
 * Invoices of a peer group whose outcome was known before a date, and how many of them were late.
 *
 * @param invoices invoices with a known outcome (paid, or still unpaid more than T days after due)
 * @param late those paid more than T days late or not paid T days after due
 */
public record PeerCount(long invoices, long late) {
  public static final PeerCount NONE = new PeerCount(0, 0);

  public PeerCount {
    if (invoices < 0 || late < 0 || late > invoices) {
      throw new IllegalArgumentException(
          "peer count " + late + " late of " + invoices + " is inconsistent");
    }
  }

  /**
   * The group's late share shrunk toward {@code prior} with the weight of {@code strength}
   * invoices: {@code (late + strength x prior) / (invoices + strength)}. A group with no invoice
   * gets the prior; one with many invoices gets about its own share. Example: 3 late of 4 with
   * prior 0.20 and strength 20 gives (3 + 4) / 24 = 0.2917, not 0.75.
   */
  public double shrunkRate(double prior, double strength) {
    return (late + strength * prior) / (invoices + strength);
  }

  /** The raw late share, NaN when the group is empty. */
  public double rawRate() {
    return invoices == 0 ? Double.NaN : late / (double) invoices;
  }
}
