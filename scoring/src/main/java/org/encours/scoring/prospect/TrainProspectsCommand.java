package org.encours.scoring.prospect;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.cli.Progress;
import org.encours.core.prospect.ProspectModelTrainer;
import org.encours.warehouse.SparkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code encours train-prospects}: the prospect model (no payment history) from first-invoice
 * outcomes.
 */
@Command(
    name = "train-prospects",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the prospect model (customers with no payment history) on first-invoice outcomes as of DATE,",
      "evaluates it out of time beside baselines and writes a folder the API loads without Spark."
    },
    footer = {
      "",
      "Details: docs/prospects.md. Example: encours train-prospects --as-of 2026-10-31 --out var/models/prospects"
    })
public final class TrainProspectsCommand implements EncoursCommand {

  @Mixin SparkOptions spark;

  @Spec CommandSpec spec;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      required = true,
      description = "Training date, YYYY-MM-DD: no event after it is read.")
  String asOf;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Folder to write model.tribuo and prospect-model.json into.")
  Path out;

  @Option(
      names = "--late-days",
      paramLabel = "T",
      description = "Late means not paid within T days after due (0..119). Default: 30.")
  int lateDays = TrainProspectsJob.DEFAULT_LATE_DAYS;

  @Option(names = "--seed", description = "Seed of the SGD shuffling. Default: 42.")
  long seed = ProspectModelTrainer.Settings.defaults().seed();

  @Option(
      names = "--burn-in-days",
      paramLabel = "DAYS",
      description = "Leave out first invoices in the ledger's first DAYS days. Default: 90.")
  int burnInDays = TrainProspectsJob.DEFAULT_BURN_IN_DAYS;

  @Option(
      names = "--min-peer-invoices",
      paramLabel = "N",
      description =
          "Leave out first invoices with fewer than N known outcomes before them. Default: 200.")
  long minPeerInvoices = TrainProspectsJob.DEFAULT_MIN_PEER_INVOICES;

  @Override
  public Integer call() {
    LocalDate date = EncoursErrors.parseDate("--as-of", asOf);
    if (lateDays < 0 || lateDays >= 120) {
      throw EncoursErrors.badArgument(
          "--late-days", String.valueOf(lateDays), "a number of days from 0 to 119");
    }
    if (burnInDays < 0) {
      throw EncoursErrors.badArgument(
          "--burn-in-days", String.valueOf(burnInDays), "0 or more days");
    }
    if (minPeerInvoices < 0) {
      throw EncoursErrors.badArgument(
          "--min-peer-invoices", String.valueOf(minPeerInvoices), "0 or more");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    TrainProspectsJob.Result result =
        new TrainProspectsJob(
                spark.openWarehouse("encours train-prospects"),
                Progress.toStderr("train-prospects"))
            .asOf(date)
            .out(out)
            .lateDays(lateDays)
            .burnInDays(burnInDays)
            .minPeerInvoices(minPeerInvoices)
            .settings(ProspectModelTrainer.Settings.defaults().withSeed(seed))
            .run();
    stdout.println(result.summary());
    stdout.flush();
    return 0;
  }
}
