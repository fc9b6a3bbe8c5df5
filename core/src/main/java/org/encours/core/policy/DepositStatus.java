package org.encours.core.policy;

/** Whether a quote must, should or need not carry a deposit. */
public enum DepositStatus {
  /** The policy asks no deposit. */
  NONE,
  /** A deposit is advised but the quote may go without it (amount at or below the threshold). */
  RECOMMENDED,
  /** The quote must not be accepted without the deposit. */
  REQUIRED
}
