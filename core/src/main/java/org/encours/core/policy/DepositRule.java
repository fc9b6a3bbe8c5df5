package org.encours.core.policy;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A deposit rule: {@code share} of the quote (0.30 = 30 %), required on quotes strictly above
 * {@code requiredAboveEur} and recommended at or below it; {@code requiredAboveEur} 0 means every
 * quote, null means never required (only recommended when the share is above 0).
 */
public record DepositRule(BigDecimal share, BigDecimal requiredAboveEur) implements Serializable {

  /** The status for a quote of {@code amount} EUR. */
  public DepositStatus statusFor(BigDecimal amount) {
    if (share.signum() == 0) {
      return DepositStatus.NONE;
    }
    return requiredAboveEur != null && amount.compareTo(requiredAboveEur) > 0
        ? DepositStatus.REQUIRED
        : DepositStatus.RECOMMENDED;
  }
}
