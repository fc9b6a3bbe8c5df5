package org.encours.api;

import org.encours.api.engines.ProspectScoring;
import org.encours.api.engines.QuotePolicy;

/**
 * Where the serve command gets its engines: the prevention policy ({@code org.encours.core.policy},
 * the shipped file or an override) and the prospect scorer ({@code org.encours.core.prospect}, a
 * model folder written by {@code encours train-prospects}; without one, prospect scoring answers 503).
 */
public final class Engines {
  private Engines() {}

  /** The prospect model in {@code folder}, or null (prospect scoring answers 503) without one. */
  public static ProspectScoring prospectScoring(java.nio.file.Path folder, org.encours.core.policy.GradeBands grades) {
    return folder == null ? null : ModelProspects.load(folder, grades);
  }

  /** The shipped policy, or the override file given to {@code serve --policy}. */
  public static QuotePolicy quotePolicy(java.nio.file.Path override) {
    org.encours.core.policy.Policy policy =
        override == null ? org.encours.core.policy.Policy.load() : org.encours.core.policy.Policy.load(override);
    return new PolicyQuotes(policy, java.time.Clock.systemUTC());
  }
}
