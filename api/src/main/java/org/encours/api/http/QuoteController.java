package org.encours.api.http;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.encours.api.data.CustomerScore;
import org.encours.api.data.KeyedIndex;
import org.encours.api.data.LoadedTable;
import org.encours.api.data.Recommendation;
import org.encours.api.data.ServedTable;
import org.encours.api.data.ServingSnapshot;
import org.encours.api.data.SnapshotStore;
import org.encours.api.engines.ProspectAttributes;
import org.encours.api.engines.ProspectScoring;
import org.encours.api.engines.QuotePolicy;
import org.encours.api.http.Dtos.Envelope;
import org.encours.api.http.Dtos.ProspectRequest;
import org.encours.api.http.Dtos.ProspectScoreDto;
import org.encours.api.http.Dtos.QuoteCheckDto;
import org.encours.api.http.Dtos.QuoteRequest;

/** Sales endpoints: a prospect's score and terms, and a quote checked against a customer's or prospect's terms. */
final class QuoteController {
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} &/._,'()-]{0,63}");
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
    ProspectRequest body = Json.read(services.json(), Bodies.json(ctx, services.maxBodyBytes()), ProspectRequest.class);
    ProspectAttributes prospect = validate(body, "", services.clock(), true);
    ProspectScoring scoring = engine();
    QuotePolicy policy = policy();
    ProspectScoring.Assessment a = scoring.score(prospect);
    QuotePolicy.Terms terms = policy.termsFor(a.grade(), a.probability());
    BigDecimal amount = prospect.requestedAmount();
    Integer requested = prospect.requestedTermsDays();
    ProspectScoreDto dto =
        new ProspectScoreDto(
            a.probability(),
            a.grade(),
            a.reasons(),
            terms.depositShare(),
            amount == null ? null : amount.multiply(BigDecimal.valueOf(terms.depositShare())).setScale(2, RoundingMode.HALF_UP),
            terms.creditLimit(),
            terms.maxTermsDays(),
            requested == null ? terms.maxTermsDays() : Math.min(requested, terms.maxTermsDays()),
            terms.policyVersion());
    ctx.json(new Envelope<>(dto, a.modelVersion(), null, LocalDate.now(services.clock())));
  }

  void checkQuote(Context ctx) {
    QuoteRequest body = Json.read(services.json(), Bodies.json(ctx, services.maxBodyBytes()), QuoteRequest.class);
    if ((body.customerId() == null) == (body.prospect() == null)) {
      throw Problems.badBody("Give exactly one of 'customerId' (a known customer) or 'prospect' (a company with no history).");
    }
    BigDecimal amount = amount(body.amount(), "amount", true);
    int terms = terms(body.requestedTermsDays(), "requestedTermsDays", true);
    QuotePolicy policy = policy();
    if (body.customerId() != null) {
      String id = body.customerId();
      if (!Pattern.matches("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,63}", id)) {
        throw Problems.badBody("Field 'customerId': '" + Problems.clip(id) + "' is not a valid id (1 to 64 letters, digits, '.', '_', ':', '-').");
      }
      ServingSnapshot snapshot = store.current();
      LoadedTable<KeyedIndex<Recommendation>> recs = Responses.require(snapshot, store, ServedTable.RECOMMENDATIONS);
      Recommendation r = recs.index().get(id);
      if (r == null) {
        throw Problems.notFound("recommendation for customer", id);
      }
      CustomerScore score =
          snapshot.<KeyedIndex<CustomerScore>>table(ServedTable.CUSTOMER_SCORES).map(t -> t.index().get(id)).orElse(null);
      BigDecimal exposure = score == null ? BigDecimal.ZERO : nonNull(Dtos.money(score.exposureCents()));
      QuotePolicy.Terms customerTerms =
          new QuotePolicy.Terms(
              r.depositShare(),
              Dtos.money(r.creditLimitCents()),
              r.maxTermsDays() == Integer.MIN_VALUE ? 0 : r.maxTermsDays(),
              r.policyVersion());
      QuotePolicy.Decision decision = policy.check(customerTerms, exposure, amount, terms);
      ctx.json(
          new Envelope<>(
              new QuoteCheckDto(id, r.grade(), score == null ? null : score.probability(), decision),
              r.modelVersion(),
              recs.version(),
              recs.asOf()));
      return;
    }
    ProspectAttributes prospect = validate(body.prospect(), "prospect.", services.clock(), false);
    ProspectScoring.Assessment a = engine().score(prospect);
    QuotePolicy.Terms prospectTerms = policy.termsFor(a.grade(), a.probability());
    QuotePolicy.Decision decision = policy.check(prospectTerms, BigDecimal.ZERO, amount, terms);
    ctx.json(new Envelope<>(new QuoteCheckDto(null, a.grade(), a.probability(), decision), a.modelVersion(), null, LocalDate.now(services.clock())));
  }

  private static BigDecimal nonNull(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }

  private ProspectScoring engine() {
    if (services.prospects() == null) {
      throw Problems.engineMissing("Prospect scoring");
    }
    return services.prospects();
  }

  private QuotePolicy policy() {
    if (services.policy() == null) {
      throw Problems.engineMissing("The quote policy");
    }
    return services.policy();
  }

  /** Checks a prospect's attributes; {@code prefix} names nested fields in messages. */
  static ProspectAttributes validate(ProspectRequest p, String prefix, Clock clock, boolean amountRequired) {
    text(p.country(), prefix + "country", COUNTRY, "an ISO 3166 country code of two capital letters, e.g. FR");
    text(p.sector(), prefix + "sector", WORD, "a sector name of 1 to 64 letters, digits and punctuation");
    text(p.sizeBand(), prefix + "sizeBand", WORD, "a size band of 1 to 64 letters, digits and punctuation");
    text(p.channel(), prefix + "channel", CHANNEL, "a channel in lower case, e.g. direct, web, partner");
    LocalDate today = LocalDate.now(clock);
    if (p.companyCreatedDate() != null && p.companyAgeYears() != null) {
      throw Problems.badBody("Give one of '" + prefix + "companyCreatedDate' or '" + prefix + "companyAgeYears', not both.");
    }
    if (p.companyCreatedDate() != null
        && (p.companyCreatedDate().isAfter(today) || p.companyCreatedDate().getYear() < 1800)) {
      throw Problems.badBody("Field '" + prefix + "companyCreatedDate': " + p.companyCreatedDate() + " must be between 1800-01-01 and today.");
    }
    if (p.companyAgeYears() != null && !(p.companyAgeYears() >= 0 && p.companyAgeYears() <= 300)) {
      throw Problems.badBody("Field '" + prefix + "companyAgeYears': " + p.companyAgeYears() + " must be from 0 to 300.");
    }
    BigDecimal amount = amount(p.requestedAmount(), prefix + "requestedAmount", amountRequired);
    Integer terms = p.requestedTermsDays() == null ? null : terms(p.requestedTermsDays(), prefix + "requestedTermsDays", false);
    Double age = p.companyAgeYears();
    if (age == null && p.companyCreatedDate() != null) {
      age = (today.toEpochDay() - p.companyCreatedDate().toEpochDay()) / 365.25;
    }
    return new ProspectAttributes(p.country(), p.sector(), p.sizeBand(), p.companyCreatedDate(), age, amount, terms, p.channel());
  }

  private static void text(String value, String field, Pattern pattern, String expected) {
    if (value != null && !pattern.matcher(value).matches()) {
      throw Problems.badBody("Field '" + field + "': '" + Problems.clip(value) + "' is not valid: expected " + expected + ".");
    }
  }

  private static BigDecimal amount(BigDecimal value, String field, boolean required) {
    if (value == null) {
      if (required) {
        throw Problems.badBody("Field '" + field + "' is required: the amount in the invoicing currency, e.g. 12500.00.");
      }
      return null;
    }
    if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0 || value.scale() > 2) {
      throw Problems.badBody("Field '" + field + "': " + value.toPlainString() + " must be more than 0 and at most 1e12, with at most 2 decimals.");
    }
    return value;
  }

  private static int terms(Integer value, String field, boolean required) {
    if (value == null) {
      if (required) {
        throw Problems.badBody("Field '" + field + "' is required: payment terms in days, 0 to " + MAX_TERMS_DAYS + ".");
      }
      return 0;
    }
    if (value < 0 || value > MAX_TERMS_DAYS) {
      throw Problems.badBody("Field '" + field + "': " + value + " must be from 0 to " + MAX_TERMS_DAYS + " days.");
    }
    return value;
  }
}
