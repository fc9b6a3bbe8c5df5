package org.encours.refresh;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
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
import org.encours.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code encours refresh}: ingest a new export and bring every derived table up to date, in one
 * run.
 */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = {
      "The regular run after a new export, in one Spark application: ingest the export (with --source),",
      "then as of DATE: aging, aging_items and payment_behaviour; the monthly KPI series up to the last",
      "month end on or before DATE (only stale months rewritten); invoice and customer scores with the",
      "champion model (or --model); recommendations and dunning plans with the policy.",
      "It does not train: 'encours train' makes a new model, 'encours models' promotes it.",
      "With --inbox (instead of --source and --as-of) it refreshes every ready export of a folder, oldest",
      "first, in the same Spark application; with --watch it keeps doing so as exports arrive."
    },
    footer = {
      "",
      "Same result as running ingest, analytics --as-of, analytics --monthly, score and recommend one by one,",
      "without a JVM and Spark start for each. Example (a month's export, at the month end):",
      "  encours refresh --source exports/2026-11 --mapping canonical-csv --as-of 2026-11-30",
      "",
      "An inbox holds one folder per export, named by its cut-off date (the refresh's date), e.g.",
      "inbox/2026-11-30/ (a second export of a date: inbox/2026-11-30.corrected/). An export is read once",
      "its folder holds a file named READY (write it last); once refreshed, it is moved to inbox/done/.",
      "An export that fails stays in the inbox and the run stops there: the later ones wait for it.",
      "  encours refresh --inbox /srv/erp-exports --mapping canonical-csv --watch",
      "A driver kept running pays the JVM's warm-up (mostly the JIT) once, not once per export",
      "(measured in docs/scaling.md)."
    })
public final class RefreshCommand implements EncoursCommand {
  @Mixin SparkOptions spark;

  @Spec CommandSpec spec;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "Date of the refresh, YYYY-MM-DD (usually the export's cut-off). Required without --inbox.")
  String asOf;

  @Option(
      names = "--inbox",
      paramLabel = "DIR",
      description =
          "A local folder of exports, one folder per export named by its cut-off date and ready once it holds a READY file: each is ingested (with --mapping) and refreshed as of its date, oldest first, then moved to DIR/done. Instead of --source and --as-of.")
  Path inbox;

  @Option(
      names = "--watch",
      description =
          "With --inbox: keep running, looking for ready exports every --poll-seconds, until stopped (Ctrl-C).")
  boolean watch;

  @Option(
      names = "--poll-seconds",
      paramLabel = "N",
      description =
          "With --watch: seconds between two looks at the inbox (default: "
              + DEFAULT_POLL_SECONDS
              + ").")
  Integer pollSeconds;

  static final int DEFAULT_POLL_SECONDS = 60;

  @Option(
      names = "--source",
      paramLabel = "FILE_OR_DIR",
      description = "An export to ingest first (needs --mapping). Without it nothing is ingested.")
  String source;

  @Option(
      names = "--mapping",
      paramLabel = "MAPPING",
      description =
          "The export's mapping: a YAML file or a built-in name (canonical-csv, ibm-accounts-receivable).")
  String mapping;

  @Option(
      names = "--series-from",
      paramLabel = "MONTH",
      description =
          "First month of the KPI series, YYYY-MM. Default: the first month already in receivables_kpis, else 36 months back.")
  String seriesFrom;

  @Mixin ModelOptions modelOptions;

  @Mixin PolicyOptions policyOptions;

  @Override
  public Integer call() {
    // Every argument is checked before Spark starts.
    checkInboxArguments();
    LocalDate date = inbox != null ? null : EncoursErrors.parseDate("--as-of", asOf);
    if (inbox == null && (source == null) != (mapping == null)) {
      throw source == null
          ? EncoursErrors.badArgument(
              "--mapping", mapping, "goes with --source: the export to ingest")
          : EncoursErrors.badArgument(
              "--source", source, "needs --mapping: how to read the export (e.g. canonical-csv)");
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
    String version =
        modelOptions.version(registry); // no champion, or no such version: said before Spark starts

    PrintWriter out = spec.commandLine().getOut();
    Progress progress = Progress.toStderr("refresh");
    Warehouse warehouse = spark.openWarehouse("encours refresh");
    YearMonth seriesStart = first;
    Supplier<RefreshJob> job =
        () ->
            new RefreshJob(warehouse, progress, out)
                .seriesFrom(seriesStart)
                .models(registry, version)
                .policy(policy, homeCountry);
    if (inbox != null) {
      return new InboxRefresh(new ExportInbox(inbox), loadedMapping, job, progress, out)
          .run(watch, Duration.ofSeconds(pollSeconds == null ? DEFAULT_POLL_SECONDS : pollSeconds));
    }
    RefreshJob refresh = job.get();
    if (source != null) {
      refresh.ingest(source, loadedMapping);
    }
    out.println(refresh.run(date).summary());
    out.println("done in " + progress.elapsedText());
    out.flush();
    return 0;
  }

  private void checkInboxArguments() {
    if (inbox == null) {
      if (asOf == null) {
        throw EncoursErrors.missingArgument(
            "--as-of",
            "the date of the refresh, YYYY-MM-DD (or --inbox, a folder of exports named by their dates)");
      }
      if (watch) {
        throw EncoursErrors.badArgument(
            "--watch", "true", "only with --inbox: the folder to watch for exports");
      }
    }
    if (pollSeconds != null && !watch) {
      throw EncoursErrors.badArgument(
          "--poll-seconds",
          pollSeconds.toString(),
          "only with --watch: how often to look at the inbox");
    }
    if (inbox == null) {
      return;
    }
    if (asOf != null) {
      throw EncoursErrors.badArgument(
          "--as-of",
          asOf,
          "no --as-of with --inbox: each export is refreshed as of the date its folder is named by");
    }
    if (source != null) {
      throw EncoursErrors.badArgument(
          "--source", source, "no --source with --inbox: the exports are the inbox's folders");
    }
    if (mapping == null) {
      throw EncoursErrors.badArgument(
          "--inbox",
          inbox.toString(),
          "together with --mapping: how to read the exports (e.g. canonical-csv)");
    }
    if (!Files.isDirectory(inbox)) {
      throw EncoursErrors.badArgument("--inbox", inbox.toString(), "an existing local folder");
    }
    if (pollSeconds != null && pollSeconds < 1) {
      throw EncoursErrors.badArgument(
          "--poll-seconds", String.valueOf(pollSeconds), "a whole number of seconds, 1 or more");
    }
  }
}
