package org.encours.api.engines;

import java.util.List;

/**
 * Scores a prospect: the probability of paying late, its grade and the reasons. The API calls it on
 * request threads, so implementations are thread-safe and fast (a linear model, not a training
 * run).
 */
public interface ProspectScoring {
  Assessment score(ProspectAttributes prospect);

  /** A prospect's risk. */
  record Assessment(double probability, String grade, List<Reason> reasons, String modelVersion) {}

  /** One reason, with its contribution to the score when the model gives one (else null). */
  record Reason(String text, Double contribution) {}
}
