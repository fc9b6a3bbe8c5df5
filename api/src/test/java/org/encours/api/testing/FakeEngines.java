package org.encours.api.testing;

import java.math.BigDecimal;
import java.util.List;
import org.encours.api.engines.ProspectAttributes;
import org.encours.api.engines.ProspectScoring;
import org.encours.api.engines.QuotePolicy;

/**
 * Stand-ins for the prospect model and the policy library, for testing the machinery: a small
 * logistic function of the age of the company and the terms asked, and a grade table.
 */
public final class FakeEngines {
  private FakeEngines() {}

  public static ProspectScoring prospects() {
    return p -> {
      double age = p.companyAgeYears() == null ? 2 : p.companyAgeYears();
      double terms = p.requestedTermsDays() == null ? 30 : p.requestedTermsDays();
      double z = -1.2 - 0.15 * Math.min(age, 20) + 0.01 * terms + ("FR".equals(p.country()) ? 0.1 : 0);
      double probability = 1 / (1 + Math.exp(-z));
      String grade = probability < 0.1 ? "A" : probability < 0.2 ? "B" : probability < 0.35 ? "C" : "D";
      return new ProspectScoring.Assessment(
          probability,
          grade,
          List.of(new ProspectScoring.Reason("young company", 0.15 * (20 - Math.min(age, 20)) / 20), new ProspectScoring.Reason("terms asked", 0.01 * terms)),
          "prospect-fake-1");
    };
  }

  public static QuotePolicy policy() {
    return (grade, probability) ->
        switch (grade) {
          case "A" -> new QuotePolicy.Terms(0.0, new BigDecimal("100000.00"), 60, "fake-policy-1");
          case "B" -> new QuotePolicy.Terms(0.1, new BigDecimal("50000.00"), 45, "fake-policy-1");
          case "C" -> new QuotePolicy.Terms(0.3, new BigDecimal("20000.00"), 30, "fake-policy-1");
          default -> new QuotePolicy.Terms(1.0, new BigDecimal("5000.00"), 0, "fake-policy-1");
        };
  }

  /** Keeps the attributes type referenced (the fake reads them through the interface). */
  static Class<?> attributes() {
    return ProspectAttributes.class;
  }
}
