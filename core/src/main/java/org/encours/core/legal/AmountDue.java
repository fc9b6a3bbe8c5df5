package org.encours.core.legal;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a debtor owes on one invoice as of a date: the outstanding amount, the penalties accrued to
 * that date, the fixed recovery indemnity (due once the invoice is late, even if since paid) and
 * the total of the three, all in EUR at 2 decimals; {@code penalties} carries the detail.
 */
public record AmountDue(
    String invoiceId,
    LocalDate asOf,
    BigDecimal outstanding,
    BigDecimal penaltyAmount,
    BigDecimal recoveryIndemnity,
    BigDecimal total,
    PenaltyBreakdown penalties)
    implements Serializable {}
