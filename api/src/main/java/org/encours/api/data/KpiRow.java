package org.encours.api.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of {@code receivables_kpis} (see docs/metrics.md for each definition): an entity's
 * receivables figures at a month end, with what to know before reading them ({@code caveats}:
 * insufficient history, a CEI outside 0-100 % and why, an undefined DSO).
 */
public record KpiRow(
    LocalDate asOfDate,
    String level,
    String entityId,
    BigDecimal creditSales,
    BigDecimal ar,
    BigDecimal grossAr,
    BigDecimal currentAr,
    BigDecimal overdueAr,
    BigDecimal overdue60Ar,
    BigDecimal credits,
    Long openItems,
    Double shareOverdue60,
    Integer dsoPeriodMonths,
    Integer dsoPeriodDays,
    Double dsoStandard,
    Double dsoCountBack,
    Double bpdsoStandard,
    Double bpdsoCountBack,
    Double addStandard,
    Double addCountBack,
    Integer ceiPeriodMonths,
    Double cei,
    Boolean historyComplete,
    List<String> caveats) {}
