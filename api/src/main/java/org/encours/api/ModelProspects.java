package org.encours.api;

import java.nio.file.Path;
import java.util.List;
import org.encours.api.engines.ProspectAttributes;
import org.encours.api.engines.ProspectScoring;
import org.encours.core.policy.GradeBands;
import org.encours.core.prospect.Prospect;
import org.encours.core.prospect.ProspectScore;
import org.encours.core.prospect.ProspectScorer;

/**
 * The prospect model ({@link ProspectScorer}, loaded from the folder {@code encours
 * train-prospects} wrote, without Spark) behind {@code POST /v1/prospects/score} and the prospect
 * side of quotes.
 */
final class ModelProspects implements ProspectScoring {
  /** Code de commerce L441-10 I: 30 days when no payment terms are agreed. */
  static final int TERMS_WHEN_NOTHING_AGREED = 30;

  private final ProspectScorer scorer;

  ModelProspects(ProspectScorer scorer) {
    this.scorer = scorer;
  }

  static ModelProspects load(Path folder, GradeBands grades) {
    return new ModelProspects(ProspectScorer.load(folder, grades::gradeFor));
  }

  @Override
  public Assessment score(ProspectAttributes p) {
    ProspectScore s =
        scorer.score(
            new Prospect(
                p.country(),
                p.sector(),
                p.sizeBand(),
                p.companyCreatedDate(),
                p.companyAgeYears(),
                p.requestedAmount(),
                p.requestedTermsDays() == null ? TERMS_WHEN_NOTHING_AGREED : p.requestedTermsDays(),
                p.channel(),
                null));
    List<Reason> reasons =
        s.reasons().stream().map(r -> new Reason(r.text(), r.contribution())).toList();
    return new Assessment(s.probability(), s.grade(), reasons, s.modelVersion());
  }
}
