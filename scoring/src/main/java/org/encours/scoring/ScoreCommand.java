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

/** {@code encours score --as-of DATE}: invoice and customer scores with a registered model. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Scores every invoice open at DATE and every customer known at DATE with the champion model (or --model),",
      "into the Delta tables invoice_scores, customer_scores and score_drift (partition of DATE replaced)."
    },
    footer = {
      "",
      "Columns and definitions: docs/scoring.md. Example: encours score --as-of 2026-10-31"
    })
public final class ScoreCommand implements EncoursCommand {
  @Mixin SparkOptions spark;

  @Spec CommandSpec spec;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      required = true,
      description = "Scoring date, YYYY-MM-DD.")
  String asOf;

  @Mixin ModelOptions modelOptions;

  @Option(
      names = "--whole-history",
      description =
          "Walk every customer's whole history and apply the models to every scored invoice, even when the score of an"
              + " earlier date kept what this one can go on from (the rows are the same; this is slower).")
  boolean wholeHistory;

  @Override
  public Integer call() {
    LocalDate date = EncoursErrors.parseDate("--as-of", asOf);
    ModelRegistry registry = modelOptions.registry();
    String version = modelOptions.version(registry); // no such model: said before Spark starts
    PrintWriter out = spec.commandLine().getOut();
    ScoreJob job =
        new ScoreJob(spark.openWarehouse("encours score"), registry, out).asOf(date).model(version);
    if (wholeHistory) {
      job.fromWholeHistory();
    }
    out.println(job.execute().summary());
    out.flush();
    return 0;
  }
}
