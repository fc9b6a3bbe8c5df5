package org.encours.scoring;

import picocli.CommandLine.Option;

/**
 * The options of the commands that score with a registered model ({@code score}, {@code refresh}).
 */
public final class ModelOptions {
  @Option(
      names = "--model",
      paramLabel = "VERSION",
      description = "Model version (default: the champion).")
  String model;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "Model registry. Default: $ENCOURS_MODELS, else ./"
              + ModelRegistry.DEFAULT_LOCATION
              + ".")
  String models;

  public ModelRegistry registry() {
    return ModelRegistry.locate(models);
  }

  /**
   * The version asked for (the champion by default), checked to be in the registry, before Spark
   * starts.
   */
  public String version(ModelRegistry registry) {
    return registry.resolve(model);
  }
}
