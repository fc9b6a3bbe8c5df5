package org.encours.api;

import org.encours.api.engines.ProspectScoring;

/**
 * Where the serve command gets the prospect scorer ({@code org.encours.core.prospect}, a model
 * folder written by {@code encours train-prospects}; without one, prospect scoring answers 503).
 */
public final class Engines {
  private Engines() {}

  /** The prospect model in {@code folder}, or null (prospect scoring answers 503) without one. */
  public static ProspectScoring prospectScoring(
      java.nio.file.Path folder, org.encours.core.policy.GradeBands grades) {
    return folder == null ? null : ModelProspects.load(folder, grades);
  }
}
