package org.encours.api.http;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.encours.api.data.CustomerScore;
import org.encours.api.data.DunningAction;
import org.encours.api.data.InvoiceScore;
import org.encours.api.data.Recommendation;
import org.encours.api.engines.ProspectScoring;
import org.encours.core.policy.QuoteCheck;

/**
 * The JSON contract: response and request records (camelCase; dates ISO-8601; money as decimals).
 */
public final class Dtos {
  private Dtos() {}

  /** Every response: the data and where it comes from. */
  public record Envelope<T>(T data, String modelVersion, Long dataVersion, LocalDate asOf) {}

  /** A page of a bulk listing; {@code nextCursor} is null on the last page. */
  public record Page<T>(
      List<T> data,
      String nextCursor,
      int limit,
      String modelVersion,
      Long dataVersion,
      LocalDate asOf) {}

  public record Reason(String text, Double contribution) {}

  public record CustomerScoreDto(
      String customerId,
      LocalDate asOf,
      double probability,
      Integer points,
      String grade,
      List<Reason> reasons,
      BigDecimal exposure,
      BigDecimal expectedLoss,
      String modelVersion,
      Map<String, Long> inputVersions) {
    static CustomerScoreDto of(CustomerScore s) {
      List<Reason> reasons = new ArrayList<>(s.reasonTexts().length);
      for (int i = 0; i < s.reasonTexts().length; i++) {
        double c = s.reasonContributions()[i];
        reasons.add(new Reason(s.reasonTexts()[i], Double.isNaN(c) ? null : c));
      }
      return new CustomerScoreDto(
          s.customerId(),
          date(s.asOfEpochDay()),
          s.probability(),
          s.points() == Integer.MIN_VALUE ? null : s.points(),
          s.grade(),
          reasons,
          money(s.exposureCents()),
          money(s.expectedLossCents()),
          s.modelVersion(),
          s.inputVersions());
    }
  }

  public record InvoiceScoreDto(
      String invoiceId,
      String customerId,
      LocalDate asOf,
      double probability,
      Double expectedDaysLate,
      LocalDate predictedPaymentDate,
      LocalDate paymentDateP10,
      LocalDate paymentDateP50,
      LocalDate paymentDateP90,
      String grade,
      String modelVersion,
      Map<String, Long> inputVersions) {
    static InvoiceScoreDto of(InvoiceScore s) {
      return new InvoiceScoreDto(
          s.invoiceId(),
          s.customerId(),
          date(s.asOfEpochDay()),
          s.probability(),
          Double.isNaN(s.expectedDaysLate()) ? null : s.expectedDaysLate(),
          date(s.predictedPaymentDay()),
          date(s.paymentDayP10()),
          date(s.paymentDayP50()),
          date(s.paymentDayP90()),
          s.grade(),
          s.modelVersion(),
          s.inputVersions());
    }
  }

  public record RecommendationDto(
      String customerId,
      LocalDate asOf,
      String grade,
      double depositShare,
      BigDecimal creditLimit,
      Integer maxTermsDays,
      Object ladder,
      Object flags,
      Object reasons,
      String policyVersion,
      String modelVersion,
      Map<String, Long> inputVersions) {
    static RecommendationDto of(Recommendation r) {
      return new RecommendationDto(
          r.customerId(),
          date(r.asOfEpochDay()),
          r.grade(),
          r.depositShare(),
          money(r.creditLimitCents()),
          r.maxTermsDays() == Integer.MIN_VALUE ? null : r.maxTermsDays(),
          r.ladder(),
          r.flags(),
          r.reasons(),
          r.policyVersion(),
          r.modelVersion(),
          r.inputVersions());
    }
  }

  public record DunningActionDto(
      String invoiceId,
      String customerId,
      LocalDate asOf,
      String nextAction,
      LocalDate actionDate,
      String channel,
      BigDecimal amountDue,
      BigDecimal penalties,
      BigDecimal indemnity,
      LocalDate limitationDate,
      Object flags,
      String policyVersion) {
    static DunningActionDto of(DunningAction a) {
      return new DunningActionDto(
          a.invoiceId(),
          a.customerId(),
          date(a.asOfEpochDay()),
          a.nextAction(),
          date(a.actionEpochDay()),
          a.channel(),
          money(a.amountDueCents()),
          money(a.penaltiesCents()),
          money(a.indemnityCents()),
          date(a.limitationEpochDay()),
          a.flags(),
          a.policyVersion());
    }
  }

  /** {@code POST /v1/prospects/score} body. */
  public record ProspectRequest(
      String country,
      String sector,
      String sizeBand,
      LocalDate companyCreatedDate,
      Double companyAgeYears,
      BigDecimal requestedAmount,
      Integer requestedTermsDays,
      String channel) {}

  /**
   * {@code POST /v1/quotes/check} body: a customer id or a prospect, the quote amount and terms.
   */
  public record QuoteRequest(
      String customerId, ProspectRequest prospect, BigDecimal amount, Integer requestedTermsDays) {}

  public record ProspectScoreDto(
      double probability,
      String grade,
      List<ProspectScoring.Reason> reasons,
      double depositShare,
      String depositStatus,
      BigDecimal deposit,
      BigDecimal creditLimit,
      int maxTermsDays,
      Integer termsDays,
      String policyVersion) {}

  /** {@code POST /v1/quotes/check} answer: who was quoted and the policy's decision. */
  public record QuoteCheckDto(
      String customerId,
      boolean prospect,
      String grade,
      Double probability,
      QuoteDecision decision) {
    static QuoteCheckDto of(
        String customerId, Double probability, QuoteCheck q, String policyVersion) {
      return new QuoteCheckDto(
          customerId,
          q.prospect(),
          q.grade(),
          probability,
          new QuoteDecision(
              q.approved(),
              q.quoteAmount(),
              word(q.depositStatus()),
              q.depositShare(),
              q.depositAmount(),
              q.depositRequiredAbove(),
              q.creditLimit(),
              q.openExposure(),
              q.exposureAfterQuote(),
              q.withinLimit(),
              q.requestedTermsDays(),
              q.allowedTermsDays(),
              q.termsAllowed(),
              q.blockOrders(),
              q.reasons(),
              policyVersion));
    }
  }

  /**
   * The policy's decision on a quote ({@link QuoteCheck}): {@code depositStatus} is {@code none},
   * {@code recommended} or {@code required}; {@code depositRequiredAbove} null means never
   * required.
   */
  public record QuoteDecision(
      boolean approved,
      BigDecimal amount,
      String depositStatus,
      BigDecimal depositShare,
      BigDecimal depositAmount,
      BigDecimal depositRequiredAbove,
      BigDecimal creditLimit,
      BigDecimal openExposure,
      BigDecimal exposureAfterQuote,
      boolean withinLimit,
      int requestedTermsDays,
      int allowedTermsDays,
      boolean termsAllowed,
      boolean blockOrders,
      List<String> reasons,
      String policyVersion) {}

  public record ReadyDto(boolean ready, Map<String, TableStatus> tables) {}

  public record TableStatus(
      boolean loaded,
      Long version,
      LocalDate asOf,
      Long rows,
      String loadedAt,
      String problem,
      String writtenBy) {}

  static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static BigDecimal money(long cents) {
    return cents == Long.MIN_VALUE ? null : BigDecimal.valueOf(cents, 2);
  }

  static LocalDate date(int epochDay) {
    return epochDay == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(epochDay);
  }
}
