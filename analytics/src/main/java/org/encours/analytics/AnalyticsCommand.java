package org.encours.analytics;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.metrics.AgingSlabs;
import org.encours.core.metrics.CollectionEffectivenessIndex;
import org.encours.core.metrics.StandardDso;
import org.encours.warehouse.SparkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code encours analytics}: the aging, KPI series and payment behaviour jobs. */
@Command(
    name = "analytics",
    mixinStandardHelpOptions = true,
    description = {
      "Receivables analytics written as Delta tables into the warehouse.",
      "  --as-of DATE               aging_items, aging and payment_behaviour as of DATE",
      "                             (without it: as of the data's last date, which the run prints)",
      "  --from M --to M --monthly  receivables_kpis at each month end (only stale months are rewritten)"
    },
    footer = {
      "",
      "Definitions: docs/metrics.md. Example: encours analytics --from 2023-01 --to 2025-12 --monthly"
    })
public final class AnalyticsCommand implements EncoursCommand {

  @Mixin SparkOptions spark;

  @Spec CommandSpec spec;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "Date of the snapshot, YYYY-MM-DD. Default: the data's last date.")
  String asOf;

  @Option(
      names = "--from",
      paramLabel = "MONTH",
      description = "First month of the series (YYYY-MM or a date in it).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "MONTH",
      description = "Last month of the series (YYYY-MM or a date in it).")
  String to;

  @Option(
      names = "--monthly",
      description = "Compute the monthly KPI series (with --from and --to).")
  boolean monthly;

  @Option(
      names = "--buckets",
      paramLabel = "DAYS,...",
      description = "Aging slab upper bounds. Default: 30,60,90,120.")
  String buckets = "30,60,90,120";

  @Option(
      names = "--age-from",
      paramLabel = "due|issue",
      description = "Age items from their due date (default) or issue date.")
  String ageFrom = "due";

  @Option(
      names = "--dso-months",
      paramLabel = "N",
      description = "Period of the standard DSO and BPDSO, in months. Default: 3.")
  int dsoMonths = StandardDso.DEFAULT_PERIOD_MONTHS;

  @Option(
      names = "--cei-months",
      paramLabel = "N",
      description =
          "Period of the CEI, in months. Default: 1, the monthly CEI; over N months the CEI uses"
              + " the period's whole credit sales.")
  int ceiMonths = CollectionEffectivenessIndex.DEFAULT_PERIOD_MONTHS;

  @Option(
      names = "--whole-history",
      description =
          "Compute from the whole history even where an earlier date's aging items or the KPI months already written"
              + " could be built on (the rows are the same; this is slower).")
  boolean wholeHistory;

  @Override
  public Integer call() {
    configure(null); // bad arguments fail here, before Spark starts
    PrintWriter out = spec.commandLine().getOut();
    AnalyticsJob running =
        configure(new AnalyticsJob(spark.openWarehouse("encours analytics"), out));
    AnalyticsJob.Result result = running.execute();
    out.println(result.summary());
    out.flush();
    return 0;
  }

  /** Validates the options (before any Spark start) and applies them to {@code job} when given. */
  AnalyticsJob configure(AnalyticsJob job) {
    if (asOf != null && (monthly || from != null || to != null)) {
      throw EncoursErrors.badArgument(
          "--as-of", asOf, "either --as-of DATE or --from/--to --monthly, not both");
    }
    if (!monthly && (from != null || to != null)) {
      throw EncoursErrors.badArgument(
          from != null ? "--from" : "--to",
          from != null ? from : to,
          "a month of the series, given with --monthly (--from M --to M --monthly)");
    }
    AgingSlabs slabs;
    try {
      slabs = AgingSlabs.parse(buckets, AgingSlabs.Basis.parse(ageFrom));
    } catch (IllegalArgumentException e) {
      boolean basis = e.getMessage().contains("'due' or 'issue'");
      throw EncoursErrors.badArgument(
          basis ? "--age-from" : "--buckets", basis ? ageFrom : buckets, e.getMessage());
    }
    if (dsoMonths < 1 || dsoMonths > 24) {
      throw EncoursErrors.badArgument(
          "--dso-months", String.valueOf(dsoMonths), "a number of months from 1 to 24");
    }
    if (ceiMonths < 1 || ceiMonths > 24) {
      throw EncoursErrors.badArgument(
          "--cei-months", String.valueOf(ceiMonths), "a number of months from 1 to 24");
    }
    LocalDate date = null;
    YearMonth first = null;
    YearMonth last = null;
    if (asOf != null) {
      date = EncoursErrors.parseDate("--as-of", asOf);
    } else if (monthly) {
      if (from == null) {
        throw EncoursErrors.badArgument(
            "--from", "(none)", "the first month of the series, e.g. 2023-01");
      }
      if (to == null) {
        throw EncoursErrors.badArgument(
            "--to", "(none)", "the last month of the series, e.g. 2025-12");
      }
      first = parseMonth("--from", from);
      last = parseMonth("--to", to);
      if (last.isBefore(first)) {
        throw EncoursErrors.badArgument("--to", to, "a month on or after --from " + from);
      }
    }
    if (job == null) {
      return null;
    }
    job.slabs(slabs).kpiOptions(new ReceivablesKpis.Options(dsoMonths, ceiMonths));
    if (wholeHistory) {
      job.fromWholeHistory();
    }
    if (monthly) {
      return job.monthly(first, last);
    }
    return date != null ? job.asOf(date) : job; // no date: the job takes the data's last date
  }

  private static YearMonth parseMonth(String option, String text) {
    String t = text.trim();
    try {
      return t.length() == 7 ? YearMonth.parse(t) : YearMonth.from(LocalDate.parse(t));
    } catch (DateTimeParseException e) {
      throw EncoursErrors.badArgument(option, text, "a month YYYY-MM (or a date YYYY-MM-DD in it)");
    }
  }
}
