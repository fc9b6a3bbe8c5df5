package org.encours.core.prospect;

import java.time.LocalDate;

/**
 * One training example: a customer's first invoice, the attributes known before it, the peer counts
 * known before its date, and its outcome.
 *
 * @param customerId the customer (for ordering and reports; not a feature)
 * @param date the first invoice's issue date (the order date)
 * @param prospect the attributes as a prospect would give them
 * @param peers peer counts known strictly before {@code date}, excluding this customer
 * @param late 1 when the invoice was paid more than T days late or not paid T days after due, else
 *     0
 */
public record ProspectRow(
    String customerId, LocalDate date, Prospect prospect, PeerContext peers, int late) {
  public ProspectRow {
    if (late != 0 && late != 1) {
      throw new IllegalArgumentException("late must be 0 or 1, got " + late);
    }
  }
}
