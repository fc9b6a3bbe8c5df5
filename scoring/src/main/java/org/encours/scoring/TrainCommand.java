package org.encours.scoring;

import java.io.PrintWriter;
import java.time.LocalDate;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.warehouse.SparkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code encours train}: fits, measures out of time and registers the late-payment models. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the late-payment models (paid more than 30 / 0 days late, payment date) on the warehouse's history,",
      "measures them out of time beside simple baselines and writes a new version into the model registry."
    },
    footer = {
      "",
      "Protocol and figures: docs/scoring.md. Example: encours train --cutoff 2026-10-31 --seed 42"
    })
public final class TrainCommand implements EncoursCommand {
  @Mixin SparkOptions spark;

  @Spec CommandSpec spec;

  @Option(
      names = "--cutoff",
      paramLabel = "DATE",
      description =
          "Training cutoff: only what is known on this date is used. Default: the latest date in the data.")
  String cutoff;

  @Option(names = "--seed", description = "Random seed of the tree models. Default: 42.")
  long seed = 42;

  @Option(
      names = "--gbt-iterations",
      paramLabel = "N",
      description = "Boosting iterations of the tree candidates. Default: 60.")
  int gbtIterations = LatePaymentModels.Settings.defaults().gbtIterations();

  @Option(
      names = "--max-fit-rows",
      paramLabel = "N",
      description =
          "Cap on the invoices the candidates are fitted on; a larger fit period is sampled uniformly (selection, calibration and test never are). Default: 1000000.")
  long maxFitRows = LatePaymentModels.DEFAULT_MAX_FIT_ROWS;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "Model registry. Default: $ENCOURS_MODELS, else ./"
              + ModelRegistry.DEFAULT_LOCATION
              + ".")
  String models;

  @Option(
      names = "--promote",
      description = "Make the new model the champion (the first model of a registry always is).")
  boolean promote;

  @Override
  public Integer call() {
    LocalDate at = cutoff == null ? null : EncoursErrors.parseDate("--cutoff", cutoff);
    if (gbtIterations < 1 || gbtIterations > 1000) {
      throw EncoursErrors.badArgument(
          "--gbt-iterations", String.valueOf(gbtIterations), "a number from 1 to 1000");
    }
    if (maxFitRows < 1000) {
      throw EncoursErrors.badArgument(
          "--max-fit-rows", String.valueOf(maxFitRows), "a number of invoices, at least 1000");
    }
    PrintWriter out = spec.commandLine().getOut();
    TrainJob job =
        new TrainJob(spark.openWarehouse("encours train"), ModelRegistry.locate(models), out)
            .cutoff(at)
            .settings(
                new LatePaymentModels.Settings(seed, gbtIterations).withMaxFitRows(maxFitRows))
            .promote(promote);
    out.println(job.execute().summary());
    out.flush();
    return 0;
  }
}
