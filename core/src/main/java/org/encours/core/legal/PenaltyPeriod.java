package org.encours.core.legal;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One stretch of late days with the same base and rate: from {@code from} to {@code to} inclusive
 * ({@code days} days), on {@code base} EUR at {@code annualRatePercent} % a year, giving {@code
 * amount} = base x rate / 100 x days / 365, kept unrounded (scale 10): only the breakdown's total
 * is rounded to the cent.
 */
public record PenaltyPeriod(
    LocalDate from,
    LocalDate to,
    long days,
    BigDecimal base,
    HalfYear halfYear,
    BigDecimal annualRatePercent,
    String rateSource,
    BigDecimal amount)
    implements Serializable {}
