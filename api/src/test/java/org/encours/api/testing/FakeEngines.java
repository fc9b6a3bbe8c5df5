package org.encours.api.testing;

import java.util.List;
import org.encours.api.engines.ProspectAttributes;
import org.encours.api.engines.ProspectScoring;

/**
 * A stand-in for the prospect model, for testing the machinery: a small logistic function of the
 * age of the company and the terms asked, and a grade table.
 */
public final class FakeEngines {
  private FakeEngines() {}

  public static ProspectScoring prospects() {
    return p -> {
      double age = p.companyAgeYears() == null ? 2 : p.companyAgeYears();
      double terms = p.requestedTermsDays() == null ? 30 : p.requestedTermsDays();
      double z =
          -1.2 - 0.15 * Math.min(age, 20) + 0.01 * terms + ("FR".equals(p.country()) ? 0.1 : 0);
      double probability = 1 / (1 + Math.exp(-z));
      String grade =
          probability < 0.1 ? "A" : probability < 0.2 ? "B" : probability < 0.35 ? "C" : "D";
      return new ProspectScoring.Assessment(
          probability,
          grade,
          List.of(
              new ProspectScoring.Reason("young company", 0.15 * (20 - Math.min(age, 20)) / 20),
              new ProspectScoring.Reason("terms asked", 0.01 * terms)),
          "prospect-fake-1");
    };
  }

  /** Keeps the attributes type referenced (the fake reads them through the interface). */
  static Class<?> attributes() {
    return ProspectAttributes.class;
  }
}
