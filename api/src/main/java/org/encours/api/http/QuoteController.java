package org.encours.api.http;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.encours.api.data.KeyedIndex;
import org.encours.api.data.LoadedTable;
import org.encours.api.data.Recommendation;
import org.encours.api.data.ServedTable;
import org.encours.api.data.SnapshotStore;
import org.encours.api.engines.ProspectAttributes;
import org.encours.api.engines.ProspectScoring;
import org.encours.api.http.Dtos.Envelope;
import org.encours.api.http.Dtos.ProspectRequest;
import org.encours.api.http.Dtos.ProspectScoreDto;
import org.encours.api.http.Dtos.QuoteCheckDto;
import org.encours.api.http.Dtos.QuoteRequest;
import org.encours.core.policy.CustomerRisk;
import org.encours.core.policy.DepositRule;
import org.encours.core.policy.Policy;
import org.encours.core.policy.QuoteCheck;
import org.encours.core.policy.QuoteTerms;

/**
 * Sales endpoints: a prospect's score and terms, and a quote checked against a customer's or
 * prospect's terms, both by the prevention policy ({@link Policy}, the code {@code encours
 * recommend} runs).
 */
final class QuoteController {
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} &/._,'()-]{0,63}");
  private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z_-]{0,31}");
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
  private static final int MAX_TERMS_DAYS = 365;

  private final ApiServices services;
  private final SnapshotStore store;

  QuoteController(ApiServices services) {
    this.services = services;
    this.store = services.store();
  }

  void scoreProspect(Context ctx) {
    ProspectRequest body =
        Json.read(
            services.json(), Bodies.json(ctx, services.maxBodyBytes()), ProspectRequest.class);
    ProspectAttributes prospect = validate(body, "", services.clock(), true);
    ProspectScoring scoring = engine();
    Policy policy = policy();
    ProspectScoring.Assessment a = scoring.score(prospect);
    QuoteTerms terms = policy.recommend(prospectRisk(a)).quoteTerms();
    Integer requested = prospect.requestedTermsDays();
    QuoteCheck q =
        policy.checkQuote(
            terms,
            prospect.requestedAmount(),
            requested == null ? terms.maxTermsDays() : requested);
    ProspectScoreDto dto =
        new ProspectScoreDto(
            a.probability(),
            a.grade(),
            a.reasons(),
            q.depositShare().doubleValue(),
            Dtos.word(q.depositStatus()),
            q.depositAmount(),
            q.creditLimit(),
            q.allowedTermsDays(),
            requested == null ? q.allowedTermsDays() : Math.min(requested, q.allowedTermsDays()),
            policy.origin());
    ctx.json(new Envelope<>(dto, a.modelVersion(), null, LocalDate.now(services.clock())));
  }

  /**
   * Checks a quote with {@link Policy#checkQuote(QuoteTerms, BigDecimal, int)}: a known customer
   * against its row of {@code recommendations} (what the batch recommended), a prospect against the
   * policy's prospect rules, scored by the prospect model on the quote's amount and terms.
   */
  void checkQuote(Context ctx) {
    QuoteRequest body =
        Json.read(services.json(), Bodies.json(ctx, services.maxBodyBytes()), QuoteRequest.class);
    if ((body.customerId() == null) == (body.prospect() == null)) {
      throw Problems.badBody(
          "Give exactly one of 'customerId' (a known customer) or 'prospect' (a company with no history).");
    }
    BigDecimal amount = amount(body.amount(), "amount", true);
    int days = terms(body.requestedTermsDays(), "requestedTermsDays", true);
    Policy policy = policy();
    if (body.customerId() != null) {
      String id = body.customerId();
      if (!Pattern.matches("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,63}", id)) {
        throw Problems.badBody(
            "Field 'customerId': '"
                + Problems.clip(id)
                + "' is not a valid id (1 to 64 letters, digits, '.', '_', ':', '-').");
      }
      LoadedTable<KeyedIndex<Recommendation>> recs =
          Responses.require(store.current(), store, ServedTable.RECOMMENDATIONS);
      Recommendation r = recs.index().get(id);
      if (r == null) {
        throw Problems.notFound("recommendation for customer", id);
      }
      QuoteCheck q = policy.checkQuote(quoteTerms(r), amount, days);
      Double probability = Double.isNaN(r.probability()) ? null : r.probability();
      ctx.json(
          new Envelope<>(
              QuoteCheckDto.of(id, probability, q, r.policyVersion()),
              r.modelVersion(),
              recs.version(),
              recs.asOf()));
      return;
    }
    ProspectAttributes prospect =
        quoted(validate(body.prospect(), "prospect.", services.clock(), false), amount, days);
    ProspectScoring.Assessment a = engine().score(prospect);
    QuoteCheck q = policy.checkQuote(prospectRisk(a), amount, days);
    ctx.json(
        new Envelope<>(
            QuoteCheckDto.of(null, a.probability(), q, policy.origin()),
            a.modelVersion(),
            null,
            LocalDate.now(services.clock())));
  }

  /** A prospect as the policy sees it: the prospect rules apply, whatever grade the model gave. */
  private CustomerRisk prospectRisk(ProspectScoring.Assessment a) {
    return new CustomerRisk(
        null,
        true,
        a.grade(),
        a.probability(),
        BigDecimal.ZERO,
        null,
        null,
        null,
        0,
        LocalDate.now(services.clock()));
  }

  /**
   * The prospect of a quote (already validated), scored on the quote's amount and terms: its own
   * {@code requestedAmount} and {@code requestedTermsDays} may be left out, and when given must be
   * the quote's.
   */
  private static ProspectAttributes quoted(ProspectAttributes p, BigDecimal amount, int days) {
    if (p.requestedAmount() != null && p.requestedAmount().compareTo(amount) != 0) {
      throw Problems.badBody(
          "Field 'prospect.requestedAmount' ("
              + p.requestedAmount().toPlainString()
              + ") differs from the quote's 'amount' ("
              + amount.toPlainString()
              + "): leave it out, the quote's amount is the one scored.");
    }
    if (p.requestedTermsDays() != null && p.requestedTermsDays() != days) {
      throw Problems.badBody(
          "Field 'prospect.requestedTermsDays' ("
              + p.requestedTermsDays()
              + ") differs from the quote's 'requestedTermsDays' ("
              + days
              + "): leave it out, the quote's terms are the ones scored.");
    }
    return new ProspectAttributes(
        p.country(),
        p.sector(),
        p.sizeBand(),
        p.companyCreatedDate(),
        p.companyAgeYears(),
        amount,
        days,
        p.channel());
  }

  /** What the batch recommended for a customer, as the policy checks a quote against it. */
  private static QuoteTerms quoteTerms(Recommendation r) {
    BigDecimal limit = Dtos.money(r.creditLimitCents());
    BigDecimal exposure = Dtos.money(r.openExposureCents());
    String missing =
        Double.isNaN(r.depositShare())
            ? "deposit_share"
            : limit == null
                ? "credit_limit"
                : exposure == null
                    ? "open_exposure"
                    : r.maxTermsDays() == Integer.MIN_VALUE ? "max_terms_days" : null;
    if (missing != null) {
      throw Problems.tableNotLoaded(
          ServedTable.RECOMMENDATIONS,
          "the row of customer '" + r.customerId() + "' has no " + missing);
    }
    List<String> reasons =
        r.reasons() instanceof List<?> list
            ? list.stream().map(String::valueOf).toList()
            : List.of();
    DepositRule deposit =
        new DepositRule(
            BigDecimal.valueOf(r.depositShare()), Dtos.money(r.depositRequiredAboveCents()));
    return new QuoteTerms(
        r.customerId(),
        r.grade(),
        !r.scored(),
        deposit,
        limit,
        exposure,
        r.maxTermsDays(),
        r.blockOrders(),
        reasons);
  }

  private ProspectScoring engine() {
    if (services.prospects() == null) {
      throw Problems.engineMissing("Prospect scoring");
    }
    return services.prospects();
  }

  private Policy policy() {
    if (services.policy() == null) {
      throw Problems.engineMissing("The quote policy");
    }
    return services.policy();
  }

  /** Checks a prospect's attributes; {@code prefix} names nested fields in messages. */
  static ProspectAttributes validate(
      ProspectRequest p, String prefix, Clock clock, boolean amountRequired) {
    text(
        p.country(),
        prefix + "country",
        COUNTRY,
        "an ISO 3166 country code of two capital letters, e.g. FR");
    text(
        p.sector(),
        prefix + "sector",
        WORD,
        "a sector name of 1 to 64 letters, digits and punctuation");
    text(
        p.sizeBand(),
        prefix + "sizeBand",
        WORD,
        "a size band of 1 to 64 letters, digits and punctuation");
    text(
        p.channel(),
        prefix + "channel",
        CHANNEL,
        "a channel in lower case, e.g. direct, web, partner");
    LocalDate today = LocalDate.now(clock);
    if (p.companyCreatedDate() != null && p.companyAgeYears() != null) {
      throw Problems.badBody(
          "Give one of '"
              + prefix
              + "companyCreatedDate' or '"
              + prefix
              + "companyAgeYears', not both.");
    }
    if (p.companyCreatedDate() != null
        && (p.companyCreatedDate().isAfter(today) || p.companyCreatedDate().getYear() < 1800)) {
      throw Problems.badBody(
          "Field '"
              + prefix
              + "companyCreatedDate': "
              + p.companyCreatedDate()
              + " must be between 1800-01-01 and today.");
    }
    if (p.companyAgeYears() != null && !(p.companyAgeYears() >= 0 && p.companyAgeYears() <= 300)) {
      throw Problems.badBody(
          "Field '"
              + prefix
              + "companyAgeYears': "
              + p.companyAgeYears()
              + " must be from 0 to 300.");
    }
    BigDecimal amount = amount(p.requestedAmount(), prefix + "requestedAmount", amountRequired);
    Integer terms =
        p.requestedTermsDays() == null
            ? null
            : terms(p.requestedTermsDays(), prefix + "requestedTermsDays", false);
    Double age = p.companyAgeYears();
    if (age == null && p.companyCreatedDate() != null) {
      age = (today.toEpochDay() - p.companyCreatedDate().toEpochDay()) / 365.25;
    }
    return new ProspectAttributes(
        p.country(),
        p.sector(),
        p.sizeBand(),
        p.companyCreatedDate(),
        age,
        amount,
        terms,
        p.channel());
  }

  private static void text(String value, String field, Pattern pattern, String expected) {
    if (value != null && !pattern.matcher(value).matches()) {
      throw Problems.badBody(
          "Field '"
              + field
              + "': '"
              + Problems.clip(value)
              + "' is not valid: expected "
              + expected
              + ".");
    }
  }

  private static BigDecimal amount(BigDecimal value, String field, boolean required) {
    if (value == null) {
      if (required) {
        throw Problems.badBody(
            "Field '"
                + field
                + "' is required: the amount in the invoicing currency, e.g. 12500.00.");
      }
      return null;
    }
    if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0 || value.scale() > 2) {
      throw Problems.badBody(
          "Field '"
              + field
              + "': "
              + value.toPlainString()
              + " must be more than 0 and at most 1e12, with at most 2 decimals.");
    }
    return value;
  }

  private static int terms(Integer value, String field, boolean required) {
    if (value == null) {
      if (required) {
        throw Problems.badBody(
            "Field '"
                + field
                + "' is required: payment terms in days, 0 to "
                + MAX_TERMS_DAYS
                + ".");
      }
      return 0;
    }
    if (value < 0 || value > MAX_TERMS_DAYS) {
      throw Problems.badBody(
          "Field '" + field + "': " + value + " must be from 0 to " + MAX_TERMS_DAYS + " days.");
    }
    return value;
  }
}
