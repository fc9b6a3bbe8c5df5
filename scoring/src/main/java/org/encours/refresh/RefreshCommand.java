package org.encours.refresh;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.cli.Progress;
import org.encours.core.policy.Policy;
import org.encours.ingest.mapping.IngestMapping;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.prevention.PolicyOptions;
import org.encours.scoring.ModelOptions;
import org.encours.scoring.ModelRegistry;
import org.encours.warehouse.SparkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code encours refresh}: ingest a new export and bring every derived table up to date, in one run. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = {
      "The regular run after a new export, in one Spark application: ingest the export (with --source),",
      "then as of DATE: aging, aging_items and payment_behaviour; the monthly KPI series up to the last",
      "month end on or before DATE (only stale months rewritten); invoice and customer scores with the",
      "champion model (or --model); recommendations and dunning plans with the policy.",
      "It does not train: 'encours train' makes a new model, 'encours models' promotes it."
    },
    footer = {
      "",
      "Same result as running ingest, analytics --as-of, analytics --monthly, score and recommend one by one,",
      "without a JVM and Spark start for each. Example (a month's export, at the month end):",
      "  encours refresh --source exports/2026-11 --mapping canonical-csv --as-of 2026-11-30"
    })
public final class RefreshCommand implements EncoursCommand {
  @Mixin SparkOptions spark;

  @Spec CommandSpec spec;

  @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "Date of the refresh, YYYY-MM-DD (usually the export's cut-off).")
  String asOf;

  @Option(names = "--source", paramLabel = "FILE_OR_DIR", description = "An export to ingest first (needs --mapping). Without it nothing is ingested.")
  String source;

  @Option(names = "--mapping", paramLabel = "MAPPING", description = "The export's mapping: a YAML file or a built-in name (canonical-csv, ibm-accounts-receivable).")
  String mapping;

  @Option(names = "--series-from", paramLabel = "MONTH",
      description = "First month of the KPI series, YYYY-MM. Default: the first month already in receivables_kpis, else 36 months back.")
  String seriesFrom;

  @Mixin ModelOptions modelOptions;

  @Mixin PolicyOptions policyOptions;

  @Override
  public Integer call() {
    // Every argument is checked before Spark starts.
    LocalDate date = EncoursErrors.parseDate("--as-of", asOf);
    if ((source == null) != (mapping == null)) {
      throw source == null
          ? EncoursErrors.badArgument("--mapping", mapping, "goes with --source: the export to ingest")
          : EncoursErrors.badArgument("--source", source, "needs --mapping: how to read the export (e.g. canonical-csv)");
    }
    IngestMapping loadedMapping = mapping == null ? null : MappingLoader.load(mapping);
    YearMonth first = null;
    if (seriesFrom != null) {
      try {
        first = YearMonth.parse(seriesFrom.trim());
      } catch (DateTimeParseException e) {
        throw EncoursErrors.badArgument("--series-from", seriesFrom, "a month YYYY-MM");
      }
    }
    Policy policy = policyOptions.policy();
    String homeCountry = policyOptions.homeCountry();
    ModelRegistry registry = modelOptions.registry();
    String version = modelOptions.version(registry); // no champion, or no such version: said before Spark starts

    PrintWriter out = spec.commandLine().getOut();
    Progress progress = Progress.toStderr("refresh");
    RefreshJob job =
        new RefreshJob(spark.openWarehouse("encours refresh"), progress, out)
            .seriesFrom(first)
            .models(registry, version)
            .policy(policy, homeCountry);
    if (source != null) {
      job.ingest(source, loadedMapping);
    }
    out.println(job.run(date).summary());
    out.println("done in " + progress.elapsedText());
    out.flush();
    return 0;
  }
}
