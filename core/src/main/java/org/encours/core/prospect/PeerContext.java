package org.encours.core.prospect;

/**
 * The peer-group counts a prospect is scored with: all known invoices (global), and those of its
 * sector, size band and country, each known before the scoring date and excluding the prospect
 * itself. At training time they are computed as of each first invoice's date; at serving time they
 * come from the snapshot saved with the model ({@link PeerSnapshot}).
 */
public record PeerContext(
    PeerCount global, PeerCount sector, PeerCount sizeBand, PeerCount country) {

  /**
   * The global late share with a Laplace start, {@code (late + 1) / (invoices + 2)}: the prior
   * every group is shrunk toward (0.5 on an empty ledger, the plain share on a large one).
   */
  public double globalRate() {
    return (global.late() + 1.0) / (global.invoices() + 2.0);
  }
}
