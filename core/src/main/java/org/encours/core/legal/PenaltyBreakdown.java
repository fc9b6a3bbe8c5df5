package org.encours.core.legal;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Late-payment penalties accrued on one invoice from the day after its due date up to {@code asOf}:
 * the periods, the total (rounded HALF_UP to the cent once, at the end), the convention used, and
 * warnings (an ECB rate assumed beyond the verified table; a contractual rate below the legal floor
 * or not checkable).
 */
public record PenaltyBreakdown(
    LocalDate dueDate,
    LocalDate asOf,
    String convention,
    List<PenaltyPeriod> periods,
    BigDecimal total,
    List<String> warnings)
    implements Serializable {

  public PenaltyBreakdown {
    periods = List.copyOf(periods);
    warnings = List.copyOf(warnings);
  }

  /** Late days counted (the sum over periods). */
  public long lateDays() {
    return periods.stream().mapToLong(PenaltyPeriod::days).sum();
  }
}
