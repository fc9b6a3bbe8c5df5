package org.encours.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the CFO report shows, as plain values: the loader fills it from the warehouse, the
 * renderers only format it (so tests can build one by hand without Spark). Each section is a {@link
 * Part}: either its content or the reason it is not available and the command that produces it.
 *
 * @param asOf the report date D
 * @param kpiMonthEnd the month end the headline KPIs are read at (D if D is a month end, else the
 *     month end before D)
 * @param currency the currency every amount is in
 * @param modelVersion the scoring model the scores come from, null when no score was read
 * @param sources the tables read, with their Delta versions and the input versions they record
 */
public record ReportData(
    LocalDate asOf,
    LocalDate kpiMonthEnd,
    String currency,
    String modelVersion,
    List<Source> sources,
    Part<Headline> headline,
    Part<List<AgingBucket>> aging,
    Part<List<TrendPoint>> trend,
    Part<List<TopCustomer>> topCustomers,
    Part<Concentration> concentration,
    Part<List<GradeCount>> grades,
    Part<Migration> migration,
    Part<Dunning> dunning,
    Part<LegalExposure> legal,
    Part<ModelHealth> modelHealth) {

  /** A section's content, or why it is missing ({@code missing} names the command to run). */
  public record Part<T>(T value, String missing) {
    public static <T> Part<T> of(T value) {
      return new Part<>(Objects.requireNonNull(value), null);
    }

    public static <T> Part<T> missing(String why) {
      return new Part<>(null, why);
    }

    public boolean available() {
      return value != null;
    }
  }

  /**
   * A table read: its Delta version and the canonical-table versions its rows were computed from.
   */
  public record Source(String table, long version, Map<String, Long> inputVersions) {}

  /**
   * Portfolio KPIs at a month end ({@code receivables_kpis}, level portfolio). Nulls are "n/a".
   * {@code ar} is the net ledger balance, {@code grossAr} the open receivables the DSO family and
   * the overdue share are computed on; {@code caveats} says what to know before reading the row
   * (insufficient history, a CEI outside 0-100 % and why).
   */
  public record KpiSnapshot(
      LocalDate monthEnd,
      BigDecimal ar,
      BigDecimal overdueAr,
      Double dsoCountBack,
      Double dsoStandard,
      Double bestPossibleDso,
      Double add,
      Double cei,
      BigDecimal grossAr,
      Integer dsoPeriodMonths,
      Integer ceiPeriodMonths,
      boolean historyComplete,
      List<String> caveats) {
    /** Overdue AR / gross open AR, null when there is none. */
    public Double overdueShare() {
      if (grossAr == null || overdueAr == null || grossAr.signum() <= 0) {
        return null;
      }
      return overdueAr.doubleValue() / grossAr.doubleValue();
    }
  }

  /** The headline: this month end and, when present, the one before. */
  public record Headline(KpiSnapshot current, KpiSnapshot previous) {}

  /** One line of the portfolio aging ({@code aging}, level portfolio). */
  public record AgingBucket(
      String bucket, int order, BigDecimal openAmount, long openCount, Double share) {}

  /** One month end of the 12-month trend. */
  public record TrendPoint(
      LocalDate monthEnd,
      BigDecimal currentAr,
      BigDecimal overdueAr,
      BigDecimal overdue60Ar,
      Double dsoCountBack,
      Double dsoStandard,
      Double bestPossibleDso,
      Double add,
      Double cei,
      boolean historyComplete) {}

  /** A customer among the 20 largest expected losses. */
  public record TopCustomer(
      int rank,
      String customerId,
      String grade,
      Double probability,
      Integer points,
      BigDecimal exposure,
      BigDecimal expectedLoss,
      List<String> reasons,
      String action) {}

  /** Share of AR held by the 10 largest customers ({@code aging}, level customer). */
  public record Concentration(BigDecimal totalAr, BigDecimal top10Ar, List<CustomerAr> top10) {
    public Double share() {
      return totalAr == null || totalAr.signum() == 0
          ? null
          : top10Ar.doubleValue() / totalAr.doubleValue();
    }
  }

  public record CustomerAr(String customerId, BigDecimal ar) {}

  /** Customers, exposure and expected loss per grade as of D. */
  public record GradeCount(
      String grade, long customers, BigDecimal exposure, BigDecimal expectedLoss) {}

  /**
   * Grade migration from the previous month end to D: {@code counts.get(from).get(to)}; "new" rows
   * are customers not scored before, "gone" columns customers no longer scored.
   */
  public record Migration(
      LocalDate from, List<String> grades, Map<String, Map<String, Long>> counts) {
    public long count(String fromGrade, String toGrade) {
      return counts.getOrDefault(fromGrade, Map.of()).getOrDefault(toGrade, 0L);
    }
  }

  /** The dunning plan as of D ({@code dunning_plan}). */
  public record Dunning(
      LocalDate weekEnd,
      LocalDate horizon,
      List<ActionCount> dueThisWeek,
      long formalNoticeCount,
      List<PlannedAction> formalNotices,
      long escalationCount,
      List<PlannedAction> escalations) {}

  /** Actions of one stage due in the week. */
  public record ActionCount(
      String action, long invoices, long customers, BigDecimal outstanding, BigDecimal amountDue) {}

  /** A formal notice or an escalation step to come. */
  public record PlannedAction(
      String invoiceId,
      String customerId,
      String action,
      LocalDate date,
      BigDecimal outstanding,
      BigDecimal amountDue) {}

  /** Accrued penalties and indemnities, and claims near their limitation date. */
  public record LegalExposure(
      long invoicesWithPenalties,
      BigDecimal penalties,
      BigDecimal indemnities,
      BigDecimal amountDue,
      List<LimitationCount> limitation,
      List<LimitationClaim> claims) {}

  public record LimitationCount(String status, long invoices, BigDecimal outstanding) {}

  public record LimitationClaim(
      String invoiceId,
      String customerId,
      String status,
      LocalDate limitationDate,
      BigDecimal outstanding) {}

  /** Out-of-time performance, calibration and drift of the model in use. */
  public record ModelHealth(
      String modelVersion,
      String createdAt,
      String cutoff,
      String target,
      String chosen,
      Double rocAuc,
      Double prAuc,
      Double brier,
      Double ece,
      Long testRows,
      List<CalibrationBin> calibration,
      String driftSource,
      List<Drift> drift) {}

  public record CalibrationBin(
      double lower, double upper, long rows, double meanPredicted, double observedShare) {}

  public record Drift(String variable, double psi, String status) {}
}
